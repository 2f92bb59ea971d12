package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The cumulative gains and lift of targeting sessions in order of decreasing score: after targeting a share x of
 * sessions, the share of all buyers reached, and the lift, (buyers reached / sessions targeted) / base rate. Points
 * sit at each distinct score (tied sessions are targeted together); charts add the origin (0, 0) themselves, where
 * lift is undefined. The last point is (1, 1) with lift 1. Built by {@link Curves#cumulativeGains}.
 *
 * @param fractionTargeted x: share of sessions targeted, increasing, in (0, 1]
 * @param fractionOfBuyers y: share of all buyers among them, non-decreasing, in [0, 1]
 * @param lift             precision among the targeted divided by the base rate, &gt;= 0 (1 = random targeting)
 * @param thresholds       the score threshold of each point, decreasing
 */
public record GainsCurve(double[] fractionTargeted, double[] fractionOfBuyers, double[] lift, double[] thresholds) {

    /** Validates equal lengths (at least 1) and copies the arrays. */
    public GainsCurve {
        fractionTargeted = Objects.requireNonNull(fractionTargeted, "fractionTargeted").clone();
        fractionOfBuyers = Objects.requireNonNull(fractionOfBuyers, "fractionOfBuyers").clone();
        lift = Objects.requireNonNull(lift, "lift").clone();
        thresholds = Objects.requireNonNull(thresholds, "thresholds").clone();
        CurveChecks.sameLength(1, fractionTargeted, fractionOfBuyers, lift, thresholds);
    }

    /** A copy of x. */
    @Override
    public double[] fractionTargeted() {
        return fractionTargeted.clone();
    }

    /** A copy of y. */
    @Override
    public double[] fractionOfBuyers() {
        return fractionOfBuyers.clone();
    }

    /** A copy of the lifts. */
    @Override
    public double[] lift() {
        return lift.clone();
    }

    /** A copy of the thresholds. */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** The number of points. */
    public int size() {
        return thresholds.length;
    }

    /**
     * The share of buyers reached when targeting the top {@code fraction} of sessions, by linear interpolation
     * between points (and from the origin).
     *
     * @param fraction share targeted, in [0, 1]
     * @return share of buyers reached, in [0, 1]
     */
    public double buyersReachedAt(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
        }
        double px = 0;
        double py = 0;
        for (int i = 0; i < fractionTargeted.length; i++) {
            double x = fractionTargeted[i];
            double y = fractionOfBuyers[i];
            if (fraction <= x) {
                return x == px ? y : py + (y - py) * (fraction - px) / (x - px);
            }
            px = x;
            py = y;
        }
        return py;
    }

    /**
     * This curve with at most {@code maxPoints} points, evenly spaced along its points and keeping both ends (for
     * charts).
     *
     * @param maxPoints at least 2
     * @return a thinned copy
     */
    public GainsCurve thin(int maxPoints) {
        int[] idx = Thinning.indices(size(), maxPoints);
        return new GainsCurve(Thinning.pick(fractionTargeted, idx), Thinning.pick(fractionOfBuyers, idx),
                Thinning.pick(lift, idx), Thinning.pick(thresholds, idx));
    }

    /** Compares contents. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GainsCurve)) {
            return false;
        }
        GainsCurve g = (GainsCurve) o;
        return Arrays.equals(fractionTargeted, g.fractionTargeted) && Arrays.equals(fractionOfBuyers, g.fractionOfBuyers)
                && Arrays.equals(lift, g.lift) && Arrays.equals(thresholds, g.thresholds);
    }

    /** Hashes contents. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(fractionTargeted), Arrays.hashCode(fractionOfBuyers),
                Arrays.hashCode(thresholds));
    }

    /** A one-line summary with the buyers reached in the top 10% and 20%. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GainsCurve[%d points, top 10%% reach %.1f%% of buyers, top 20%% reach %.1f%%]",
                size(), buyersReachedAt(0.1) * 100, buyersReachedAt(0.2) * 100);
    }
}
