package dev.propensity.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the library's parallel work runs on: one executor, passed in. Readers that split a file, the feature
 * engine, cross-validation folds, the logistic solver's gradient blocks and forests of trees all take a
 * {@code Workers} (most through a builder or config method named {@code workers}), and none starts a thread of its
 * own.
 *
 * <ul>
 *   <li>{@link #defaults()}: one shared pool with one thread per core, created on first use (daemon threads, so
 *       it never keeps a JVM alive);</li>
 *   <li>{@link #of(ForkJoinPool)}: a pool the caller owns and shuts down;</li>
 *   <li>{@link #callerOnly()}: no threads at all; every task runs on the calling thread, in order.</li>
 * </ul>
 *
 * <p>Tasks may themselves run tasks on the same workers (folds in parallel, each fold's solver in parallel): a
 * thread that waits for its subtasks runs queued tasks meanwhile, so nesting never deadlocks. The calling thread
 * always takes part, running the first task itself.
 *
 * <p>Failures are reported the way a serial run would report them: {@link #run(List)} waits for every started task,
 * then rethrows the failure of the lowest-numbered failing task (unchecked exceptions and errors as they are,
 * {@link IOException} as itself), with the other failures attached as suppressed exceptions. On
 * {@link #callerOnly()} the tasks after a failing one are not started, as in a plain loop.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Workers {
    /** One task: a result, or an {@link IOException} or an unchecked exception. */
    @FunctionalInterface
    public interface Task<T> {
        /**
         * Runs the task.
         *
         * @return its result (may be {@code null})
         * @throws IOException when its I/O fails
         */
        T call() throws IOException;
    }

    /** One block of an index range: the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        /**
         * Runs on one block.
         *
         * @param block the block's number, 0-based
         * @param from  the first index of the block
         * @param to    one past the last index of the block
         */
        void run(int block, int from, int to);
    }

    private static final class Shared {
        static final Workers DEFAULT = new Workers(newPool(Runtime.getRuntime().availableProcessors(),
                "propensity-worker"), Runtime.getRuntime().availableProcessors());
    }

    private static final Workers CALLER_ONLY = new Workers(null, 1);

    private final ForkJoinPool pool;
    private final int parallelism;

    private Workers(ForkJoinPool pool, int parallelism) {
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /**
     * The library's default: one pool shared by everything that is not given other workers, with one daemon thread
     * per available core, created on first use.
     *
     * @return the shared workers
     */
    public static Workers defaults() {
        return Shared.DEFAULT;
    }

    /**
     * Workers on a pool the caller owns (and shuts down when done with it).
     *
     * @param pool the pool; its parallelism is the number of tasks run at once
     * @return the workers
     */
    public static Workers of(ForkJoinPool pool) {
        Objects.requireNonNull(pool, "pool");
        return new Workers(pool, pool.getParallelism());
    }

    /**
     * No threads: every task runs on the calling thread, in order. Results are the same as with any other workers.
     *
     * @return the serial workers
     */
    public static Workers callerOnly() {
        return CALLER_ONLY;
    }

    /**
     * A new pool of daemon threads, for callers that want a pool of another size; the caller shuts it down.
     *
     * @param threads     the number of threads, at least 1
     * @param namePrefix  the prefix of the threads' names
     * @return the pool
     */
    public static ForkJoinPool newPool(int threads, String namePrefix) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        Objects.requireNonNull(namePrefix, "namePrefix");
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(namePrefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ForkJoinPool(threads, factory, null, false);
    }

    /**
     * How many tasks run at once: the pool's parallelism, 1 for {@link #callerOnly()}. Use it to decide how finely
     * to split work.
     *
     * @return at least 1
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Runs tasks, in parallel up to {@link #parallelism()}, and returns their results in task order. Returns only
     * when every task has finished.
     *
     * @param tasks the tasks; an empty list gives an empty result
     * @param <T>   the result type
     * @return the results, in the order of {@code tasks}
     * @throws IOException the lowest-numbered failing task's {@code IOException}, when that is how it failed
     */
    public <T> List<T> run(List<? extends Task<? extends T>> tasks) throws IOException {
        Objects.requireNonNull(tasks, "tasks");
        int n = tasks.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        if (pool == null || n <= 1 || parallelism <= 1) {
            for (int i = 0; i < n; i++) {
                try {
                    results[i] = tasks.get(i).call();
                } catch (IOException | RuntimeException | Error e) {
                    failures[i] = e;
                    break; // a serial run stops at its first failure
                }
            }
        } else {
            List<ForkJoinTask<?>> forked = new ArrayList<>(n - 1);
            boolean inPool = ForkJoinTask.getPool() == pool;
            for (int i = 1; i < n; i++) {
                ForkJoinTask<?> t = ForkJoinTask.adapt(capture(tasks.get(i), results, failures, i));
                forked.add(inPool ? t.fork() : pool.submit(t));
            }
            capture(tasks.get(0), results, failures, 0).run();
            for (ForkJoinTask<?> t : forked) {
                t.join(); // never throws: capture keeps every failure
            }
        }
        rethrow(failures);
        List<T> out = new ArrayList<>(n);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            T t = (T) r;
            out.add(t);
        }
        return out;
    }

    /**
     * Runs tasks that do no I/O; see {@link #run(List)}.
     *
     * @param tasks the tasks
     * @param <T>   the result type
     * @return the results, in task order
     * @throws UncheckedIOException if a task nevertheless failed with an {@code IOException}
     */
    public <T> List<T> compute(List<? extends Task<? extends T>> tasks) {
        try {
            return run(tasks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits {@code [0, n)} into at most {@code blocks} contiguous blocks of near-equal size and runs them in
     * parallel. Block boundaries depend only on {@code n} and {@code blocks}, never on the pool, so a computation
     * that combines per-block results in block order gives the same answer on any workers.
     *
     * @param n      the size of the range, 0 or more
     * @param blocks the number of blocks, at least 1 (fewer are used when {@code n} is smaller)
     * @param task   what to run on each block
     */
    public void forBlocks(int n, int blocks, RangeTask task) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be >= 1, was " + blocks);
        }
        Objects.requireNonNull(task, "task");
        int k = Math.max(1, Math.min(blocks, n));
        List<Task<Void>> tasks = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            int block = b;
            int from = (int) ((long) n * b / k);
            int to = (int) ((long) n * (b + 1) / k);
            tasks.add(() -> {
                task.run(block, from, to);
                return null;
            });
        }
        compute(tasks);
    }

    private static Runnable capture(Task<?> task, Object[] results, Throwable[] failures, int i) {
        return () -> {
            try {
                results[i] = task.call();
            } catch (IOException | RuntimeException | Error e) {
                failures[i] = e;
            }
        };
    }

    private static void rethrow(Throwable[] failures) throws IOException {
        Throwable first = null;
        for (Throwable f : failures) {
            if (f == null) {
                continue;
            }
            if (first == null) {
                first = f;
            } else if (f != first) {
                first.addSuppressed(f);
            }
        }
        if (first instanceof IOException) {
            throw (IOException) first;
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
    }

    @Override
    public String toString() {
        return pool == null ? "Workers[caller only]" : "Workers[parallelism=" + parallelism + "]";
    }
}
