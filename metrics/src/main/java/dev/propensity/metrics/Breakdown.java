package dev.propensity.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Conversion by the groups of one dimension (hour of day, day of week, duration bucket, an attribute), each group
 * with its count and Wilson 95% interval. Built by {@link Breakdowns}; never empty.
 *
 * @param dimension the dimension's key: {@link Breakdowns#HOUR_OF_DAY}, {@link Breakdowns#DAY_OF_WEEK},
 *                  {@link Breakdowns#DURATION} or an attribute name
 * @param title     a readable title, e.g. "Hour of day" or "Traffic source"
 * @param groups    the non-empty groups in their natural order (hours 0-23, Monday-Sunday, shortest to longest,
 *                  calendar months, numeric levels ascending, other levels by decreasing session count)
 */
public record Breakdown(String dimension, String title, List<Group> groups) {

    /** Validates and copies the list. */
    public Breakdown {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(title, "title");
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("breakdown '" + dimension + "' has no groups");
        }
    }

    /**
     * One group of a breakdown.
     *
     * @param label         the group's label, e.g. "14:00", "Mon", "1-3 min", "Returning_Visitor"
     * @param sessions      sessions in the group, &gt;= 1
     * @param purchases     of which purchased, in [0, sessions]
     * @param rate          purchases / sessions
     * @param interval      Wilson 95% interval of the rate
     * @param meanPredicted mean predicted purchase probability of the group's scored sessions, or NaN when no scores
     *                      were given (or none of the group's sessions was scored)
     */
    public record Group(String label, long sessions, long purchases, double rate, Interval interval,
                        double meanPredicted) {

        /** Validates. */
        public Group {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(interval, "interval");
            if (sessions < 1 || purchases < 0 || purchases > sessions) {
                throw new IllegalArgumentException("group '" + label + "' needs 0 <= purchases <= sessions and sessions >= 1, was "
                        + purchases + " of " + sessions);
            }
        }

        /** A group from counts, with its Wilson interval. */
        static Group of(String label, long sessions, long purchases, double meanPredicted) {
            return new Group(label, sessions, purchases, (double) purchases / sessions,
                    Wilson.interval(purchases, sessions), meanPredicted);
        }

        /** Whether a mean prediction is present. */
        public boolean hasPrediction() {
            return !Double.isNaN(meanPredicted);
        }
    }

    /** The total number of sessions over the groups. */
    public long sessions() {
        long s = 0;
        for (Group g : groups) {
            s += g.sessions();
        }
        return s;
    }

    /** The total number of purchases over the groups. */
    public long purchases() {
        long s = 0;
        for (Group g : groups) {
            s += g.purchases();
        }
        return s;
    }

    /** The group with the given label, if any. */
    public java.util.Optional<Group> group(String label) {
        return groups.stream().filter(g -> g.label().equals(label)).findFirst();
    }

    /** A table: label, sessions, purchases, rate, interval (and predicted when present). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(title).append('\n');
        int w = 8;
        for (Group g : groups) {
            w = Math.max(w, g.label().length() + 1);
        }
        String head = "%-" + w + "s %9s %9s %7s %17s%n";
        sb.append(String.format(Locale.ROOT, head, "group", "sessions", "buyers", "rate", "95% CI"));
        for (Group g : groups) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %9d %9d %6.2f%% %7.2f-%6.2f%%", g.label(), g.sessions(),
                    g.purchases(), g.rate() * 100, g.interval().low() * 100, g.interval().high() * 100));
            if (g.hasPrediction()) {
                sb.append(String.format(Locale.ROOT, "  predicted %.2f%%", g.meanPredicted() * 100));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
