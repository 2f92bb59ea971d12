package dev.propensity.core;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A producer and a consumer run at once as two tasks on {@link Workers}, handing items over through a bounded
 * queue: the reading of sessions beside the feature extraction ({@code prefetch}), the computing of rows beside the
 * writing of CSV. Order is kept. A failure on either side stops the other, and {@link #run} rethrows it as it was
 * (the producer's first when both failed of their own). Waits are managed blocks, so running inside the workers'
 * own pool cannot starve it.
 *
 * @param <T> the items (batches, normally)
 */
public final class Pipe<T> {
    /**
     * Puts items into the pipe.
     *
     * @param <T> the items
     */
    @FunctionalInterface
    public interface Producer<T> {
        /**
         * Puts every item.
         *
         * @param out takes one item (waiting while the pipe is full)
         * @throws IOException when producing fails
         */
        void run(java.util.function.Consumer<T> out) throws IOException;
    }

    /**
     * Takes every item out of the pipe and makes a result.
     *
     * @param <T> the items
     * @param <R> the result
     */
    @FunctionalInterface
    public interface Consumer<T, R> {
        /**
         * Takes the items.
         *
         * @param in the items, in the order they were put
         * @return the result
         * @throws IOException when consuming fails
         */
        R run(Iterator<T> in) throws IOException;
    }

    private static final Object END = new Object();
    private static final Object BROKEN = new Object();

    private final BlockingQueue<Object> queue;
    private volatile boolean cancelled;

    private Pipe(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The other side of the pipe failed or stopped; unwinds the side that meets it. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the other side of the pipe stopped", null, false, false);
        }
    }

    /**
     * Runs a producer and a consumer at once: the consumer on the calling thread, the producer on the workers.
     * Needs workers that run two tasks at once ({@link Workers#parallelism()} of 2 or more).
     *
     * @param workers  the workers
     * @param capacity how many items may wait in the pipe
     * @param producer puts the items
     * @param consumer takes them
     * @param <T>      the items
     * @param <R>      the consumer's result
     * @return the consumer's result
     * @throws IOException what either side failed with
     */
    public static <T, R> R run(Workers workers, int capacity, Producer<T> producer, Consumer<T, R> consumer)
            throws IOException {
        if (workers.parallelism() < 2) {
            throw new IllegalArgumentException("a pipe needs workers that run two tasks at once, " + workers
                    + " runs one");
        }
        Pipe<T> pipe = new Pipe<>(capacity);
        Throwable[] failed = new Throwable[2];
        Object[] result = new Object[1];
        Workers.Task<Void> consume = () -> {
            try {
                result[0] = consumer.run(pipe.iterator());
            } catch (IOException | RuntimeException | Error e) {
                failed[0] = e;
            } finally {
                pipe.cancelled = true;
                pipe.queue.clear();
            }
            return null;
        };
        Workers.Task<Void> produce = () -> {
            try {
                producer.run(pipe::put);
                pipe.send(END);
            } catch (Stopped e) {
                // the consumer stopped first: its failure (if any) is the one reported
            } catch (IOException | RuntimeException | Error e) {
                failed[1] = e;
                pipe.queue.clear();
                pipe.send(BROKEN);
            }
            return null;
        };
        workers.run(List.of(consume, produce));
        Throwable f = failed[1] != null ? failed[1] : failed[0] instanceof Stopped ? null : failed[0];
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        R r = (R) result[0];
        return r;
    }

    private void put(T item) {
        send(item);
    }

    /** Puts an item, waiting while the pipe is full; throws {@link Stopped} once the consumer has stopped. */
    private void send(Object item) {
        boolean[] done = {false};
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    while (!done[0] && !cancelled) {
                        done[0] = queue.offer(item, 20, TimeUnit.MILLISECONDS);
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return done[0] || cancelled || (done[0] = queue.offer(item));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over work", e);
        }
        if (!done[0]) {
            throw new Stopped();
        }
    }

    private Object take() {
        Object[] box = new Object[1];
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    if (box[0] == null) {
                        box[0] = queue.take();
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return box[0] != null || (box[0] = queue.poll()) != null;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work", e);
        }
        return box[0];
    }

    private Iterator<T> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    Object o = take();
                    if (o == BROKEN) {
                        throw new Stopped();
                    }
                    if (o == END) {
                        ended = true;
                    } else {
                        next = o;
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                @SuppressWarnings("unchecked")
                T t = (T) next;
                next = null;
                return t;
            }
        };
    }
}
