package dev.propensity.features;

import dev.propensity.core.Session;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Pulls sessions from an iterator on a background thread, in batches, so that reading and parsing overlap with
 * feature extraction on the caller's thread. Order is kept. An exception thrown by the source iterator is
 * rethrown, unchanged, by {@link #hasNext()} on the caller's thread. {@link #close()} stops the background thread.
 */
final class Prefetcher implements Iterator<Session>, AutoCloseable {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private Session[] batch;
    private int pos;
    private boolean done;

    Prefetcher(Iterator<Session> source, int batchSize, int batchesAhead) {
        queue = new ArrayBlockingQueue<>(batchesAhead);
        thread = new Thread(() -> run(source, batchSize), "propensity-session-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Iterator<Session> source, int batchSize) {
        try {
            try {
                while (source.hasNext()) {
                    Session[] b = new Session[batchSize];
                    int n = 0;
                    while (n < batchSize && source.hasNext()) {
                        b[n++] = source.next();
                    }
                    queue.put(n == batchSize ? b : java.util.Arrays.copyOf(b, n));
                }
                queue.put(END);
            } catch (RuntimeException | Error e) {
                queue.put(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (!done && (batch == null || pos == batch.length)) {
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for sessions", e);
            }
            if (o == END) {
                done = true;
            } else if (o instanceof RuntimeException) {
                done = true;
                throw (RuntimeException) o;
            } else if (o instanceof Error) {
                done = true;
                throw (Error) o;
            } else {
                batch = (Session[]) o;
                pos = 0;
            }
        }
        return !done;
    }

    @Override
    public Session next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Session s = batch[pos];
        batch[pos++] = null;
        return s;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
