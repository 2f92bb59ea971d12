package dev.propensity.metrics;

import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Conversion broken down by hour of day, day of week, session-duration bucket, or a session attribute, each group
 * with its count and Wilson 95% interval, and optionally the mean predicted probability.
 *
 * <p>Optional scores are per row of the facts (same length); a NaN score marks a row that was not scored (e.g. a
 * training-only row of a holdout) and is left out of the mean prediction, not out of the counts. Rows whose value
 * for the dimension is unknown (no start time, no duration, attribute absent) are left out of that breakdown.
 * Groups without sessions are left out, and a breakdown with no known value at all is an
 * {@link IllegalArgumentException}: ask {@link #available(SessionFacts)} first.
 *
 * <p>Hours and days are read in the zone of the facts ({@link SessionFacts#zone()}).
 */
public final class Breakdowns {
    /** The dimension key of conversion by hour of day (labels "00:00" to "23:00"). */
    public static final String HOUR_OF_DAY = "hour_of_day";
    /** The dimension key of conversion by day of week (labels "Mon" to "Sun"). */
    public static final String DAY_OF_WEEK = "day_of_week";
    /** The dimension key of conversion by whole-session duration bucket (labels {@link #DURATION_BUCKETS}). */
    public static final String DURATION = "duration";
    /** The duration bucket labels, shortest first; upper bounds exclusive: 60 s, 180 s, 600 s, 1800 s. */
    public static final List<String> DURATION_BUCKETS = List.of("<1 min", "1-3 min", "3-10 min", "10-30 min", "30+ min");
    /** Attributes with more levels than this are not offered by {@link #available} (they are identifiers or counts). */
    public static final int MAX_LEVELS = 31;

    private static final double[] DURATION_UPPER = {60, 180, 600, 1800};
    private static final List<String> HOUR_LABELS = hourLabels();
    private static final List<String> DAY_LABELS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    /** Attributes known to be categorical whatever their levels look like (project names, then UCI names). */
    private static final List<String> KNOWN_CATEGORICAL = List.of(SessionAttributes.TRAFFIC_SOURCE,
            SessionAttributes.VISITOR_TYPE, SessionAttributes.DEVICE, SessionAttributes.MONTH, SessionAttributes.WEEKEND,
            "TrafficType", "VisitorType", "Month", "Weekend", "Region", "Browser", "OperatingSystems");
    private static final List<String> LABEL_LIKE = List.of("revenue", "purchased", "label", "converted");

    private Breakdowns() {
    }

    private static List<String> hourLabels() {
        List<String> labels = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            labels.add(String.format(Locale.ROOT, "%02d:00", h));
        }
        return List.copyOf(labels);
    }

    /**
     * The dimensions these facts support, in display order: hour of day and day of week when some start time is
     * known, duration when some duration is known, then categorical attributes (known names first, e.g. traffic
     * source, visitor type, device, month; then any other attribute with 2 to {@link #MAX_LEVELS} non-numeric
     * levels). An attribute that groups the rows exactly as an earlier one does (UCI's {@code VisitorType} and
     * {@code visitor_type}, spelled differently but grouping the same rows) is listed once, and attributes that look
     * like the label are left out.
     *
     * @param facts the sessions
     * @return dimension keys for {@link #of}; empty only when the facts are empty
     */
    public static List<String> available(SessionFacts facts) {
        Objects.requireNonNull(facts, "facts");
        List<String> dims = new ArrayList<>();
        if (facts.size() == 0) {
            return dims;
        }
        boolean start = false;
        boolean duration = false;
        for (int i = 0; i < facts.size() && !(start && duration); i++) {
            start |= facts.hasStart(i);
            duration |= Double.isFinite(facts.durationSeconds(i));
        }
        if (start) {
            dims.add(HOUR_OF_DAY);
            dims.add(DAY_OF_WEEK);
        }
        if (duration) {
            dims.add(DURATION);
        }
        List<String> candidates = new ArrayList<>();
        for (String k : KNOWN_CATEGORICAL) {
            if (facts.attributeNames().contains(k)) {
                candidates.add(k);
            }
        }
        for (String a : facts.attributeNames()) {
            if (!candidates.contains(a) && !facts.levels(a).isEmpty() && facts.levels(a).size() <= MAX_LEVELS
                    && !allNumeric(facts.levels(a))) {
                candidates.add(a);
            }
        }
        List<String> chosen = new ArrayList<>();
        for (String a : candidates) {
            int levels = facts.levels(a).size();
            if (levels < 1 || levels > MAX_LEVELS || LABEL_LIKE.contains(a.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean duplicate = false;
            for (String c : chosen) {
                if (sameValues(facts, a, c)) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                chosen.add(a);
            }
        }
        dims.addAll(chosen);
        return dims;
    }

    /** Every available breakdown ({@link #available}), without predictions. */
    public static List<Breakdown> all(SessionFacts facts) {
        return all(facts, null);
    }

    /**
     * Every available breakdown ({@link #available}).
     *
     * @param facts  the sessions
     * @param scores predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdowns in display order
     */
    public static List<Breakdown> all(SessionFacts facts, double[] scores) {
        List<Breakdown> list = new ArrayList<>();
        for (String d : available(facts)) {
            list.add(of(facts, d, scores));
        }
        return list;
    }

    /**
     * The breakdown of one dimension.
     *
     * @param facts     the sessions
     * @param dimension {@link #HOUR_OF_DAY}, {@link #DAY_OF_WEEK}, {@link #DURATION} or an attribute name
     * @param scores    predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdown
     */
    public static Breakdown of(SessionFacts facts, String dimension, double[] scores) {
        Objects.requireNonNull(dimension, "dimension");
        switch (dimension) {
            case HOUR_OF_DAY:
                return byHourOfDay(facts, scores);
            case DAY_OF_WEEK:
                return byDayOfWeek(facts, scores);
            case DURATION:
                return byDurationBucket(facts, scores);
            default:
                return byAttribute(facts, dimension, scores);
        }
    }

    /** Conversion by hour of day of the session start, without predictions. */
    public static Breakdown byHourOfDay(SessionFacts facts) {
        return byHourOfDay(facts, null);
    }

    /**
     * Conversion by hour of day of the session start (labels "00:00" ... "23:00").
     *
     * @param facts  the sessions; at least one with a start time
     * @param scores predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdown
     * @throws IllegalArgumentException when no session has a start time (session tables such as UCI)
     */
    public static Breakdown byHourOfDay(SessionFacts facts, double[] scores) {
        checkScores(facts, scores);
        Tally t = new Tally(HOUR_LABELS.size());
        ZoneId zone = fixed(facts.zone());
        for (int i = 0; i < facts.size(); i++) {
            t.add(facts.hasStart(i) ? hour(facts.startMillis(i), zone) : -1, facts, scores, i);
        }
        return build(facts, t, HOUR_OF_DAY, "Hour of day", HOUR_LABELS, "start time", false);
    }

    /** Conversion by day of week of the session start, without predictions. */
    public static Breakdown byDayOfWeek(SessionFacts facts) {
        return byDayOfWeek(facts, null);
    }

    /**
     * Conversion by day of week of the session start (labels "Mon" ... "Sun").
     *
     * @param facts  the sessions; at least one with a start time
     * @param scores predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdown
     * @throws IllegalArgumentException when no session has a start time
     */
    public static Breakdown byDayOfWeek(SessionFacts facts, double[] scores) {
        checkScores(facts, scores);
        Tally t = new Tally(DAY_LABELS.size());
        ZoneId zone = fixed(facts.zone());
        for (int i = 0; i < facts.size(); i++) {
            t.add(facts.hasStart(i) ? dayOfWeek(facts.startMillis(i), zone).ordinal() : -1, facts, scores, i);
        }
        return build(facts, t, DAY_OF_WEEK, "Day of week", DAY_LABELS, "start time", false);
    }

    /** Conversion by session-duration bucket, without predictions. */
    public static Breakdown byDurationBucket(SessionFacts facts) {
        return byDurationBucket(facts, null);
    }

    /**
     * Conversion by whole-session duration bucket ({@link #DURATION_BUCKETS}; a duration of exactly 60 s is
     * "1-3 min"). Durations describe the whole session, purchase included, so this is descriptive, not predictive.
     *
     * @param facts  the sessions; at least one with a known duration
     * @param scores predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdown
     * @throws IllegalArgumentException when no session has a known duration
     */
    public static Breakdown byDurationBucket(SessionFacts facts, double[] scores) {
        checkScores(facts, scores);
        Tally t = new Tally(DURATION_BUCKETS.size());
        for (int i = 0; i < facts.size(); i++) {
            t.add(durationBucket(facts.durationSeconds(i)), facts, scores, i);
        }
        return build(facts, t, DURATION, "Session duration", DURATION_BUCKETS, "duration", false);
    }

    /**
     * The bucket index of a duration in seconds: 0 for under 60 s (negative durations included), ..., 4 for 30
     * minutes or more; -1 for NaN.
     *
     * @param seconds the duration
     * @return the index into {@link #DURATION_BUCKETS}, or -1
     */
    public static int durationBucket(double seconds) {
        if (Double.isNaN(seconds)) {
            return -1;
        }
        for (int b = 0; b < DURATION_UPPER.length; b++) {
            if (seconds < DURATION_UPPER[b]) {
                return b;
            }
        }
        return DURATION_UPPER.length;
    }

    /** Conversion by the levels of an attribute, without predictions. */
    public static Breakdown byAttribute(SessionFacts facts, String attribute) {
        return byAttribute(facts, attribute, null);
    }

    /**
     * Conversion by the levels of a session attribute (traffic source, visitor type, month, ...).
     *
     * @param facts     the sessions
     * @param attribute the attribute name, one of {@link SessionFacts#attributeNames()}
     * @param scores    predicted probabilities per row (NaN = not scored), or {@code null}
     * @return the breakdown
     * @throws IllegalArgumentException when the attribute is absent or no row has a value
     */
    public static Breakdown byAttribute(SessionFacts facts, String attribute, double[] scores) {
        checkScores(facts, scores);
        Objects.requireNonNull(attribute, "attribute");
        List<String> levels = facts.levels(attribute);
        Tally t = new Tally(levels.size());
        for (int i = 0; i < facts.size(); i++) {
            t.add(facts.attributeCode(attribute, i), facts, scores, i);
        }
        return build(facts, t, attribute, title(attribute), levels, "value of '" + attribute + "'", true);
    }

    /** A readable title for a dimension key: "traffic_source" and "TrafficType" become "Traffic source", "Traffic type". */
    public static String title(String dimension) {
        switch (dimension) {
            case HOUR_OF_DAY:
                return "Hour of day";
            case DAY_OF_WEEK:
                return "Day of week";
            case DURATION:
                return "Session duration";
            default:
                break;
        }
        String spaced = dimension.replace('_', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").trim();
        if (spaced.isEmpty()) {
            return dimension;
        }
        String lower = spaced.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * The counts of one breakdown, group by group, gathered row by row as the rows' group keys are computed (no
     * array of keys the size of the data).
     */
    private static final class Tally {
        final long[] n;
        final long[] buyers;
        final double[] sum;
        final long[] scored;

        Tally(int groups) {
            n = new long[groups];
            buyers = new long[groups];
            sum = new double[groups];
            scored = new long[groups];
        }

        /** Counts row i in group k; a negative k (value unknown) is left out. */
        void add(int k, SessionFacts facts, double[] scores, int i) {
            if (k < 0) {
                return;
            }
            n[k]++;
            buyers[k] += facts.purchased(i) ? 1 : 0;
            if (scores != null && !Double.isNaN(scores[i])) {
                sum[k] += scores[i];
                scored[k]++;
            }
        }
    }

    private static Breakdown build(SessionFacts facts, Tally t, String dim, String title, List<String> labels,
                                   String what, boolean reorder) {
        int m = labels.size();
        long[] n = t.n;
        long[] buyers = t.buyers;
        double[] sum = t.sum;
        long[] scored = t.scored;
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            if (n[k] > 0) {
                order.add(k);
            }
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no session has a known " + what + " (of " + facts.size()
                    + " sessions), so there is no breakdown by " + dim + "; available: " + available(facts));
        }
        if (reorder) {
            order.sort(levelOrder(labels, n));
        }
        List<Breakdown.Group> groups = new ArrayList<>();
        for (int k : order) {
            groups.add(Breakdown.Group.of(labels.get(k), n[k], buyers[k], scored[k] == 0 ? Double.NaN : sum[k] / scored[k]));
        }
        return new Breakdown(dim, title, groups);
    }

    /** Calendar order for months, numeric order for numbers, false before true, else by decreasing count. */
    private static Comparator<Integer> levelOrder(List<String> labels, long[] n) {
        if (labels.stream().allMatch(l -> MONTHS.contains(monthKey(l)))) {
            return Comparator.comparingInt(k -> MONTHS.indexOf(monthKey(labels.get(k))));
        }
        if (allNumeric(labels)) {
            return Comparator.comparingDouble(k -> Double.parseDouble(labels.get(k).trim()));
        }
        if (labels.stream().allMatch(l -> l.equalsIgnoreCase("true") || l.equalsIgnoreCase("false"))) {
            return Comparator.comparing(k -> labels.get(k).toLowerCase(Locale.ROOT));
        }
        Comparator<Integer> byCount = Comparator.comparingLong(k -> -n[k]);
        return byCount.thenComparing(labels::get);
    }

    private static String monthKey(String label) {
        String t = label.trim().toLowerCase(Locale.ROOT);
        return t.length() >= 3 ? t.substring(0, 3) : t;
    }

    private static boolean allNumeric(List<String> levels) {
        if (levels.isEmpty()) {
            return false;
        }
        for (String l : levels) {
            try {
                double d = Double.parseDouble(l.trim());
                if (!Double.isFinite(d)) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two attributes group the rows identically: a one-to-one correspondence between their levels holds on
     * every row (UCI's {@code VisitorType = Returning_Visitor} and {@code visitor_type = returning}; missing values
     * correspond only to missing values).
     */
    private static boolean sameValues(SessionFacts facts, String a, String b) {
        int[] aToB = new int[facts.levels(a).size()];
        int[] bToA = new int[facts.levels(b).size()];
        java.util.Arrays.fill(aToB, -2);
        java.util.Arrays.fill(bToA, -2);
        for (int i = 0; i < facts.size(); i++) {
            int ca = facts.attributeCode(a, i);
            int cb = facts.attributeCode(b, i);
            if (ca < 0 || cb < 0) {
                if (ca != cb) {
                    return false;
                }
                continue;
            }
            if (aToB[ca] == -2) {
                aToB[ca] = cb;
            } else if (aToB[ca] != cb) {
                return false;
            }
            if (bToA[cb] == -2) {
                bToA[cb] = ca;
            } else if (bToA[cb] != ca) {
                return false;
            }
        }
        return true;
    }

    /**
     * A zone whose offset never changes as that offset (a region such as "UTC" or "Etc/GMT+2"), so that hours and days
     * are computed from the offset instead of through a date-time object per row; other zones as they are.
     */
    static ZoneId fixed(ZoneId zone) {
        if (zone instanceof ZoneOffset || !zone.getRules().isFixedOffset()) {
            return zone;
        }
        return zone.getRules().getOffset(Instant.EPOCH);
    }

    static int hour(long millis, ZoneId zone) {
        if (zone instanceof ZoneOffset) {
            long local = millis + ((ZoneOffset) zone).getTotalSeconds() * 1000L;
            return (int) Math.floorMod(local, 86_400_000L) / 3_600_000;
        }
        return Instant.ofEpochMilli(millis).atZone(zone).getHour();
    }

    static DayOfWeek dayOfWeek(long millis, ZoneId zone) {
        if (zone instanceof ZoneOffset) {
            long local = millis + ((ZoneOffset) zone).getTotalSeconds() * 1000L;
            long day = Math.floorDiv(local, 86_400_000L); // 1970-01-01 was a Thursday
            return DayOfWeek.of((int) Math.floorMod(day + 3, 7L) + 1);
        }
        return Instant.ofEpochMilli(millis).atZone(zone).getDayOfWeek();
    }

    static void checkScores(SessionFacts facts, double[] scores) {
        Objects.requireNonNull(facts, "facts");
        if (scores != null && scores.length != facts.size()) {
            throw new IllegalArgumentException("scores and facts differ in length: " + scores.length + " vs "
                    + facts.size());
        }
    }
}
