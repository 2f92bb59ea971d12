package dev.propensity.pipeline;

import dev.propensity.core.Session;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Sessions as they are read, counted, with the time spent reading them measured and the count reported every
 * 1,024 sessions.
 */
final class TimedSessions implements Iterator<Session> {
    private final Iterator<Session> sessions;
    private final PhaseClock clock;
    private long count;
    private long nanos;

    /**
     * @param sessions the sessions, read as they are asked for (e.g. {@code SessionReader.stream().iterator()})
     * @param clock    where the count is reported
     */
    TimedSessions(Iterator<Session> sessions, PhaseClock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean hasNext() {
        long t0 = System.nanoTime();
        try {
            return sessions.hasNext();
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    @Override
    public Session next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more sessions");
        }
        Session s = sessions.next();
        count++;
        if ((count & 1023) == 0) {
            clock.rows(count);
        }
        return s;
    }

    /** Seconds spent reading (reading, parsing, sessionizing). */
    double readSeconds() {
        return nanos / 1e9;
    }
}
