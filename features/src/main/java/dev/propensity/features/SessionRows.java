package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.SessionView;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feature rows of sessions still in progress: the same extractors as a table, recomputed over a session's events
 * after each new one. After {@code k} events a {@link Live} session's row is exactly the row a
 * {@link FeatureTables} build gives the whole session under the cutoff {@code events:k} (so it never sees a
 * purchase: after the first purchase the row stays that of the events before it).
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
 * <p>Recomputing costs one pass of the extractors over the session's events (tens of events for most sessions);
 * {@link Live#update()} allocates nothing beyond what the extractors do, and a session's event arrays grow by
 * doubling. A {@code SessionRows} is immutable and may be shared; each {@link Live} session is for one thread at a
 * time.
 */
public final class SessionRows {
    private final List<FeatureExtractor> extractors;
    private final FeatureSchema schema;

    private SessionRows(List<FeatureExtractor> extractors) {
        this.extractors = List.copyOf(extractors);
        this.schema = new RowExtractor(this.extractors, Cutoffs.beforeFirstPurchase()).declared;
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
     * One session in progress: its events so far (a {@link SessionView}), and its current row. Not thread-safe.
     */
    public final class Live implements SessionView {
        private final String id;
        private final String userId;
        private final Map<String, String> attributes;
        private final RowExtractor rx = new RowExtractor(extractors, Cutoffs.beforeFirstPurchase());
        private final Map<String, Long> texts = new HashMap<>();
        private int n;
        private long[] times = new long[8];
        private byte[] types = new byte[8];
        private double[] prices = new double[8];
        private long[] products = new long[8];
        private long[] categories = new long[8];
        private String[] productIds = new String[8];
        private String[] categoryTexts = new String[8];
        private String[] brands = new String[8];
        private String[] users = new String[8];
        private int firstPurchase = -1;
        private int visible;

        private Live(String id, String userId, Map<String, String> attributes) {
            this.id = id;
            this.userId = userId;
            this.attributes = attributes;
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
         * Adds an event from its fields.
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
                products = Arrays.copyOf(products, cap);
                categories = Arrays.copyOf(categories, cap);
                productIds = Arrays.copyOf(productIds, cap);
                categoryTexts = Arrays.copyOf(categoryTexts, cap);
                brands = Arrays.copyOf(brands, cap);
                users = Arrays.copyOf(users, cap);
            }
            int at = n;
            while (at > 0 && times[at - 1] > epochMillis) {
                at--;
            }
            if (at < n) {
                int m = n - at;
                System.arraycopy(times, at, times, at + 1, m);
                System.arraycopy(types, at, types, at + 1, m);
                System.arraycopy(prices, at, prices, at + 1, m);
                System.arraycopy(products, at, products, at + 1, m);
                System.arraycopy(categories, at, categories, at + 1, m);
                System.arraycopy(productIds, at, productIds, at + 1, m);
                System.arraycopy(categoryTexts, at, categoryTexts, at + 1, m);
                System.arraycopy(brands, at, brands, at + 1, m);
                System.arraycopy(users, at, users, at + 1, m);
            }
            times[at] = epochMillis;
            types[at] = (byte) type.ordinal();
            prices[at] = price;
            products[at] = key("p", productId);
            categories[at] = key("c", category);
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
        }

        /** A key equal for equal texts within this session (numbers as themselves, other texts by code). */
        private long key(String kind, String text) {
            long k = SessionView.numericKey(text);
            if (k != -1) {
                return k;
            }
            Long code = texts.get(kind + text);
            if (code == null) {
                code = -1L - texts.size();
                texts.put(kind + text, code);
            }
            return code;
        }

        /**
         * Computes the row of the events so far: the row {@code events:k} gives the session in a table, for
         * {@code k = }{@link #size()}.
         *
         * @return this session
         * @throws IllegalArgumentException when an extractor rejects the session (naming it)
         */
        public Live update() {
            visible = rx.extract(this);
            return this;
        }

        /** The number of events the current row was computed from (those before the first purchase). */
        public int visibleEvents() {
            return visible;
        }

        /**
         * A numeric, count or binary value of the current row ({@code NaN} when missing, and for categorical
         * features).
         *
         * @param feature the index in {@link #schema()}
         * @return the value
         */
        public double value(int feature) {
            return rx.values[feature];
        }

        /**
         * A categorical level of the current row ({@code null} when missing, and for other features).
         *
         * @param feature the index in {@link #schema()}
         * @return the level
         */
        public String level(int feature) {
            return rx.levels[feature];
        }

        /**
         * The current row as a model takes it: values in the order of another schema (a model's), matched by
         * feature name, categorical values as codes of that schema's levels; a level the schema does not know is
         * missing ({@code NaN}), as it is when scoring a table.
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

        @Override
        public String id() {
            return id;
        }

        @Override
        public String userId() {
            return userId;
        }

        @Override
        public int size() {
            return n;
        }

        private void check(int i) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("event " + i + " of a session of " + n + " events");
            }
        }

        @Override
        public long time(int i) {
            check(i);
            return times[i];
        }

        @Override
        public EventType type(int i) {
            check(i);
            return TYPES[types[i]];
        }

        @Override
        public double price(int i) {
            check(i);
            return prices[i];
        }

        @Override
        public long productKey(int i) {
            check(i);
            return products[i];
        }

        @Override
        public long categoryKey(int i) {
            check(i);
            return categories[i];
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
        public int firstPurchaseIndex() {
            return firstPurchase;
        }

        @Override
        public String toString() {
            return "SessionRows.Live[id=" + id + ", events=" + n + ", visible=" + visible + "]";
        }
    }

    private static final EventType[] TYPES = EventType.values();
}
