package dev.propensity.features;

import dev.propensity.core.Pipe;
import dev.propensity.core.Session;
import dev.propensity.core.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Pulls sessions from an iterator on one of the {@link Workers}, in batches, while the caller's thread uses them,
 * so that reading and parsing overlap with feature extraction. Order is kept; an exception thrown by the source
 * iterator is rethrown unchanged on the caller's thread. On workers that run one task at a time the caller simply
 * reads the sessions itself.
 */
final class Prefetcher {
    private static final int BATCH = 512;
    private static final int AHEAD = 8;

    private Prefetcher() {
    }

    /**
     * Runs {@code use} over the sessions of {@code source}, read ahead on the workers.
     *
     * @param workers the workers
     * @param source  the sessions (used from one other thread at a time)
     * @param use     what the caller does with them
     * @param <R>     its result
     * @return its result
     */
    static <R> R run(Workers workers, Iterator<Session> source, Function<Iterator<Session>, R> use) {
        if (workers.parallelism() < 2) {
            return use.apply(source);
        }
        try {
            return Pipe.<Session[], R>run(workers, AHEAD, out -> {
                while (source.hasNext()) {
                    Session[] b = new Session[BATCH];
                    int n = 0;
                    while (n < BATCH && source.hasNext()) {
                        b[n++] = source.next();
                    }
                    out.accept(n == BATCH ? b : Arrays.copyOf(b, n));
                }
            }, batches -> use.apply(new Flat(batches)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sessions of a sequence of batches. */
    private static final class Flat implements Iterator<Session> {
        private final Iterator<Session[]> batches;
        private Session[] batch;
        private int pos;

        Flat(Iterator<Session[]> batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            while ((batch == null || pos == batch.length) && batches.hasNext()) {
                batch = batches.next();
                pos = 0;
            }
            return batch != null && pos < batch.length;
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
    }
}
