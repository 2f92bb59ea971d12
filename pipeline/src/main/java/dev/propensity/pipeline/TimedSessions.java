package dev.propensity.pipeline;

import dev.propensity.core.Session;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The sessions of a reader as an iterator that counts them, measures the time spent inside the reader, and reports
 * the count every 1,024 sessions. An {@link IOException} surfaces as {@link UncheckedIOException}.
 */
final class TimedSessions implements Iterator<Session> {
    private final SessionReader reader;
    private final PhaseClock clock;
    private Session next;
    private boolean done;
    private long count;
    private long nanos;

    TimedSessions(SessionReader reader, PhaseClock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            long t0 = System.nanoTime();
            try {
                next = reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                nanos += System.nanoTime() - t0;
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public Session next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more sessions");
        }
        Session s = next;
        next = null;
        count++;
        if ((count & 1023) == 0) {
            clock.rows(count);
        }
        return s;
    }

    /** Seconds spent inside the reader (reading, parsing, sessionizing). */
    double readSeconds() {
        return nanos / 1e9;
    }
}
