package dev.propensity.metrics;

import java.util.Locale;

/**
 * A closed interval [low, high] for a proportion, such as a {@link Wilson} 95% interval for a conversion rate.
 *
 * @param low  the lower bound, finite, at most {@code high}
 * @param high the upper bound, finite
 */
public record Interval(double low, double high) {

    /** Validates that both bounds are finite and ordered. */
    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("interval needs finite low <= high, was [" + low + ", " + high + "]");
        }
    }

    /** Whether {@code x} lies in [low, high]. */
    public boolean contains(double x) {
        return x >= low && x <= high;
    }

    /** Whether the whole interval lies strictly above {@code x} (low &gt; x). */
    public boolean above(double x) {
        return low > x;
    }

    /** Whether the whole interval lies strictly below {@code x} (high &lt; x). */
    public boolean below(double x) {
        return high < x;
    }

    /** Whether the two intervals share at least one point. */
    public boolean overlaps(Interval other) {
        return low <= other.high && other.low <= high;
    }

    /** The width, high - low. */
    public double width() {
        return high - low;
    }

    /** E.g. {@code [0.2366, 0.7634]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", low, high);
    }
}
