package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A precision-recall curve, points in order of decreasing threshold (so recall never falls), as scikit-learn's
 * (1.2) {@code precision_recall_curve} read backwards: it starts at (recall 0, precision 1) with threshold +infinity
 * and has one point per distinct score, down to the lowest (where precision is the base rate). Built by
 * {@link Curves#precisionRecall}. Arrays are copied.
 *
 * @param recall     x: tp / positives, non-decreasing, in [0, 1]
 * @param precision  y: tp / (tp + fp), in [0, 1]
 * @param thresholds the threshold of each point (predicted positive when score &gt;= threshold), decreasing
 */
public record PrecisionRecallCurve(double[] recall, double[] precision, double[] thresholds) {

    /** Validates equal lengths (at least 1) and copies the arrays. */
    public PrecisionRecallCurve {
        recall = Objects.requireNonNull(recall, "recall").clone();
        precision = Objects.requireNonNull(precision, "precision").clone();
        thresholds = Objects.requireNonNull(thresholds, "thresholds").clone();
        CurveChecks.sameLength(1, recall, precision, thresholds);
    }

    /** A copy of the x values. */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] precision() {
        return precision.clone();
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

    /** Average precision: the step-wise area sum (R_k - R_{k-1}) P_k, as {@link ClassificationMetrics#averagePrecision}. */
    public double averagePrecision() {
        double a = 0;
        for (int i = 1; i < recall.length; i++) {
            a += (recall[i] - recall[i - 1]) * precision[i];
        }
        return a;
    }

    /**
     * This curve with at most {@code maxPoints} points, evenly spaced along its points and keeping both ends (for
     * charts); use {@link ClassificationMetrics#averagePrecision} for the figure.
     *
     * @param maxPoints at least 2
     * @return a thinned copy
     */
    public PrecisionRecallCurve thin(int maxPoints) {
        int[] idx = Thinning.indices(size(), maxPoints);
        return new PrecisionRecallCurve(Thinning.pick(recall, idx), Thinning.pick(precision, idx),
                Thinning.pick(thresholds, idx));
    }

    /** Compares the array contents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PrecisionRecallCurve && Arrays.equals(recall, ((PrecisionRecallCurve) o).recall)
                && Arrays.equals(precision, ((PrecisionRecallCurve) o).precision)
                && Arrays.equals(thresholds, ((PrecisionRecallCurve) o).thresholds);
    }

    /** Hashes the array contents. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(recall), Arrays.hashCode(precision), Arrays.hashCode(thresholds));
    }

    /** A one-line summary. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PrecisionRecallCurve[%d points, average precision %.4f]", size(),
                averagePrecision());
    }
}
