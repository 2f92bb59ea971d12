package dev.propensity.live;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.Sessionizer;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.SessionRows;
import dev.propensity.features.StandardExtractors;
import dev.propensity.model.Explanation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.PurchaseModel;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scores sessions while they are live: each {@link #update(Event)} adds one event to its open session and returns
 * the session's current purchase probability, computed by the same feature extractors as the batch path
 * ({@link SessionRows}: {@code FeatureTables}' extractors and zone) over the session's events so far, so that after the
 * k-th event of a session the probability equals the batch score of that session under the cutoff
 * {@code events:k}.
 *
 * <pre>{@code
 * PurchaseModel model = PurchaseModels.load(Path.of("out/model.propensity"));
 * LiveScorer live = LiveScorer.builder(model).maxOpenSessions(100_000).idleTimeout(Duration.ofMinutes(30)).build();
 * LiveScore s = live.update(event);        // s.probability(), s.drivers(), s.status()
 * }</pre>
 *
 * <p><b>Sessions.</b> Events are keyed by their session id ({@link Builder#bySessionId()}, the default; an event
 * without one is keyed by user with the inactivity gap, as the {@link Sessionizer} does), or by user with an
 * inactivity gap ({@link Builder#byUser(Duration)}): an event more than the gap after the user's last event starts
 * a new session, named {@code userId + "@" + start epoch ms}. A purchase ends its session's scoring, because the
 * outcome is then known; the session is kept as a small marker (its events dropped) until it idles out, so that
 * its later events are recognised ({@link LiveStatus#AFTER_PURCHASE}) and do not start a new session.
 *
 * <p><b>Order.</b> An event at most the out-of-order tolerance older than the latest event seen is placed in time
 * order in its session (after events of the same time), as the {@link Sessionizer} places it, and the session is
 * scored again. An older event is {@link LiveStatus#LATE}: counted and not used.
 *
 * <p><b>Memory.</b> At most {@link Builder#maxOpenSessions(int)} sessions are open; when a new session would
 * exceed it, the least recently updated session is evicted (counted in {@link LiveStats#evicted()}). A session
 * with no event for the idle timeout, measured in event time against the latest event seen, is removed (counted
 * in {@link LiveStats#expired()}); {@link #expireIdle()} sweeps all sessions, updates sweep their own stripe. An
 * open session holds its events so far in a {@link SessionRows.Live} (primitive arrays growing by doubling, and
 * the extractors' row) plus its bookkeeping here; a session that purchased keeps only the bookkeeping. See the
 * module README for the measured bytes per open session.
 *
 * <p><b>Threads.</b> Thread-safe. Sessions are spread over independently locked stripes, so different sessions
 * are updated concurrently; events of one session are applied one at a time.
 *
 * <p><b>Drivers.</b> For a model that implements {@link LinearExplainable} (logistic), each score carries the
 * features with the largest contributions to the log-odds. Tree models (XGBoost, random forest) and stacks give no
 * per-feature contributions: their scores carry an empty driver list, and {@link LiveScore#change()} (how much
 * the last event moved the probability) is what they give instead; the report's permutation importance gives
 * their drivers over all sessions.
 */
public final class LiveScorer {
    private static final int STRIPES = 64;
    /** Per stripe, how many finished live sessions are kept to be restarted, and the most events they may hold. */
    private static final int SPARES = 16;
    private static final int SPARE_EVENTS = 64;

    private final PurchaseModel model;
    private final LiveFeatures features;
    private final LinearExplainable linear;
    private final boolean byUser;
    private final long gapMs;
    private final long idleMs;
    private final long toleranceMs;
    private final int maxOpen;
    private final int topDrivers;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger evictCursor = new AtomicInteger();
    private final LongAdder events = new LongAdder();
    private final LongAdder scored = new LongAdder();
    private final LongAdder purchases = new LongAdder();
    private final LongAdder afterPurchase = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder evicted = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder reordered = new LongAdder();

    private LiveScorer(Builder b) {
        this.model = b.model;
        this.features = new LiveFeatures(b.extractors != null ? b.extractors : StandardExtractors.forEvents(b.zone),
                b.model.schema());
        this.linear = b.model instanceof LinearExplainable ? (LinearExplainable) b.model : null;
        this.byUser = b.byUser;
        this.gapMs = b.gap.toMillis();
        this.idleMs = b.idleTimeout.toMillis();
        this.toleranceMs = b.tolerance.toMillis();
        this.maxOpen = b.maxOpen;
        this.topDrivers = b.topDrivers;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * A builder for a scorer of this model, with the defaults: the standard event extractors in UTC, sessions keyed
     * by session id, at most 1,000,000 open sessions, a 2-hour idle timeout (the {@link Sessionizer}'s), a
     * 5-minute out-of-order tolerance, 3 drivers per score.
     *
     * @param model the model, trained on features of the same extractors
     * @return the builder
     */
    public static Builder builder(PurchaseModel model) {
        return new Builder(Objects.requireNonNull(model, "model"));
    }

    /**
     * A scorer with the defaults of {@link #builder(PurchaseModel)}.
     *
     * @param model the model
     * @return the scorer
     * @throws IllegalArgumentException when the model needs a feature the standard extractors do not produce
     */
    public static LiveScorer of(PurchaseModel model) {
        return builder(model).build();
    }

    /** The model. */
    public PurchaseModel model() {
        return model;
    }

    /** The idle timeout in milliseconds of event time. */
    public long idleTimeoutMillis() {
        return idleMs;
    }

    /** Whether scores carry per-feature drivers (the model is linear and {@code topDrivers > 0}). */
    public boolean explains() {
        return linear != null && topDrivers > 0;
    }

    /**
     * Adds one event to its session and scores the session.
     *
     * @param event the event
     * @return the session's probability after it
     */
    public LiveScore update(Event event) {
        return update(event, Map.of());
    }

    /**
     * Adds one event, with session attributes from its row (traffic source, device, ...; the first value seen for
     * a name in a session is kept), and scores the session.
     *
     * @param event      the event
     * @param attributes attributes such as {@code traffic_source}; may be empty
     * @return the session's probability after it
     */
    public LiveScore update(Event event, Map<String, String> attributes) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(attributes, "attributes");
        events.increment();
        long t = event.epochMillis();
        long w = watermark.get();
        if (w != Long.MIN_VALUE && t < w - toleranceMs) {
            late.increment();
            return lateScore(event);
        }
        while (t > w && !watermark.compareAndSet(w, t)) {
            w = watermark.get();
        }
        boolean user = byUser && event.userId() != null || event.sessionId() == null;
        String key = user ? event.userId() : event.sessionId();
        Stripe stripe = stripe(key, user);
        LiveScore result;
        boolean created = false;
        synchronized (stripe) {
            stripe.expire(watermark.get() - toleranceMs);
            Lru map = user ? stripe.byUser : stripe.byId;
            State s = map.get(key);
            if (s != null && user && t - s.last > gapMs) {
                map.remove(s);
                stripe.recycle(s);
                open.decrementAndGet();
                s = null;
            }
            if (s != null && user && s.first - t > gapMs) {
                late.increment();
                return lateScore(event);
            }
            if (s == null) {
                s = new State(user ? event.userId() + "@" + t : event.sessionId(), event.userId(), t);
                map.put(key, s);
                open.incrementAndGet();
                created = true;
            }
            result = apply(stripe, s, event, attributes);
        }
        if (created) {
            enforceCapacity(key, user);
        }
        return result;
    }

    /** Adds the event to an open session (lock held) and scores it. */
    private LiveScore apply(Stripe stripe, State s, Event e, Map<String, String> attributes) {
        long t = e.epochMillis();
        s.received++;
        s.last = Math.max(s.last, t);
        s.first = Math.min(s.first, t);
        if (s.ended) {
            afterPurchase.increment();
            return new LiveScore(s.id, s.received, e.time(), s.probability, 0.0, LiveStatus.AFTER_PURCHASE,
                    s.visible, List.of());
        }
        if (s.session == null) {
            s.session = stripe.start(s.id, s.userId, attributes);
        } else {
            s.session.addAttributes(attributes);
        }
        int refolds = s.session.refolds();
        s.session.add(e);
        if (s.session.refolds() != refolds) {
            reordered.increment();
        }
        SessionRows.Row current = s.session.update(stripe.features);
        boolean purchase = s.session.firstPurchaseIndex() >= 0;
        double before = s.received == 1 ? Double.NaN : s.probability;
        double[] row = features.row(current, stripe.row, stripe.levels);
        double p = model.probability(row);
        s.probability = p;
        s.visible = current.visibleEvents();
        List<Driver> drivers = drivers(s.id, row);
        double change = Double.isNaN(before) ? 0.0 : p - before;
        scored.increment();
        if (purchase) {
            purchases.increment();
            s.ended = true;
            stripe.recycle(s);
            return new LiveScore(s.id, s.received, e.time(), p, change, LiveStatus.PURCHASED, s.visible, drivers);
        }
        return new LiveScore(s.id, s.received, e.time(), p, change, LiveStatus.SCORED, s.visible, drivers);
    }

    private LiveScore lateScore(Event e) {
        boolean user = byUser && e.userId() != null || e.sessionId() == null;
        String key = user ? e.userId() : e.sessionId();
        Stripe stripe = stripe(key, user);
        synchronized (stripe) {
            State s = (user ? stripe.byUser : stripe.byId).get(key);
            if (s != null) {
                return new LiveScore(s.id, s.received, e.time(), s.probability, 0.0, LiveStatus.LATE, s.visible,
                        List.of());
            }
        }
        return new LiveScore(user ? e.userId() + "@" + e.epochMillis() : e.sessionId(), 0, e.time(), Double.NaN, 0.0,
                LiveStatus.LATE, 0, List.of());
    }

    /**
     * Scores one whole session without keeping anything: the stateless form of {@link #update}. The events are
     * sorted by time (stably); the probability is the one of the events before the first purchase, as after the
     * last of them in {@link #update}.
     *
     * @param events the events of one session, at least one
     * @return the score after the last event, with status {@link LiveStatus#PURCHASED} when the events hold a
     *         purchase, else {@link LiveStatus#SCORED}; {@code change} is 0
     * @throws IllegalArgumentException when {@code events} is empty
     */
    public LiveScore score(List<Event> events) {
        return score(events, Map.of());
    }

    /**
     * {@link #score(List)} with session attributes.
     *
     * @param events     the events of one session, at least one
     * @param attributes session attributes; may be empty
     * @return the score after the last event
     */
    public LiveScore score(List<Event> events, Map<String, String> attributes) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one event to score, the list was empty");
        }
        Event first = events.get(0);
        String id = first.sessionId() != null && !byUser || first.userId() == null ? first.sessionId()
                : first.userId() + "@" + events.stream().mapToLong(Event::epochMillis).min().orElseThrow();
        SessionRows.Live session = features.start(id, first.userId(), attributes);
        for (Event e : events) {
            session.add(e);
        }
        SessionRows.Row current = session.update(features.newRow());
        double[] row = features.row(current, new double[features.schema().size()], features.newCache());
        double prob = model.probability(row);
        long last = events.stream().mapToLong(Event::epochMillis).max().orElseThrow();
        return new LiveScore(id, events.size(), java.time.Instant.ofEpochMilli(last), prob, 0.0,
                session.firstPurchaseIndex() < 0 ? LiveStatus.SCORED : LiveStatus.PURCHASED, current.visibleEvents(),
                drivers(id, row));
    }

    /** The number of sessions open now (see {@link LiveStats#openSessions()}). */
    public int openSessions() {
        return open.get();
    }

    /** The counters since this scorer was built. */
    public LiveStats stats() {
        return new LiveStats(events.sum(), scored.sum(), purchases.sum(), afterPurchase.sum(), late.sum(), open.get(),
                evicted.sum(), expired.sum(), reordered.sum());
    }

    /**
     * Removes every session idle for longer than the idle timeout before the latest event seen (updates do this
     * for their own stripe as they go; call this from a timer when events may stop arriving).
     *
     * @return the number of sessions removed
     */
    public int expireIdle() {
        long horizon = watermark.get() - toleranceMs;
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.expire(horizon);
            }
        }
        return n;
    }

    private Stripe stripe(String key, boolean user) {
        int h = key.hashCode() * 0x9E3779B9 + (user ? 1 : 0);
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    /** Evicts least recently updated sessions while too many are open, never the one just opened. */
    private void enforceCapacity(String keepKey, boolean keepUser) {
        int guard = 0;
        while (open.get() > maxOpen && guard++ < 4 * STRIPES) {
            Stripe s = stripes[Math.floorMod(evictCursor.getAndIncrement(), STRIPES)];
            synchronized (s) {
                if (s.evictEldest(keepKey, keepUser)) {
                    open.decrementAndGet();
                    evicted.increment();
                }
            }
        }
    }

    private List<Driver> drivers(String id, double[] row) {
        if (linear == null || topDrivers == 0) {
            return List.of();
        }
        Explanation x = linear.explain(oneRowTable(id, row), 0);
        List<Explanation.Contribution> top = x.top(topDrivers);
        List<Driver> out = new ArrayList<>(top.size());
        for (Explanation.Contribution c : top) {
            out.add(new Driver(c.feature(), c.contribution()));
        }
        return out;
    }

    /** A one-row table of a raw row; an unknown level (code = levels.size()) gets an extra level of its own. */
    private FeatureTable oneRowTable(String id, double[] row) {
        FeatureSchema schema = features.schema();
        List<FeatureSpec> specs = new ArrayList<>(schema.size());
        double[][] cols = new double[schema.size()][];
        for (int j = 0; j < schema.size(); j++) {
            FeatureSpec f = schema.get(j);
            if (f.kind() == FeatureKind.CATEGORICAL && !Double.isNaN(row[j]) && row[j] >= f.levels().size()) {
                List<String> levels = new ArrayList<>(f.levels());
                levels.add("(unseen)");
                f = f.withLevels(levels);
            }
            specs.add(f);
            cols[j] = new double[] {row[j]};
        }
        SessionFacts facts = SessionFacts.of(List.of(Session.summary(id, Map.of(), false)));
        return FeatureTable.of(new FeatureSchema(specs), cols, facts);
    }

    @Override
    public String toString() {
        return "LiveScorer[" + model + ", " + (byUser ? "by user, gap " + Duration.ofMillis(gapMs) : "by session id")
                + ", max open " + maxOpen + ", idle timeout " + Duration.ofMillis(idleMs) + ", tolerance "
                + Duration.ofMillis(toleranceMs) + ", " + stats() + "]";
    }

    /** One open session. Guarded by its stripe's lock. */
    private static final class State {
        final String id;
        final String userId;
        SessionRows.Live session;
        long first;
        long last;
        /** The neighbours in its stripe's order of updates ({@link Lru}). */
        State older;
        State newer;
        int received;
        int visible;
        double probability = Double.NaN;
        boolean ended;

        State(String id, String userId, long t) {
            this.id = id;
            this.userId = userId;
            this.first = t;
            this.last = t;
        }
    }

    /** A lock's worth of sessions, least recently updated first. */
    private final class Stripe {
        /** The feature row and the raw row of the session being scored (lock held). */
        final SessionRows.Row features = LiveScorer.this.features.newRow();
        final double[] row = new double[LiveScorer.this.features.schema().size()];
        final LiveFeatures.LevelCache levels = LiveScorer.this.features.newCache();
        /** Sessions finished with, kept to be restarted: most sessions have a few events, so this saves making one. */
        private final java.util.ArrayDeque<SessionRows.Live> spare = new java.util.ArrayDeque<>();

        /** A new live session: a spare one restarted, or a new one. */
        SessionRows.Live start(String id, String userId, Map<String, String> attributes) {
            SessionRows.Live live = spare.pollLast();
            return live != null ? live.restart(id, userId, attributes)
                    : LiveScorer.this.features.start(id, userId, attributes);
        }

        /** Drops a session's events, keeping its live session as a spare (a few, and only short ones). */
        void recycle(State s) {
            SessionRows.Live live = s.session;
            s.session = null;
            if (live != null && live.size() <= SPARE_EVENTS && spare.size() < SPARES) {
                spare.addLast(live);
            }
        }
        final Lru byId = new Lru(false);
        final Lru byUser = new Lru(true);

        /** Removes sessions idle since before {@code horizon - idle}, from the least recently updated. */
        int expire(long horizon) {
            return expire(byId, horizon) + expire(byUser, horizon);
        }

        private int expire(Lru map, long horizon) {
            if (map.eldest == null || map.eldestLast + idleMs >= horizon) {
                return 0; // the eldest is not idle long enough (read off the bound, without touching its state)
            }
            int n = 0;
            for (State s = map.eldest; s != null && s.last + idleMs < horizon; s = map.eldest) {
                map.remove(s);
                recycle(s);
                open.decrementAndGet();
                expired.increment();
                n++;
            }
            return n;
        }

        boolean evictEldest(String keepKey, boolean keepUser) {
            Lru first = byId.isEmpty() ? byUser : byId;
            Lru second = first == byId ? byUser : byId;
            return evictFrom(first, keepKey, first == byUser == keepUser)
                    || evictFrom(second, keepKey, second == byUser == keepUser);
        }

        private boolean evictFrom(Lru map, String keepKey, boolean sameKind) {
            for (State s = map.eldest; s != null; s = s.newer) {
                if (sameKind && map.key(s).equals(keepKey)) {
                    continue;
                }
                map.remove(s);
                recycle(s);
                return true;
            }
            return false;
        }
    }

    /**
     * Open sessions by key, least recently updated first: an access-ordered map whose order is kept in the states
     * themselves, with a lower bound of the eldest state's last event time, so that an update checks for idle
     * sessions without reading the eldest state (cold in the processor's caches) every time. Looking a key up counts
     * as an update, as in an access-ordered {@link java.util.LinkedHashMap}.
     */
    private static final class Lru {
        private final HashMap<String, State> map = new HashMap<>(64);
        /** Keyed by user id (else by session id). */
        private final boolean user;
        State eldest;
        private State newest;
        /** At most {@code eldest.last} (a state's last time only grows): the eldest's when it became the eldest. */
        long eldestLast;

        Lru(boolean user) {
            this.user = user;
        }

        String key(State s) {
            return user ? s.userId : s.id;
        }

        boolean isEmpty() {
            return eldest == null;
        }

        /** The state of a key, then the most recently updated; or {@code null}. */
        State get(String key) {
            State s = map.get(key);
            if (s != null && s != newest) {
                unlink(s);
                link(s);
            }
            return s;
        }

        /** Adds a state under a key that has none, as the most recently updated. */
        void put(String key, State s) {
            map.put(key, s);
            link(s);
        }

        void remove(State s) {
            map.remove(key(s));
            unlink(s);
        }

        private void link(State s) {
            s.older = newest;
            s.newer = null;
            if (newest == null) {
                eldest = s;
                eldestLast = s.last;
            } else {
                newest.newer = s;
            }
            newest = s;
        }

        private void unlink(State s) {
            State o = s.older;
            State n = s.newer;
            if (o == null) {
                eldest = n;
                if (n != null) {
                    eldestLast = n.last;
                }
            } else {
                o.newer = n;
            }
            if (n == null) {
                newest = o;
            } else {
                n.older = o;
            }
            s.older = null;
            s.newer = null;
        }
    }

    /** How to build a {@link LiveScorer}; mutable, not thread-safe. */
    public static final class Builder {
        private final PurchaseModel model;
        private List<FeatureExtractor> extractors;
        private ZoneId zone = ZoneOffset.UTC;
        private boolean byUser;
        private Duration gap = Duration.ofMinutes(Sessionizer.DEFAULT_GAP_MINUTES);
        private Duration idleTimeout = Duration.ofMinutes(Sessionizer.DEFAULT_IDLE_TIMEOUT_MINUTES);
        private Duration tolerance = Duration.ofMinutes(Sessionizer.DEFAULT_TOLERANCE_MINUTES);
        private int maxOpen = 1_000_000;
        private int topDrivers = 3;

        private Builder(PurchaseModel model) {
            this.model = model;
        }

        /**
         * The extractors the model was trained with (default: {@link StandardExtractors#forEvents(ZoneId)} in the
         * {@link #zone(ZoneId)}). They must produce every feature of the model's schema.
         *
         * @param list the extractors, as given to {@code FeatureTables.Builder.extractors}
         * @return this builder
         */
        public Builder extractors(List<FeatureExtractor> list) {
            Objects.requireNonNull(list, "list");
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one extractor is needed, the list was empty");
            }
            this.extractors = List.copyOf(list);
            return this;
        }

        /** The zone of the default extractors' start-time features (default UTC, as in {@code FeatureTables}). */
        public Builder zone(ZoneId z) {
            this.zone = Objects.requireNonNull(z, "zone");
            return this;
        }

        /** Keys events by session id, and by user with the inactivity gap when they have none (the default). */
        public Builder bySessionId() {
            this.byUser = false;
            return this;
        }

        /**
         * Keys events by user, split at an inactivity gap (session ids are ignored), as
         * {@link Sessionizer#byInactivity(Duration)} does.
         *
         * @param inactivityGap the gap, positive
         * @return this builder
         */
        public Builder byUser(Duration inactivityGap) {
            this.gap = positive(inactivityGap, "inactivityGap");
            this.byUser = true;
            return this;
        }

        /** The most sessions open at once, {@code >= 1} (default 1,000,000); beyond it the least recent is evicted. */
        public Builder maxOpenSessions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxOpenSessions must be >= 1, was " + n);
            }
            this.maxOpen = n;
            return this;
        }

        /** How long a session may go without events before it is removed, in event time (default 2 hours). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        /** How much older than the latest event an event may be and still be placed (default 5 minutes). */
        public Builder outOfOrderTolerance(Duration d) {
            Objects.requireNonNull(d, "tolerance");
            if (d.isNegative()) {
                throw new IllegalArgumentException("tolerance must be >= 0, was " + d);
            }
            this.tolerance = d;
            return this;
        }

        /** How many drivers each score of a linear model carries, {@code >= 0} (default 3; 0 skips them). */
        public Builder topDrivers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("topDrivers must be >= 0, was " + n);
            }
            this.topDrivers = n;
            return this;
        }

        /**
         * The scorer.
         *
         * @return the scorer
         * @throws IllegalArgumentException when the extractors do not produce every feature of the model's schema,
         *                                  or produce one with another kind
         */
        public LiveScorer build() {
            return new LiveScorer(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
