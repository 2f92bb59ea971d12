package dev.propensity.metrics;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Objects;

/**
 * Follows sessions through a replay, one scored event at a time, and feeds each finished session's scores at the
 * report's checkpoints ({@link Checkpoint#reportEvents()} then {@link Checkpoint#reportMinutes()}) into an
 * {@link Earliness}, with the same definitions as {@link Checkpoint#visible}. Memory is bounded like the live
 * scorer's: a session is finished by its purchase, by {@link #finish()}, or when the latest event is more than the
 * idle timeout after its last one. Events must come in time order per session. Not thread-safe.
 */
public final class EarlinessTracker {
    private final List<Checkpoint> checkpoints;
    private final int eventCheckpoints;
    private final Earliness earliness;
    private final long idleMs;
    /** Per checkpoint: the event count it is reached at (events checkpoints), or -1. */
    private final int[] atEvents;
    /** Per checkpoint: the milliseconds after the session's start it is reached at (minutes checkpoints), or -1. */
    private final long[] afterMillis;
    /** Per checkpoint: whether it is "all before the first purchase". */
    private final boolean[] whole;
    private final LinkedHashMap<String, Track> open = new LinkedHashMap<>(1024, 0.75f, true);
    private long latest = Long.MIN_VALUE;

    /**
     * A tracker.
     *
     * @param idleMillis a session with no event for this long (in event time) is finished, {@code > 0}
     */
    public EarlinessTracker(long idleMillis) {
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("idleMillis must be > 0, was " + idleMillis);
        }
        List<Checkpoint> ev = Checkpoint.reportEvents();
        java.util.ArrayList<Checkpoint> all = new java.util.ArrayList<>(ev);
        all.addAll(Checkpoint.reportMinutes());
        this.checkpoints = List.copyOf(all);
        this.eventCheckpoints = ev.size();
        this.earliness = new Earliness(checkpoints);
        this.idleMs = idleMillis;
        int n = checkpoints.size();
        if (n > Integer.SIZE) {
            throw new IllegalStateException("at most " + Integer.SIZE + " checkpoints, were " + n);
        }
        this.atEvents = new int[n];
        this.afterMillis = new long[n];
        this.whole = new boolean[n];
        for (int c = 0; c < n; c++) {
            Checkpoint cp = checkpoints.get(c);
            atEvents[c] = cp.kind() == Checkpoint.Kind.EVENTS ? cp.value() : -1;
            afterMillis[c] = c >= eventCheckpoints ? cp.value() * 60_000L : -1;
            whole[c] = cp.kind() == Checkpoint.Kind.ALL;
        }
    }

    /**
     * One scored event of a session.
     *
     * @param sessionId      the session
     * @param eventMillis    the event's time
     * @param purchase       whether it is the session's first purchase (which finishes it)
     * @param probability    the session's probability after it (for a purchase: of the events before it)
     * @param eventsBefore   the session's events before the first purchase, this one included unless it is the
     *                       purchase (its 1-based index among them)
     */
    public void event(String sessionId, long eventMillis, boolean purchase, double probability, int eventsBefore) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (eventMillis > latest) {
            latest = eventMillis;
            expire();
        }
        Track t = open.get(sessionId);
        if (t == null) {
            t = new Track(eventMillis, checkpoints.size());
            open.put(sessionId, t);
        }
        t.last = eventMillis;
        int n = atEvents.length;
        // minute checkpoints passed before this event: scored with the probability before it
        for (int c = eventCheckpoints; c < n; c++) {
            if ((t.reached & (1 << c)) == 0 && eventMillis > t.start + afterMillis[c]) {
                t.reach(c, t.probability);
            }
        }
        if (purchase) {
            open.remove(sessionId);
            t.probability = probability;
            flush(t, true);
            return;
        }
        t.probability = probability;
        for (int c = 0; c < eventCheckpoints; c++) {
            if (atEvents[c] == eventsBefore) {
                t.reach(c, probability);
            }
        }
        for (int c = eventCheckpoints; c < n; c++) {
            if ((t.reached & (1 << c)) == 0 && eventMillis == t.start + afterMillis[c]) {
                t.reach(c, probability);
            }
        }
    }

    private void expire() {
        for (Iterator<Track> it = open.values().iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.last + idleMs >= latest) {
                break;
            }
            it.remove();
            flush(t, false);
        }
    }

    private void flush(Track t, boolean purchased) {
        for (int c = 0; c < whole.length; c++) {
            if (whole[c]) {
                earliness.add(c, purchased, t.probability);
            } else if ((t.reached & (1 << c)) != 0) {
                earliness.add(c, purchased, t.score[c]);
            }
        }
    }

    /**
     * Finishes every open session (at the end of the replay) and returns the collected figures.
     *
     * @return the collector, its checkpoints the report's events (with {@code all}) then minutes
     */
    public Earliness finish() {
        for (Track t : open.values()) {
            flush(t, false);
        }
        open.clear();
        return earliness;
    }

    /** The sessions being followed now. */
    public int openSessions() {
        return open.size();
    }

    /** One followed session. */
    private static final class Track {
        final long start;
        long last;
        double probability = Double.NaN;
        /** Bit c: checkpoint c is reached, its score in {@link #score}. */
        int reached;
        final double[] score;

        Track(long start, int n) {
            this.start = start;
            this.score = new double[n];
        }

        void reach(int c, double p) {
            reached |= 1 << c;
            score[c] = p;
        }
    }

}
