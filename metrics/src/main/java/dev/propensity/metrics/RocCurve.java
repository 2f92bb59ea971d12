package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A receiver operating characteristic curve, from (0, 0) to (1, 1), points in order of decreasing threshold.
 * Built by {@link Curves#roc}. Arrays are copied in and out.
 *
 * @param falsePositiveRate x: fp / negatives at each point, non-decreasing, in [0, 1]
 * @param truePositiveRate  y: tp / positives at each point, non-decreasing, in [0, 1]
 * @param thresholds        the score threshold of each point (predicted positive when score &gt;= threshold),
 *                          decreasing; the first is +infinity (nothing predicted positive)
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds) {

    /** Validates equal lengths (at least 2) and copies the arrays. */
    public RocCurve {
        falsePositiveRate = Objects.requireNonNull(falsePositiveRate, "falsePositiveRate").clone();
        truePositiveRate = Objects.requireNonNull(truePositiveRate, "truePositiveRate").clone();
        thresholds = Objects.requireNonNull(thresholds, "thresholds").clone();
        CurveChecks.sameLength(2, falsePositiveRate, truePositiveRate, thresholds);
    }

    /** A copy of the x values. */
    @Override
    public double[] falsePositiveRate() {
        return falsePositiveRate.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] truePositiveRate() {
        return truePositiveRate.clone();
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

    /** The area under the curve by the trapezoidal rule (equal to {@link ClassificationMetrics#rocAuc}). */
    public double area() {
        double a = 0;
        for (int i = 1; i < falsePositiveRate.length; i++) {
            a += (falsePositiveRate[i] - falsePositiveRate[i - 1]) * (truePositiveRate[i] + truePositiveRate[i - 1]) / 2;
        }
        return a;
    }

    /**
     * This curve with at most {@code maxPoints} points, evenly spaced along its points and keeping both ends (for
     * charts). The area of the thinned curve differs from {@link ClassificationMetrics#rocAuc} by at most the area
     * between the dropped corners; use the metric for figures.
     *
     * @param maxPoints at least 2
     * @return a thinned copy, or an equal copy when the curve already has at most {@code maxPoints} points
     */
    public RocCurve thin(int maxPoints) {
        int[] idx = Thinning.indices(size(), maxPoints);
        return new RocCurve(Thinning.pick(falsePositiveRate, idx), Thinning.pick(truePositiveRate, idx),
                Thinning.pick(thresholds, idx));
    }

    /** Compares the array contents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve && Arrays.equals(falsePositiveRate, ((RocCurve) o).falsePositiveRate)
                && Arrays.equals(truePositiveRate, ((RocCurve) o).truePositiveRate)
                && Arrays.equals(thresholds, ((RocCurve) o).thresholds);
    }

    /** Hashes the array contents. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(falsePositiveRate), Arrays.hashCode(truePositiveRate),
                Arrays.hashCode(thresholds));
    }

    /** A one-line summary. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RocCurve[%d points, area %.4f]", size(), area());
    }
}
