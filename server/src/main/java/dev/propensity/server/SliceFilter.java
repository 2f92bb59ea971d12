package dev.propensity.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A slice of the sessions and the view's settings, as they stand in the page's URL query:
 * {@code ?source=email&device=mobile&from=2019-10-01&to=2019-10-07&hours=9-14&weekday=mon,tue&threshold=0.3}.
 *
 * <ul>
 *   <li>{@code from}, {@code to}: start dates (ISO {@code yyyy-MM-dd}, both inclusive, in the data's zone);</li>
 *   <li>{@code hours}: an hour range {@code H-H} of the start (0-23, inclusive; {@code 22-3} wraps midnight);</li>
 *   <li>{@code weekday}: comma-separated days ({@code mon} ... {@code sun});</li>
 *   <li>a categorical attribute by name ({@code traffic_source=email}, repeated for several levels), or
 *       {@code attr.NAME=...}; {@code source}, {@code device} and {@code visitor} stand for
 *       {@code traffic_source}, {@code device} and {@code visitor_type};</li>
 *   <li>{@code threshold} in [0, 1] (default 0.5), {@code cost} of an intervention and {@code value} of a purchase
 *       (defaults 1 and 50, both &gt;= 0), {@code top}: how many sessions to drill through (1-1000, default 50).</li>
 * </ul>
 *
 * <p>Empty parameters are ignored (a form's "all"); anything else that does not parse, an unknown parameter, or a
 * level no session has is a {@link BadRequest} naming the parameter.
 *
 * @param from         first start date, or {@code null}
 * @param to           last start date, or {@code null}
 * @param hourFrom     first hour, 0-23
 * @param hourTo       last hour, 0-23
 * @param weekdayMask  bit {@code 1 << (day - 1)} per kept {@link DayOfWeek}; {@link #ALL_WEEKDAYS} keeps all
 * @param attributes   kept levels by attribute (an attribute absent here is not filtered)
 * @param threshold    the decision threshold
 * @param cost         the cost of one intervention
 * @param value        the value of one purchase
 * @param top          how many sessions the drill-through lists
 */
public record SliceFilter(LocalDate from, LocalDate to, int hourFrom, int hourTo, int weekdayMask,
                          Map<String, List<String>> attributes, double threshold, double cost, double value,
                          int top) {
    /** The mask of every weekday. */
    public static final int ALL_WEEKDAYS = 0x7F;
    /** The default threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** The default cost of an intervention. */
    public static final double DEFAULT_COST = 1.0;
    /** The default value of a purchase. */
    public static final double DEFAULT_VALUE = 50.0;
    /** The default number of sessions drilled through. */
    public static final int DEFAULT_TOP = 50;
    /** The most sessions drilled through. */
    public static final int MAX_TOP = 1000;

    private static final List<String> RESERVED = List.of("from", "to", "hours", "weekday", "threshold", "cost",
            "value", "top");
    private static final Map<String, String> ALIASES = Map.of("source", "traffic_source", "device", "device",
            "visitor", "visitor_type");
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    /** Validates and copies. */
    public SliceFilter {
        if (hourFrom < 0 || hourFrom > 23 || hourTo < 0 || hourTo > 23) {
            throw new IllegalArgumentException("hours must be in 0-23, was " + hourFrom + "-" + hourTo);
        }
        if (weekdayMask <= 0 || weekdayMask > ALL_WEEKDAYS) {
            throw new IllegalArgumentException("weekdayMask must keep at least one day, was " + weekdayMask);
        }
        Map<String, List<String>> a = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            a.put(e.getKey(), List.copyOf(e.getValue()));
        }
        attributes = Collections.unmodifiableMap(a);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        if (!(cost >= 0) || Double.isInfinite(cost) || !(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("cost and value must be finite and >= 0, were " + cost + ", " + value);
        }
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be in 1-" + MAX_TOP + ", was " + top);
        }
    }

    /** Every session, with the default settings. */
    public static SliceFilter all() {
        return new SliceFilter(null, null, 0, 23, ALL_WEEKDAYS, Map.of(), DEFAULT_THRESHOLD, DEFAULT_COST,
                DEFAULT_VALUE, DEFAULT_TOP);
    }

    /**
     * Parses a URL query.
     *
     * @param query the parameters, each with its values in order
     * @param data  the data (attribute names and their levels)
     * @return the filter
     * @throws BadRequest naming the parameter that is wrong
     */
    public static SliceFilter parse(Map<String, List<String>> query, ServeData data) {
        LocalDate from = null;
        LocalDate to = null;
        int hf = 0;
        int ht = 23;
        int mask = ALL_WEEKDAYS;
        double threshold = DEFAULT_THRESHOLD;
        double cost = DEFAULT_COST;
        double value = DEFAULT_VALUE;
        int top = DEFAULT_TOP;
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String key = e.getKey();
            List<String> values = new ArrayList<>();
            for (String v : e.getValue()) {
                if (v != null && !v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            String attribute = attributeOf(key, data);
            if (attribute != null) {
                List<String> levels = data.attributes().get(attribute);
                Set<String> kept = new LinkedHashSet<>(attrs.getOrDefault(attribute, List.of()));
                for (String v : values) {
                    if (!levels.contains(v)) {
                        throw new BadRequest(key, "no session has " + attribute + " '" + v + "'; levels: "
                                + String.join(", ", levels));
                    }
                    kept.add(v);
                }
                attrs.put(attribute, new ArrayList<>(kept));
                continue;
            }
            String v = single(key, values);
            switch (key) {
                case "from":
                    from = date(key, v);
                    break;
                case "to":
                    to = date(key, v);
                    break;
                case "hours": {
                    String[] parts = v.split("-", -1);
                    if (parts.length != 2) {
                        throw new BadRequest(key, "expected an hour range H-H such as 9-14, got '" + v + "'");
                    }
                    hf = hour(key, parts[0]);
                    ht = hour(key, parts[1]);
                    break;
                }
                case "weekday":
                    mask = 0;
                    for (String d : v.split(",")) {
                        int i = dayIndex(d.strip());
                        if (i < 0) {
                            throw new BadRequest(key, "expected days mon, tue, wed, thu, fri, sat, sun, got '"
                                    + d.strip() + "'");
                        }
                        mask |= 1 << i;
                    }
                    break;
                case "threshold":
                    threshold = number(key, v, 0, 1);
                    break;
                case "cost":
                    cost = number(key, v, 0, 1e12);
                    break;
                case "value":
                    value = number(key, v, 0, 1e12);
                    break;
                case "top":
                    top = (int) integer(key, v, 1, MAX_TOP);
                    break;
                default:
                    List<String> known = new ArrayList<>(RESERVED);
                    known.addAll(data.attributes().keySet());
                    throw new BadRequest(key, "unknown parameter; known: " + String.join(", ", known));
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadRequest("to", "the last date " + to + " is before the first " + from);
        }
        return new SliceFilter(from, to, hf, ht, mask, attrs, threshold, cost, value, top);
    }

    /** The attribute a parameter filters, or {@code null} when it is not an attribute parameter. */
    private static String attributeOf(String key, ServeData data) {
        Map<String, List<String>> attrs = data.attributes();
        if (key.startsWith("attr.")) {
            String name = key.substring(5);
            if (!attrs.containsKey(name)) {
                throw new BadRequest(key, "no categorical attribute '" + name + "'; attributes: "
                        + String.join(", ", attrs.keySet()));
            }
            return name;
        }
        if (RESERVED.contains(key)) {
            return null;
        }
        if (attrs.containsKey(key)) {
            return key;
        }
        String alias = ALIASES.get(key);
        if (alias != null) {
            if (!attrs.containsKey(alias)) {
                throw new BadRequest(key, "the data has no " + alias + " attribute; attributes: "
                        + (attrs.isEmpty() ? "none" : String.join(", ", attrs.keySet())));
            }
            return alias;
        }
        return null;
    }

    /** The query parameter that filters an attribute on the page. */
    static String parameter(String attribute) {
        return RESERVED.contains(attribute) || attribute.startsWith("attr.") ? "attr." + attribute : attribute;
    }

    private static String single(String key, List<String> values) {
        if (values.size() > 1) {
            throw new BadRequest(key, "given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    private static LocalDate date(String key, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(key, "expected a date yyyy-MM-dd, got '" + v + "'");
        }
    }

    private static int hour(String key, String v) {
        return (int) integer(key, v.strip(), 0, 23);
    }

    private static long integer(String key, String v, long min, long max) {
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(key, "expected a whole number in " + min + "-" + max + ", got '" + v + "'");
        }
        if (x < min || x > max) {
            throw new BadRequest(key, "expected a whole number in " + min + "-" + max + ", got " + x);
        }
        return x;
    }

    private static double number(String key, String v, double min, double max) {
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(key, "expected a number, got '" + v + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new BadRequest(key, "expected a number in [" + fmt(min) + ", " + fmt(max) + "], got '" + v + "'");
        }
        return x;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static int dayIndex(String d) {
        String l = d.toLowerCase(Locale.ROOT);
        for (int i = 0; i < DAYS.length; i++) {
            if (l.equals(DAYS[i]) || (l.length() > 3 && DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT)
                    .equals(l))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a weekday (0 = Monday) is kept. */
    public boolean keepsWeekday(int day) {
        return (weekdayMask & (1 << day)) != 0;
    }

    /** The short name of a weekday, 0 = Monday: {@code mon} ... {@code sun}. */
    static String dayName(int day) {
        return DAYS[day];
    }

    /** Whether this keeps every session (the settings aside). */
    public boolean keepsAll() {
        return from == null && to == null && hourFrom == 0 && hourTo == 23 && weekdayMask == ALL_WEEKDAYS
                && attributes.isEmpty();
    }

    /**
     * This filter as a URL query (without the {@code ?}); defaults are left out, so {@link #all()} gives an empty
     * string. {@link #parse} reads it back to an equal filter.
     *
     * @return the query
     */
    public String toQuery() {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            for (String v : e.getValue()) {
                q.add(enc(parameter(e.getKey())) + "=" + enc(v));
            }
        }
        if (from != null) {
            q.add("from=" + from);
        }
        if (to != null) {
            q.add("to=" + to);
        }
        if (hourFrom != 0 || hourTo != 23) {
            q.add("hours=" + hourFrom + "-" + hourTo);
        }
        if (weekdayMask != ALL_WEEKDAYS) {
            StringJoiner d = new StringJoiner(",");
            for (int i = 0; i < 7; i++) {
                if (keepsWeekday(i)) {
                    d.add(DAYS[i]);
                }
            }
            q.add("weekday=" + d);
        }
        if (threshold != DEFAULT_THRESHOLD) {
            q.add("threshold=" + threshold);
        }
        if (cost != DEFAULT_COST) {
            q.add("cost=" + cost);
        }
        if (value != DEFAULT_VALUE) {
            q.add("value=" + value);
        }
        if (top != DEFAULT_TOP) {
            q.add("top=" + top);
        }
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A short description, e.g. {@code device=mobile, hours 9-14}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            parts.add(e.getKey() + "=" + String.join("|", e.getValue()));
        }
        if (from != null || to != null) {
            parts.add("dates " + (from == null ? "..." : from) + " to " + (to == null ? "..." : to));
        }
        if (hourFrom != 0 || hourTo != 23) {
            parts.add("hours " + hourFrom + "-" + hourTo);
        }
        if (weekdayMask != ALL_WEEKDAYS) {
            StringJoiner d = new StringJoiner(",");
            for (int i = 0; i < 7; i++) {
                if (keepsWeekday(i)) {
                    d.add(DAYS[i]);
                }
            }
            parts.add("weekday " + d);
        }
        return parts.isEmpty() ? "all sessions" : String.join(", ", parts);
    }

    /** Two filters keep the same sessions (settings such as the threshold aside). */
    boolean sameSlice(SliceFilter o) {
        return Objects.equals(from, o.from) && Objects.equals(to, o.to) && hourFrom == o.hourFrom
                && hourTo == o.hourTo && weekdayMask == o.weekdayMask && attributes.equals(o.attributes);
    }
}
