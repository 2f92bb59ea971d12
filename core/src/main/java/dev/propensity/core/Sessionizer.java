package dev.propensity.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Groups a stream of events into sessions, emitting each session as soon as it is complete, so that memory
 * grows with the sessions open at once, not with the input.
 *
 * <p><b>Grouping.</b> {@link #bySessionId()} (the default) groups events by the shop's session id when an event
 * has one, and otherwise by user with an inactivity gap; {@link #byInactivity(Duration)} ignores session ids and
 * splits each user's events wherever two consecutive events are more than the gap apart (an event with no user id
 * is then keyed by its session id). A user-gap session's id is {@code userId + "@" + start epoch ms}.
 *
 * <p><b>Completion.</b> Input sorted by time is the normal case. The <em>watermark</em> is the latest event time
 * seen. A user-gap session is complete when the watermark passes its last event by more than the gap plus the
 * out-of-order tolerance; a session-id session when it passes by more than the idle timeout (default
 * {@value #DEFAULT_IDLE_TIMEOUT_MINUTES} minutes) plus the tolerance. {@link Run#finish()} emits all open
 * sessions. If a session id shows up again after its session was emitted, its events form a new session with the
 * same id (raise the idle timeout if the data has such long pauses inside a session).
 *
 * <p><b>Out-of-order events.</b> An event at most the tolerance (default
 * {@value #DEFAULT_TOLERANCE_MINUTES} minutes) older than the watermark is placed in time order in its session,
 * exactly as if the input had been sorted. An older event is <em>late</em>: with {@link LatePolicy#FAIL} (the
 * default) {@link Run#accept(Event)} throws a {@link LateEventException} naming the event; with
 * {@link LatePolicy#COUNT} the event is counted ({@link Run#lateEvents()}) and still used: it joins its session if
 * that is still open (in time order), and otherwise starts a new session.
 *
 * <p>Instances are immutable configurations; {@link #start(Consumer)} begins one run over one stream of events.
 */
public final class Sessionizer {
    /** The default inactivity gap in minutes. */
    public static final int DEFAULT_GAP_MINUTES = 30;
    /** The default idle timeout of session-id sessions in minutes. */
    public static final int DEFAULT_IDLE_TIMEOUT_MINUTES = 120;
    /** The default out-of-order tolerance in minutes. */
    public static final int DEFAULT_TOLERANCE_MINUTES = 5;

    /** What happens to an event older than the watermark minus the out-of-order tolerance. */
    public enum LatePolicy {
        /** Throw a {@link LateEventException}. */
        FAIL,
        /** Count it and use it: it joins its session if still open, else starts a new one. */
        COUNT
    }

    private final boolean useSessionIds;
    private final long gapMs;
    private final long idleMs;
    private final long toleranceMs;
    private final LatePolicy latePolicy;
    private final int maxSessionEvents;

    /**
     * The default most events one session keeps ({@link #withMaxSessionEvents(int)}): far above any real session,
     * low enough that one endless session (a bot, a broken id) cannot exhaust a small heap.
     */
    public static final int DEFAULT_MAX_SESSION_EVENTS = 100_000;

    private Sessionizer(boolean useSessionIds, long gapMs, long idleMs, long toleranceMs, LatePolicy latePolicy) {
        this(useSessionIds, gapMs, idleMs, toleranceMs, latePolicy, DEFAULT_MAX_SESSION_EVENTS);
    }

    private Sessionizer(boolean useSessionIds, long gapMs, long idleMs, long toleranceMs, LatePolicy latePolicy,
                        int maxSessionEvents) {
        this.useSessionIds = useSessionIds;
        this.gapMs = gapMs;
        this.idleMs = idleMs;
        this.toleranceMs = toleranceMs;
        this.latePolicy = latePolicy;
        this.maxSessionEvents = maxSessionEvents;
    }

    /**
     * A copy that keeps at most {@code max} events of one session: later events of a full session are dropped and
     * counted ({@link Run#overflowEvents()}), except its first purchase, which is kept so that the label stays
     * right. Memory per open session is then bounded whatever the input.
     *
     * @param max the most events per session, at least 1
     * @return the sessionizer
     */
    public Sessionizer withMaxSessionEvents(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the maximum session length must be >= 1, was " + max);
        }
        return new Sessionizer(useSessionIds, gapMs, idleMs, toleranceMs, latePolicy, max);
    }

    /** The most events one session keeps. */
    public int maxSessionEvents() {
        return maxSessionEvents;
    }

    /**
     * Groups by the shop's session id, falling back to user and a {@value #DEFAULT_GAP_MINUTES}-minute gap for
     * events without one.
     *
     * @return the sessionizer with default gap, idle timeout and tolerance
     */
    public static Sessionizer bySessionId() {
        return new Sessionizer(true, DEFAULT_GAP_MINUTES * 60_000L, DEFAULT_IDLE_TIMEOUT_MINUTES * 60_000L,
                DEFAULT_TOLERANCE_MINUTES * 60_000L, LatePolicy.FAIL);
    }

    /**
     * Groups each user's events, split wherever two consecutive events are more than {@code gap} apart; session
     * ids in the input are ignored.
     *
     * @param gap the inactivity gap, positive
     * @return the sessionizer
     */
    public static Sessionizer byInactivity(Duration gap) {
        return new Sessionizer(false, positive(gap, "gap"), DEFAULT_IDLE_TIMEOUT_MINUTES * 60_000L,
                DEFAULT_TOLERANCE_MINUTES * 60_000L, LatePolicy.FAIL);
    }

    private static long positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d.toMillis();
    }

    /** A copy with another inactivity gap (positive) for sessions keyed by user. */
    public Sessionizer withGap(Duration gap) {
        return new Sessionizer(useSessionIds, positive(gap, "gap"), idleMs, toleranceMs, latePolicy,
                maxSessionEvents);
    }

    /** A copy with another idle timeout (positive) after which a session-id session is complete. */
    public Sessionizer withIdleTimeout(Duration idleTimeout) {
        return new Sessionizer(useSessionIds, gapMs, positive(idleTimeout, "idleTimeout"), toleranceMs, latePolicy,
                maxSessionEvents);
    }

    /** A copy with another out-of-order tolerance (zero or positive). */
    public Sessionizer withOutOfOrderTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
        }
        return new Sessionizer(useSessionIds, gapMs, idleMs, tolerance.toMillis(), latePolicy, maxSessionEvents);
    }

    /** A copy with another policy for late events. */
    public Sessionizer withLateEvents(LatePolicy policy) {
        return new Sessionizer(useSessionIds, gapMs, idleMs, toleranceMs, Objects.requireNonNull(policy, "policy"),
                maxSessionEvents);
    }

    /** Whether events are grouped by their session id when they have one. */
    public boolean usesSessionIds() {
        return useSessionIds;
    }

    /** The inactivity gap for sessions keyed by user. */
    public Duration gap() {
        return Duration.ofMillis(gapMs);
    }

    /** The idle timeout for session-id sessions. */
    public Duration idleTimeout() {
        return Duration.ofMillis(idleMs);
    }

    /** The out-of-order tolerance. */
    public Duration outOfOrderTolerance() {
        return Duration.ofMillis(toleranceMs);
    }

    /** The policy for events older than the tolerance. */
    public LatePolicy latePolicy() {
        return latePolicy;
    }

    /**
     * Starts a run: feed it events with {@link Run#accept(Event)}, then call {@link Run#finish()}.
     *
     * @param sink receives each session when it is complete
     * @return the run
     */
    public Run start(Consumer<Session> sink) {
        return new Run(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Sessionizes events held in memory (for tests and small inputs).
     *
     * @param events events, normally in time order
     * @return the sessions in the order they were completed
     * @throws LateEventException under {@link LatePolicy#FAIL}, at the first late event
     */
    public List<Session> sessionize(Iterable<Event> events) {
        List<Session> out = new ArrayList<>();
        Run run = start(out::add);
        for (Event e : events) {
            run.accept(e);
        }
        run.finish();
        return out;
    }

    /**
     * What a {@link LateEventException} says about an event that arrived after the watermark had passed it by more
     * than the tolerance; for readers that group events themselves and must report a late event as this
     * sessionizer would.
     *
     * @param e               the late event
     * @param watermarkMillis the latest event time seen before it, epoch milliseconds
     * @return the message
     */
    public String lateEventMessage(Event e, long watermarkMillis) {
        return "event at " + e.time() + " ("
                + (e.sessionId() != null ? "session " + e.sessionId() : "user " + e.userId()) + ", "
                + e.type() + ") is " + human(watermarkMillis - e.epochMillis()) + " older than the latest event "
                + "seen (" + Instant.ofEpochMilli(watermarkMillis) + "), beyond the out-of-order tolerance of "
                + human(toleranceMs) + "; sort the input by time or raise the tolerance";
    }

    /** A duration such as {@code 1h 2m 3.5s}. */
    static String human(long ms) {
        StringBuilder sb = new StringBuilder();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        double sec = ms % 60_000 / 1000.0;
        if (h > 0) {
            sb.append(h).append("h ");
        }
        if (m > 0) {
            sb.append(m).append("m ");
        }
        if (sec > 0 || sb.length() == 0) {
            sb.append(sec == Math.rint(sec) ? Long.toString((long) sec) : Double.toString(sec)).append('s');
        }
        return sb.toString().trim();
    }

    @Override
    public String toString() {
        return "Sessionizer[" + (useSessionIds ? "session id, else " : "") + "user with gap " + gap()
                + ", idle timeout " + idleTimeout() + ", tolerance " + outOfOrderTolerance() + ", late events "
                + latePolicy + "]";
    }

    /** An event older than the out-of-order tolerance allows, under {@link LatePolicy#FAIL}. */
    public static final class LateEventException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        LateEventException(String message) {
            super(message);
        }
    }

    /** The key of a session grouped by user (kept apart from session ids). */
    private static final class UserKey {
        final String user;

        UserKey(String user) {
            this.user = user;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserKey && ((UserKey) o).user.equals(user);
        }

        @Override
        public int hashCode() {
            return user.hashCode() * 31 + 7;
        }
    }

    /** The events of one open session (or, for a user key, of a user's not yet final sessions). */
    private static final class Open {
        final String sessionId;
        final String userId;
        final ArrayList<Event> events = new ArrayList<>(8);
        Map<String, String> attributes;
        long last = Long.MIN_VALUE;
        /** Whether two consecutive events may be more than the gap apart (user entries only). */
        boolean gapInside;

        Open(String sessionId, String userId) {
            this.sessionId = sessionId;
            this.userId = userId;
        }

        /** Whether the session holds a purchase (checked only once it is full). */
        boolean purchaseKept;

        /** Adds an event; false when the session is full and the event was dropped. */
        boolean add(Event e, long gapMs, int max) {
            if (events.size() >= max) {
                long t = e.epochMillis();
                boolean continues = !events.isEmpty() && t - last <= gapMs;
                if (continues && (e.type() != EventType.PURCHASE || purchaseKept || hasPurchase())) {
                    // dropped, but the session is still active: its inactivity clock follows the dropped events,
                    // so a long session stays one session however many of its events are cut
                    last = Math.max(last, t);
                    return false;
                }
                if (!continues) {
                    add(e, gapMs); // after a gap a new session starts (the user entry splits there)
                    return true;
                }
                purchaseKept = true; // the first purchase is kept beyond the cap: the label must stay right
            }
            add(e, gapMs);
            return true;
        }

        private boolean hasPurchase() {
            for (Event x : events) {
                if (x.type() == EventType.PURCHASE) {
                    purchaseKept = true;
                    return true;
                }
            }
            return false;
        }

        void add(Event e, long gapMs) {
            long t = e.epochMillis();
            if (t >= last) {
                if (!events.isEmpty() && t - last > gapMs) {
                    gapInside = true;
                }
                events.add(e);
                last = t;
                return;
            }
            // out of order: insert after the last event with a time <= t (stable)
            int lo = 0;
            int hi = events.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (events.get(mid).epochMillis() <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo > 0 && t - events.get(lo - 1).epochMillis() > gapMs
                    || events.get(lo).epochMillis() - t > gapMs) {
                gapInside = true;
            }
            events.add(lo, e);
        }
    }

    /** One pass over one stream of events; not thread-safe. */
    public final class Run {
        private final Consumer<Session> sink;
        private final LinkedHashMap<Object, Open> byId = new LinkedHashMap<>(1024, 0.75f, true);
        private final LinkedHashMap<Object, Open> byUser = new LinkedHashMap<>(1024, 0.75f, true);
        private long watermark = Long.MIN_VALUE;
        private long events;
        private long late;
        private long overflow;
        private long emitted;
        private int maxOpen;
        private boolean finished;

        private Run(Consumer<Session> sink) {
            this.sink = sink;
        }

        /**
         * Adds an event.
         *
         * @param e the event
         * @throws LateEventException under {@link LatePolicy#FAIL} when {@code e} is older than the watermark
         *                            minus the tolerance
         * @throws IllegalStateException after {@link #finish()}
         */
        public void accept(Event e) {
            accept(e, Map.of());
        }

        /**
         * Adds an event with session-level attributes from its row; the first value seen for a name in a session
         * is kept.
         *
         * @param e          the event
         * @param attributes attributes such as traffic source; may be empty
         * @throws LateEventException under {@link LatePolicy#FAIL} when {@code e} is late
         */
        public void accept(Event e, Map<String, String> attributes) {
            if (finished) {
                throw new IllegalStateException("this run is finished; start a new one");
            }
            long t = e.epochMillis();
            if (watermark != Long.MIN_VALUE && t < watermark - toleranceMs) {
                if (latePolicy == LatePolicy.FAIL) {
                    throw new LateEventException(lateEventMessage(e, watermark));
                }
                late++;
            }
            events++;
            Open open;
            if (useSessionIds && e.sessionId() != null || e.userId() == null) {
                String id = e.sessionId();
                open = byId.get(id);
                if (open == null) {
                    open = new Open(id, e.userId());
                    byId.put(id, open);
                }
            } else {
                UserKey key = new UserKey(e.userId());
                open = byUser.get(key);
                if (open == null) {
                    open = new Open(null, e.userId());
                    byUser.put(key, open);
                } else {
                    emitFinalPrefix(open);
                }
            }
            if (!open.add(e, gapMs, maxSessionEvents)) {
                overflow++;
            }
            if (!attributes.isEmpty()) {
                if (open.attributes == null) {
                    open.attributes = new HashMap<>(attributes);
                } else {
                    for (Map.Entry<String, String> a : attributes.entrySet()) {
                        open.attributes.putIfAbsent(a.getKey(), a.getValue());
                    }
                }
            }
            int nOpen = byId.size() + byUser.size();
            if (nOpen > maxOpen) {
                maxOpen = nOpen;
            }
            if (t > watermark) {
                watermark = t;
                expire();
            }
        }

        private void expire() {
            long horizon = watermark - toleranceMs;
            for (Iterator<Open> it = byId.values().iterator(); it.hasNext(); ) {
                Open o = it.next();
                if (o.last + idleMs >= horizon) {
                    break;
                }
                it.remove();
                emit(o.sessionId, o, o.events);
            }
            for (Iterator<Open> it = byUser.values().iterator(); it.hasNext(); ) {
                Open o = it.next();
                if (o.last + gapMs >= horizon) {
                    break;
                }
                it.remove();
                emitSplit(o, o.events.size());
            }
        }

        /**
         * Emits the user's sessions that no future non-late event can join any more: those that end more than the
         * gap before the watermark minus the tolerance, followed by a gap. Skipped unless a gap was seen, so a
         * long continuous session costs nothing here.
         */
        private void emitFinalPrefix(Open o) {
            if (!o.gapInside) {
                return;
            }
            long horizon = watermark - toleranceMs;
            ArrayList<Event> ev = o.events;
            int n = ev.size();
            int cut = 0;
            boolean gapLeft = false;
            for (int i = 0; i + 1 < n; i++) {
                long ti = ev.get(i).epochMillis();
                if (ev.get(i + 1).epochMillis() - ti > gapMs) {
                    if (ti + gapMs < horizon) {
                        cut = i + 1;
                    } else {
                        gapLeft = true;
                        break;
                    }
                }
            }
            o.gapInside = gapLeft;
            if (cut > 0) {
                emitSplit(o, cut);
                ev.subList(0, cut).clear();
            }
        }

        /** Emits events [0, n) of a user entry, split at gaps. */
        private void emitSplit(Open o, int n) {
            ArrayList<Event> ev = o.events;
            int from = 0;
            for (int i = 1; i <= n; i++) {
                if (i == n || ev.get(i).epochMillis() - ev.get(i - 1).epochMillis() > gapMs) {
                    List<Event> part = ev.subList(from, i);
                    emit(o.userId + "@" + part.get(0).epochMillis(), o, part);
                    from = i;
                }
            }
        }

        private void emit(String id, Open o, List<Event> evs) {
            List<Event> list = evs;
            if (o.sessionId == null) {
                Event[] renamed = new Event[evs.size()];
                for (int i = 0; i < renamed.length; i++) {
                    Event e = evs.get(i);
                    renamed[i] = id.equals(e.sessionId()) ? e : e.withSessionId(id);
                }
                list = java.util.Arrays.asList(renamed);
            }
            boolean purchased = false;
            for (Event e : list) {
                if (e.type().isPurchase()) {
                    purchased = true;
                    break;
                }
            }
            emitted++;
            // events are in time order already (Open.add keeps them so): the canonical constructor only checks it
            sink.accept(new Session(id, o.userId, list, o.attributes == null ? Map.of() : o.attributes,
                    list.get(0).time(), list.get(list.size() - 1).time(), purchased));
        }

        /**
         * Moves the watermark to a later time, completing the sessions an event at that time would complete,
         * without adding an event: for a reader that groups some events itself (the byte-level REES46 reader) and
         * hands this run only the rest, so that both see one watermark. Earlier times change nothing.
         *
         * @param epochMillis the time of an event the caller has taken in
         */
        public void advanceWatermark(long epochMillis) {
            if (finished) {
                throw new IllegalStateException("this run is finished; start a new one");
            }
            if (epochMillis > watermark) {
                watermark = epochMillis;
                if (!byId.isEmpty() || !byUser.isEmpty()) {
                    expire();
                }
            }
        }

        /** Emits every open session; the run accepts no more events afterwards. */
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            for (Open o : byId.values()) {
                emit(o.sessionId, o, o.events);
            }
            for (Open o : byUser.values()) {
                emitSplit(o, o.events.size());
            }
            byId.clear();
            byUser.clear();
        }

        /** Sessions open now. */
        public int openSessions() {
            return byId.size() + byUser.size();
        }

        /** The most sessions that were open at once (user entries count as one). */
        public int maxOpenSessions() {
            return maxOpen;
        }

        /** Events accepted so far. */
        public long events() {
            return events;
        }

        /** Late events counted under {@link LatePolicy#COUNT}. */
        public long lateEvents() {
            return late;
        }

        /** Events dropped because their session already held {@link #maxSessionEvents()} events. */
        public long overflowEvents() {
            return overflow;
        }

        /** Sessions emitted so far. */
        public long sessionsEmitted() {
            return emitted;
        }

        /** The latest event time seen, or {@code null} before the first event. */
        public Instant watermark() {
            return watermark == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark);
        }
    }
}
