package dev.propensity.features;

import dev.propensity.core.ArraySessionView;
import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.SessionView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feature rows of sessions still in progress: the same extractors as a table, brought up to date after each new
 * event. After {@code k} events a {@link Live} session's row is exactly the row a {@link FeatureTables} build gives
 * the whole session under the cutoff {@code events:k} (so it never sees a purchase: after the first purchase the
 * row stays that of the events before it).
 *
 * <pre>{@code
 * SessionRows rows = SessionRows.of(StandardExtractors.forEvents());
 * SessionRows.Live s = rows.start("s-1", "u-7", Map.of());
 * for (Event e : arriving) {
 *     s.add(e);
 *     s.update();                            // the row of the events so far
 *     double p = model.probability(s.rawRow(model.schema(), buffer));
 * }
 * }</pre>
 *
 * <p>The standard extractors read a running tally of the visible events ({@link StandardExtractors}), to which each
 * new event is added in constant time, so {@link Live#update()} costs the same at the 50th event as at the first and
 * allocates nothing; the tally is the very fold a table build makes, in the same order, so the rows are
 * bit-identical. An event placed before earlier ones (a late event within the tolerance) folds the tally again
 * over the visible events ({@link Live#refolds()}). Other extractors run over the visible events at each
 * {@link Live#update()}. A session's event arrays grow by doubling. A {@code SessionRows} is immutable and may be
 * shared; each {@link Live} session is for one thread at a time.
 */
public final class SessionRows {
    private final List<FeatureExtractor> extractors;
    private final FeatureSchema schema;
    /** What every live session's row extractor shares. */
    private final RowExtractor layout;

    private SessionRows(List<FeatureExtractor> extractors) {
        this.extractors = List.copyOf(extractors);
        this.layout = new RowExtractor(this.extractors, Cutoffs.beforeFirstPurchase());
        this.schema = layout.declared;
    }

    /**
     * Rows of the given extractors.
     *
     * @param extractors the extractors, in column order (their feature names unique together)
     * @return the row maker
     */
    public static SessionRows of(List<FeatureExtractor> extractors) {
        Objects.requireNonNull(extractors, "extractors");
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one extractor is needed, the list was empty");
        }
        return new SessionRows(extractors);
    }

    /** The features of the rows, in column order, as the extractors declare them (discovered levels empty). */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * Starts a session with no events yet.
     *
     * @param sessionId  its id
     * @param userId     its user, or {@code null}
     * @param attributes its session-level attributes (traffic source, device, ...); may be empty
     * @return the live session
     */
    public Live start(String sessionId, String userId, Map<String, String> attributes) {
        return new Live(Objects.requireNonNull(sessionId, "sessionId"), userId, Map.copyOf(attributes));
    }

    /**
     * A new row to write sessions' rows into ({@link Live#update(Row)}): one per thread, reused for every session.
     *
     * @return the row
     */
    public Row newRow() {
        return new Row();
    }

    /** One row of these extractors, written by {@link Live#update(Row)}; mutable, for one thread at a time. */
    public final class Row {
        private final RowExtractor rx = new RowExtractor(layout);
        private int visible;

        private Row() {
        }

        /** The number of events the row was computed from (those before the first purchase). */
        public int visibleEvents() {
            return visible;
        }

        /**
         * A numeric, count or binary value ({@code NaN} when missing, and for categorical features).
         *
         * @param feature the index in {@link #schema()}
         * @return the value
         */
        public double value(int feature) {
            return rx.values[feature];
        }

        /**
         * A categorical level ({@code null} when missing, and for other features).
         *
         * @param feature the index in {@link #schema()}
         * @return the level
         */
        public String level(int feature) {
            return rx.levels[feature];
        }

        /**
         * The row as a model takes it: values in the order of another schema (a model's), matched by feature name,
         * categorical values as codes of that schema's levels; a level the schema does not know is missing
         * ({@code NaN}), as it is when scoring a table.
         *
         * @param target the schema to order and code the row by; each of its features must be one of the rows'
         * @param out    where to write, at least {@code target.size()} long
         * @return {@code out}
         * @throws IllegalArgumentException when {@code target} names a feature these rows do not have
         */
        public double[] rawRow(FeatureSchema target, double[] out) {
            for (int j = 0; j < target.size(); j++) {
                FeatureSpec f = target.get(j);
                int i = schema.indexOf(f.name());
                if (i < 0) {
                    throw new IllegalArgumentException("feature " + f.name() + " is not one of these rows' "
                            + schema.names());
                }
                if (f.kind() == FeatureKind.CATEGORICAL) {
                    String level = rx.levels[i];
                    int code = level == null ? -1 : f.levels().indexOf(level);
                    out[j] = code < 0 ? Double.NaN : code;
                } else {
                    out[j] = rx.values[i];
                }
            }
            return out;
        }
    }

    /**
     * One session in progress: its events so far (a {@link SessionView}), the running tally of its visible events,
     * and its current row. Not thread-safe.
     */
    public final class Live extends ArraySessionView {
        private String id;
        private String userId;
        private Map<String, String> attributes;
        /** The map last given to {@link #addAttributes}, so that passing the same map again costs nothing. */
        private Map<String, String> given;
        /** The running tally of the visible events; null when no extractor reads one. */
        private final SessionTally tally = layout.tally == null ? null : new SessionTally(layout.tally.keys());
        /** This session's own row, made by the first {@link #update()}. */
        private Row own;
        private Map<String, Long> productCodes;
        private Map<String, Long> categoryCodes;
        private int productCount;
        private int categoryCount;
        private String[] productIds = new String[INITIAL];
        private String[] categoryTexts = new String[INITIAL];
        private String[] brands = new String[INITIAL];
        private String[] users = new String[INITIAL];
        private int refolds;

        private Live(String id, String userId, Map<String, String> attributes) {
            this.id = id;
            this.userId = userId;
            this.attributes = attributes;
            this.n = 0;
            this.times = new long[INITIAL];
            this.types = new byte[INITIAL];
            this.prices = new double[INITIAL];
            this.productKeys = new long[INITIAL];
            this.categoryKeys = new long[INITIAL];
            this.firstPurchase = -1;
        }

        /**
         * Makes this session a new one with no events, as {@link SessionRows#start} makes it, keeping the arrays it
         * has grown: for a caller that reuses the sessions it has finished with (the live scorer, where most
         * sessions have a few events).
         *
         * @param sessionId  the new session's id
         * @param user       its user, or {@code null}
         * @param attributes its session-level attributes; may be empty
         * @return this session
         */
        public Live restart(String sessionId, String user, Map<String, String> attributes) {
            this.id = Objects.requireNonNull(sessionId, "sessionId");
            this.userId = user;
            this.attributes = Map.copyOf(attributes);
            this.given = null;
            this.own = null;
            this.productCodes = null;
            this.categoryCodes = null;
            this.productCount = 0;
            this.categoryCount = 0;
            this.refolds = 0;
            this.n = 0;
            this.firstPurchase = -1;
            if (tally != null) {
                tally.reset();
            }
            return this;
        }

        /**
         * Adds an event. Events normally come in time order; an earlier one is put in time order (after the events
         * at the same time), as the sessionizer does.
         *
         * @param e the event (its session id is not checked)
         */
        public void add(Event e) {
            add(e.epochMillis(), e.type(), e.productId(), e.category(), e.brand(), e.price(), e.userId());
        }

        /**
         * Adds an event from its fields. An event after the last one (the usual case) is added to the running tally
         * of the visible events in constant time; one that lands before earlier events refolds the tally over the
         * visible events (counted in {@link #refolds()}).
         *
         * @param epochMillis its time
         * @param type        its type
         * @param productId   its product, or {@code null}
         * @param category    its category, or {@code null}
         * @param brand       its brand, or {@code null}
         * @param price       its price, {@code NaN} when none (else finite and {@code >= 0})
         * @param user        the user id of the event, or {@code null}
         */
        public void add(long epochMillis, EventType type, String productId, String category, String brand,
                        double price, String user) {
            Objects.requireNonNull(type, "type");
            if (!Double.isNaN(price) && (price < 0 || Double.isInfinite(price))) {
                throw new IllegalArgumentException("session " + id + ": price must be finite and >= 0 (or NaN when"
                        + " absent), was " + price);
            }
            if (n == times.length) {
                int cap = n * 2;
                times = Arrays.copyOf(times, cap);
                types = Arrays.copyOf(types, cap);
                prices = Arrays.copyOf(prices, cap);
                productKeys = Arrays.copyOf(productKeys, cap);
                categoryKeys = Arrays.copyOf(categoryKeys, cap);
                productIds = Arrays.copyOf(productIds, cap);
                categoryTexts = Arrays.copyOf(categoryTexts, cap);
                brands = Arrays.copyOf(brands, cap);
                users = Arrays.copyOf(users, cap);
            }
            long productKey = key(true, productId); // before the events move: found among events 0..n-1
            long categoryKey = key(false, category);
            int at = n;
            while (at > 0 && times[at - 1] > epochMillis) {
                at--;
            }
            if (at < n) {
                int m = n - at;
                System.arraycopy(times, at, times, at + 1, m);
                System.arraycopy(types, at, types, at + 1, m);
                System.arraycopy(prices, at, prices, at + 1, m);
                System.arraycopy(productKeys, at, productKeys, at + 1, m);
                System.arraycopy(categoryKeys, at, categoryKeys, at + 1, m);
                System.arraycopy(productIds, at, productIds, at + 1, m);
                System.arraycopy(categoryTexts, at, categoryTexts, at + 1, m);
                System.arraycopy(brands, at, brands, at + 1, m);
                System.arraycopy(users, at, users, at + 1, m);
            }
            times[at] = epochMillis;
            types[at] = (byte) type.ordinal();
            prices[at] = price;
            productKeys[at] = productKey;
            categoryKeys[at] = categoryKey;
            productIds[at] = productId;
            categoryTexts[at] = category;
            brands[at] = brand;
            users[at] = user;
            n++;
            if (type.isPurchase() && (firstPurchase < 0 || at <= firstPurchase)) {
                firstPurchase = at;
            } else if (firstPurchase >= at) {
                firstPurchase++;
            }
            int nowVisible = firstPurchase < 0 ? n : firstPurchase;
            if (tally != null) {
                if (at < tally.n) {
                    tally.fold(this, nowVisible); // placed among the events folded in already
                    refolds++;
                } else if (at < nowVisible) {
                    tally.add(this, at); // the usual case: the next visible event in time
                }
                // otherwise a purchase or an event after it: the visible events are those folded in already
            }
        }

        /** How many times an event placed before earlier ones made the tally be folded again. */
        public int refolds() {
            return refolds;
        }

        /**
         * Adds session attributes not set yet (the first value of each name is kept, as the sessionizer keeps it).
         *
         * @param more attributes; may be empty
         */
        public void addAttributes(Map<String, String> more) {
            if (more == given || more.isEmpty()) {
                return; // the same map as last time (a caller passing each session's one map): nothing new
            }
            given = more;
            if (attributes.keySet().containsAll(more.keySet())) {
                return;
            }
            Map<String, String> merged = new HashMap<>(attributes);
            more.forEach(merged::putIfAbsent);
            attributes = Map.copyOf(merged);
        }

        /**
         * A key equal for equal texts within this session: numbers as themselves, other texts by a code of this
         * session, found among the events so far (short sessions) or in a map (made once a session is long).
         */
        private long key(boolean product, String text) {
            long k = SessionView.numericKey(text);
            if (k != -1) {
                return k;
            }
            String[] texts = product ? productIds : categoryTexts;
            long[] keys = product ? productKeys : categoryKeys;
            Map<String, Long> codes = product ? productCodes : categoryCodes;
            if (codes == null && n <= LINEAR) {
                for (int i = 0; i < n; i++) {
                    if (keys[i] < 0 && keys[i] != SessionView.NO_KEY && text.equals(texts[i])) {
                        return keys[i];
                    }
                }
                return product ? -1L - productCount++ : -1L - categoryCount++;
            }
            if (codes == null) {
                codes = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    if (keys[i] < 0 && keys[i] != SessionView.NO_KEY) {
                        codes.putIfAbsent(texts[i], keys[i]);
                    }
                }
                if (product) {
                    productCodes = codes;
                } else {
                    categoryCodes = codes;
                }
            }
            Long code = codes.get(text);
            if (code == null) {
                code = product ? -1L - productCount++ : -1L - categoryCount++;
                codes.put(text, code);
            }
            return code;
        }

        /**
         * Computes the row of the events so far: the row {@code events:k} gives the session in a table, for
         * {@code k = }{@link #size()}, kept in this session ({@link #value}, {@link #level}, {@link #rawRow}).
         *
         * @return this session
         * @throws IllegalArgumentException when an extractor rejects the session (naming it)
         */
        public Live update() {
            if (own == null) {
                own = new Row();
            }
            update(own);
            return this;
        }

        /**
         * Writes the row of the events so far into a row of the caller's (one reused for many sessions, so that a
         * session need not keep a row of its own): as {@link #update()}, without changing this session's row.
         *
         * @param row where to write
         * @return {@code row}
         * @throws IllegalArgumentException when an extractor rejects the session (naming it)
         */
        public Row update(Row row) {
            row.visible = tally != null ? row.rx.extractFolded(this, tally.n, tally) : row.rx.extract(this);
            return row;
        }

        private Row current() {
            if (own == null) {
                throw new IllegalStateException("session " + id + ": no row yet; call update() first");
            }
            return own;
        }

        /** The number of events the current row was computed from (those before the first purchase). */
        public int visibleEvents() {
            return own == null ? 0 : own.visible;
        }

        /**
         * A numeric, count or binary value of the current row ({@code NaN} when missing, and for categorical
         * features).
         *
         * @param feature the index in {@link #schema()}
         * @return the value
         */
        public double value(int feature) {
            return current().value(feature);
        }

        /**
         * A categorical level of the current row ({@code null} when missing, and for other features).
         *
         * @param feature the index in {@link #schema()}
         * @return the level
         */
        public String level(int feature) {
            return current().level(feature);
        }

        /**
         * The current row as a model takes it; see {@link Row#rawRow}.
         *
         * @param target the schema to order and code the row by; each of its features must be one of the rows'
         * @param out    where to write, at least {@code target.size()} long
         * @return {@code out}
         * @throws IllegalArgumentException when {@code target} names a feature these rows do not have
         */
        public double[] rawRow(FeatureSchema target, double[] out) {
            return current().rawRow(target, out);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public String productId(int i) {
            check(i);
            return productIds[i];
        }

        @Override
        public String category(int i) {
            check(i);
            return categoryTexts[i];
        }

        @Override
        public String brand(int i) {
            check(i);
            return brands[i];
        }

        @Override
        public String userId(int i) {
            check(i);
            return users[i];
        }

        @Override
        public Map<String, String> attributes() {
            return attributes;
        }

        @Override
        public String toString() {
            return "SessionRows.Live[id=" + id + ", events=" + n + ", visible=" + visibleEvents() + "]";
        }
    }

    private static final int INITIAL = 4;
    /** Up to this many events, a text's key is found among the events so far rather than in a map. */
    private static final int LINEAR = 32;
}
