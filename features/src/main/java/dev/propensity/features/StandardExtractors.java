package dev.propensity.features;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The standard feature extractors, the one definition of each standard feature: every source (the byte-level
 * REES46 reader, the sessionizer's sessions, the UCI table, a live session) and every cutoff runs them. Each works on
 * the {@linkplain ObservedSession visible events} only, so what it computes depends on the {@link Cutoff}. The
 * features of events are read off one running tally of the visible events (counts, first and last time, longest
 * gap, price sum and maximum, cart value, distinct product and category keys), folded one event at a time: a table
 * folds it once per session for the whole set, a live session ({@link SessionRows}) adds each new event to it, and
 * since the additions happen in the same order the two give bit-identical rows.
 *
 * <p>Conventions when nothing, or too little, is visible (a buying session whose first event is its purchase has
 * no visible events; see {@link Cutoffs}): counts, {@code duration_seconds}, {@code cart_value} and
 * {@code bounce} are 0; values that need at least one event (start time features), one priced event (price
 * statistics) or two events (gaps) are missing ({@code NaN}), which {@link FittedEncoding} turns into the
 * training mean plus a {@code :missing} indicator. Durations and gaps are in seconds. Attribute features are
 * missing when the session lacks the attribute.
 */
public final class StandardExtractors {
    /** The levels of {@code start_hour}: "0" to "23". */
    public static final List<String> HOURS;
    /** The levels of {@code start_weekday}, Monday first. */
    public static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    static {
        List<String> h = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            h.add(Integer.toString(i));
        }
        HOURS = List.copyOf(h);
    }

    private StandardExtractors() {
    }

    /**
     * The default set for event data, hour and day read in UTC: see {@link #forEvents(ZoneId)}.
     *
     * @return the extractors
     */
    public static List<FeatureExtractor> forEvents() {
        return forEvents(ZoneOffset.UTC);
    }

    /**
     * The default set for event data: duration, events, page views, product views, distinct products and
     * categories, cart adds and removes, checkout initiated (near the outcome), cart value, price mean and max,
     * mean and max gap, bounce, start time (hour and weekday as categories and cyclically, weekend), returning
     * visitor, traffic source and device (the last three from session attributes, missing when absent).
     *
     * @param zone the zone hour of day and day of week are read in
     * @return the extractors
     */
    public static List<FeatureExtractor> forEvents(ZoneId zone) {
        return List.of(duration(), eventCount(), pageViews(), productViews(), distinctProducts(),
                distinctCategories(), cartAdds(), cartRemoves(), checkoutInitiated(), cartValue(), priceStats(),
                gaps(), bounce(), startTime(zone), returningVisitor(), trafficSource(), device());
    }

    /**
     * The set for the UCI Online Shoppers session table: one {@link UciExtractor}.
     *
     * @return the extractors
     */
    public static List<FeatureExtractor> forTable() {
        return List.of(new UciExtractor());
    }

    /** {@code duration_seconds}: seconds from the first to the last visible event; 0 for one or no event. */
    public static FeatureExtractor duration() {
        return single(FeatureSpec.numeric("duration_seconds", "seconds from the first to the last visible event"),
                false, (t, session, values, levels, at) -> values[at] = t.n < 2 ? 0.0 : (t.last - t.first) / 1000.0);
    }

    /** {@code events}: the number of visible events. */
    public static FeatureExtractor eventCount() {
        return single(FeatureSpec.count("events", "number of events before the cutoff"), false,
                (t, session, values, levels, at) -> values[at] = t.n);
    }

    /** {@code page_views}: visible non-product page views. */
    public static FeatureExtractor pageViews() {
        return countOf(EventType.PAGE_VIEW, "page_views", "non-product pages viewed");
    }

    /** {@code product_views}: visible product page views. */
    public static FeatureExtractor productViews() {
        return countOf(EventType.PRODUCT_VIEW, "product_views", "product pages viewed");
    }

    /** {@code cart_adds}: visible add-to-cart events. */
    public static FeatureExtractor cartAdds() {
        return countOf(EventType.ADD_TO_CART, "cart_adds", "products added to the cart");
    }

    /** {@code cart_removes}: visible remove-from-cart events. */
    public static FeatureExtractor cartRemoves() {
        return countOf(EventType.REMOVE_FROM_CART, "cart_removes", "products removed from the cart");
    }

    /** {@code distinct_products}: distinct non-null product ids among the visible events. */
    public static FeatureExtractor distinctProducts() {
        return single(FeatureSpec.count("distinct_products", "distinct products seen"), true,
                (t, session, values, levels, at) -> values[at] = t.products.size());
    }

    /** {@code distinct_categories}: distinct non-null categories among the visible events. */
    public static FeatureExtractor distinctCategories() {
        return single(FeatureSpec.count("distinct_categories", "distinct categories seen"), true,
                (t, session, values, levels, at) -> values[at] = t.categories.size());
    }

    /** The number of distinct products (or categories) among the visible events, events without one not counted. */
    static int distinct(ObservedSession s, boolean products) {
        SessionTally t = new SessionTally(true);
        t.fold(s, s.size());
        return (products ? t.products : t.categories).size();
    }

    /**
     * {@code checkout_initiated}: 1 when a checkout event is visible. Marked {@linkplain FeatureSpec#nearOutcome()
     * near the outcome}.
     */
    public static FeatureExtractor checkoutInitiated() {
        int checkout = EventType.CHECKOUT.ordinal();
        return single(FeatureSpec.binary("checkout_initiated", "checkout started before the cutoff").asNearOutcome(),
                false, (t, session, values, levels, at) -> values[at] = t.counts[checkout] > 0 ? 1.0 : 0.0);
    }

    /**
     * {@code cart_value}: the prices of visible cart adds minus those of cart removes (added in event order), never
     * below 0; events without a price count 0.
     */
    public static FeatureExtractor cartValue() {
        return single(FeatureSpec.numeric("cart_value", "value put into the cart (adds minus removes)"), false,
                (t, session, values, levels, at) -> values[at] = Math.max(0.0, t.cart));
    }

    /**
     * {@code price_mean}, {@code price_max}: over visible events with a price (the sum taken in event order);
     * missing when there is none.
     */
    public static FeatureExtractor priceStats() {
        List<FeatureSpec> specs = List.of(
                FeatureSpec.numeric("price_mean", "mean price of the products seen"),
                FeatureSpec.numeric("price_max", "highest price of the products seen"));
        return Extractors.folded("price_mean, price_max", specs, false, (t, session, values, levels, at) -> {
            values[at] = t.priced == 0 ? Double.NaN : t.priceSum / t.priced;
            values[at + 1] = t.priceMax;
        });
    }

    /** {@code gap_mean_seconds}, {@code gap_max_seconds}: between consecutive visible events; missing below two. */
    public static FeatureExtractor gaps() {
        List<FeatureSpec> specs = List.of(
                FeatureSpec.numeric("gap_mean_seconds", "mean seconds between events"),
                FeatureSpec.numeric("gap_max_seconds", "longest pause between events, seconds"));
        return Extractors.folded("gap_mean_seconds, gap_max_seconds", specs, false, (t, session, values, levels, at) -> {
            if (t.n < 2) {
                values[at] = Double.NaN;
                values[at + 1] = Double.NaN;
                return;
            }
            values[at] = (t.last - t.first) / 1000.0 / (t.n - 1);
            values[at + 1] = t.gapMax / 1000.0;
        });
    }

    /** {@code bounce}: 1 when exactly one event is visible. */
    public static FeatureExtractor bounce() {
        return single(FeatureSpec.binary("bounce", "a single event before the cutoff"), false,
                (t, session, values, levels, at) -> values[at] = t.n == 1 ? 1.0 : 0.0);
    }

    /**
     * Features of the first visible event's time in a zone: {@code start_hour} (categorical "0".."23"),
     * {@code start_weekday} (categorical Mon..Sun), {@code hour_sin}, {@code hour_cos} (the time of day on a
     * 24-hour circle), {@code weekday_sin}, {@code weekday_cos} (the time of week on a 7-day circle) and
     * {@code weekend} (Saturday or Sunday). All missing when nothing is visible.
     *
     * @param zone the zone
     * @return the extractor
     */
    public static FeatureExtractor startTime(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<FeatureSpec> specs = List.of(
                FeatureSpec.categorical("start_hour", HOURS, "hour of day the session started (" + zone + ")"),
                FeatureSpec.categorical("start_weekday", WEEKDAYS, "day of week the session started (" + zone + ")"),
                FeatureSpec.numeric("hour_sin", "time of day, sine on a 24-hour circle"),
                FeatureSpec.numeric("hour_cos", "time of day, cosine on a 24-hour circle"),
                FeatureSpec.numeric("weekday_sin", "time of week, sine on a 7-day circle"),
                FeatureSpec.numeric("weekday_cos", "time of week, cosine on a 7-day circle"),
                FeatureSpec.binary("weekend", "session started on a Saturday or Sunday"));
        ZoneRules rules = zone.getRules();
        boolean fixed = rules.isFixedOffset();
        int fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        Object owner = new Object();
        return Extractors.folded("start time (" + zone + ")", specs, false, (t, session, values, levels, at) -> {
            if (t.n == 0) {
                for (int i = 2; i < specs.size(); i++) {
                    values[at + i] = Double.NaN;
                }
                return;
            }
            double[] v = t.start;
            if (v == null) {
                v = new double[7];
                t.start = v;
            }
            if (t.startOwner != owner || t.startTime != t.first) {
                // computed once per start time: a live session asks again after every event
                long ms = t.first;
                long local = Math.floorDiv(ms, 1000L) + (fixed ? fixedOffset
                        : rules.getOffset(Instant.ofEpochMilli(ms)).getTotalSeconds());
                long day = Math.floorDiv(local, 86_400L);
                int secondOfDay = (int) Math.floorMod(local, 86_400L);
                int dow = (int) Math.floorMod(day + 3, 7L) + 1; // 1970-01-01 was a Thursday; 1 = Monday
                double hour = secondOfDay / 3600.0;
                double week = dow - 1 + hour / 24.0;
                v[0] = secondOfDay / 3600;
                v[1] = dow - 1;
                v[2] = Math.sin(2 * Math.PI * hour / 24.0);
                v[3] = Math.cos(2 * Math.PI * hour / 24.0);
                v[4] = Math.sin(2 * Math.PI * week / 7.0);
                v[5] = Math.cos(2 * Math.PI * week / 7.0);
                v[6] = dow >= 6 ? 1.0 : 0.0;
                t.startOwner = owner;
                t.startTime = ms;
            }
            levels[at] = HOURS.get((int) v[0]);
            levels[at + 1] = WEEKDAYS.get((int) v[1]);
            System.arraycopy(v, 2, values, at + 2, 5);
        });
    }

    /**
     * {@code returning_visitor}: 1 when the {@link SessionAttributes#VISITOR_TYPE} (or UCI {@code VisitorType})
     * attribute starts with "returning" (any case), 0 for other values, missing when absent.
     */
    public static FeatureExtractor returningVisitor() {
        return single(FeatureSpec.binary("returning_visitor", "the visitor has been here before"), false,
                (t, session, values, levels, at) -> values[at] = returning(session));
    }

    private static double returning(ObservedSession s) {
        String v = s.attribute(SessionAttributes.VISITOR_TYPE);
        if (v == null) {
            v = s.attribute(UciExtractor.VISITOR_TYPE);
        }
        if (v == null) {
            return Double.NaN;
        }
        if (v.startsWith("Returning") || v.startsWith("returning")) {
            return 1.0; // the usual spellings, without a lower-cased copy per call
        }
        return v.toLowerCase(Locale.ROOT).startsWith("returning") ? 1.0 : 0.0;
    }

    /** {@code traffic_source}: the {@link SessionAttributes#TRAFFIC_SOURCE} attribute, levels discovered. */
    public static FeatureExtractor trafficSource() {
        return attributeCategorical("traffic_source", SessionAttributes.TRAFFIC_SOURCE, "where the visit came from");
    }

    /** {@code device}: the {@link SessionAttributes#DEVICE} attribute, levels discovered. */
    public static FeatureExtractor device() {
        return attributeCategorical("device", SessionAttributes.DEVICE, "device class");
    }

    /**
     * A count feature: the visible events of a type.
     *
     * @param type        the event type
     * @param name        the feature name
     * @param description one line for people
     * @return the extractor
     */
    public static FeatureExtractor countOf(EventType type, String name, String description) {
        Objects.requireNonNull(type, "type");
        int ordinal = type.ordinal();
        return single(FeatureSpec.count(name, description), false,
                (t, session, values, levels, at) -> values[at] = t.counts[ordinal]);
    }

    /**
     * A standard extractor of one feature written by the row engine's single call per extractor: {@code writer}
     * writes it straight into the row (no second function behind it), from the tally or the session's attributes.
     */
    private static FeatureExtractor single(FeatureSpec spec, boolean keys, Extractors.TallyWriter writer) {
        return Extractors.folded(spec.name(), List.of(spec), keys, writer);
    }

    /**
     * A categorical feature from a session attribute, levels discovered from the data; missing when absent.
     *
     * @param name        the feature name
     * @param attribute   the attribute name
     * @param description one line for people
     * @return the extractor
     */
    public static FeatureExtractor attributeCategorical(String name, String attribute, String description) {
        Objects.requireNonNull(attribute, "attribute");
        return single(FeatureSpec.categorical(name, description), false,
                (t, session, values, levels, at) -> levels[at] = session.attribute(attribute));
    }

    /**
     * A numeric feature from a session attribute; missing when absent or empty.
     *
     * @param name        the feature name
     * @param attribute   the attribute name
     * @param description one line for people
     * @return the extractor; it throws {@link IllegalArgumentException} naming the session, attribute and value
     *         when a value is not a number
     */
    public static FeatureExtractor attributeNumeric(String name, String attribute, String description) {
        Objects.requireNonNull(attribute, "attribute");
        return single(FeatureSpec.numeric(name, description), false,
                (t, session, values, levels, at) -> values[at] = number(session, attribute));
    }

    /**
     * A 0/1 feature from a session attribute: {@code true}/{@code 1}/{@code yes} give 1,
     * {@code false}/{@code 0}/{@code no} give 0 (any case); missing when absent or empty.
     *
     * @param name        the feature name
     * @param attribute   the attribute name
     * @param description one line for people
     * @return the extractor; it throws {@link IllegalArgumentException} naming the session, attribute and value
     *         for any other value
     */
    public static FeatureExtractor attributeBinary(String name, String attribute, String description) {
        Objects.requireNonNull(attribute, "attribute");
        return single(FeatureSpec.binary(name, description), false,
                (t, session, values, levels, at) -> values[at] = bool(session, attribute));
    }

    static double number(ObservedSession s, String attribute) {
        String v = s.attribute(attribute);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("session " + s.id() + ": attribute " + attribute
                    + " must be a number, was '" + v + "'", e);
        }
    }

    static double bool(ObservedSession s, String attribute) {
        String v = s.attribute(attribute);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
                return 1.0;
            case "false":
            case "0":
            case "no":
                return 0.0;
            default:
                throw new IllegalArgumentException("session " + s.id() + ": attribute " + attribute
                        + " must be true or false, was '" + v + "'");
        }
    }
}
