package dev.propensity.metrics;

/**
 * Wilson score intervals for a proportion (Wilson 1927): unlike the normal approximation, it stays within [0, 1] and
 * behaves well for small counts and rates near 0 or 1, which is why conversion rates by segment use it.
 */
public final class Wilson {
    /** The two-sided 95% standard normal quantile, 1.959963984540054. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /**
     * The Wilson 95% interval of {@code successes} out of {@code n}; e.g. 5 of 10 gives [0.2366, 0.7634].
     *
     * @param successes the number of successes, in [0, n]
     * @param n         the number of trials, at least 0; with 0 trials the interval is [0, 1] (nothing is known)
     * @return the interval, within [0, 1]
     * @throws IllegalArgumentException when the counts are out of range
     */
    public static Interval interval(long successes, long n) {
        return interval(successes, n, Z95);
    }

    /**
     * The Wilson interval for a given normal quantile {@code z} (1.96 for 95%, 2.576 for 99%).
     *
     * @param successes the number of successes, in [0, n]
     * @param n         the number of trials, at least 0; 0 gives [0, 1]
     * @param z         the quantile, finite and &gt; 0
     * @return the interval, within [0, 1]
     */
    public static Interval interval(long successes, long n, double z) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("Wilson interval needs 0 <= successes <= n, was successes=" + successes
                    + " n=" + n);
        }
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be finite and > 0, was " + z);
        }
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double den = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
        double lo = Math.max(0, centre - half);
        double hi = Math.min(1, centre + half);
        if (successes == 0) {
            lo = 0;
        }
        if (successes == n) {
            hi = 1;
        }
        return new Interval(lo, hi);
    }
}
