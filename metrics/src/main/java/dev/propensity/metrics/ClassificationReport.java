package dev.propensity.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * The headline figures of a binary classifier on one set of (label, probability) pairs, with the majority-class
 * baseline next to accuracy: at a 2-15% base rate a model that never predicts a purchase is already 85-98%
 * accurate. Built by {@link ClassificationMetrics#evaluate}; its {@link #toString()} is a readable table.
 *
 * @param n                 rows evaluated, at least 1
 * @param positives         buyers among them, in [0, n]
 * @param baseRate          positives / n, in [0, 1]
 * @param threshold         the decision threshold of the threshold-dependent figures (predicted positive when
 *                          score &gt;= threshold), finite
 * @param confusion         the confusion counts at {@code threshold}; they sum to n
 * @param accuracy          (tp + tn) / n at the threshold, in [0, 1]
 * @param majorityBaseline  the accuracy of always predicting the more frequent class, max(b, 1 - b), in [0.5, 1]
 * @param precision         tp / (tp + fp) in [0, 1]; 0 when nothing is predicted positive
 * @param recall            tp / (tp + fn) in [0, 1]; 0 when there are no buyers
 * @param f1                harmonic mean of precision and recall in [0, 1]; 0 when tp + fp + fn = 0
 * @param mcc               Matthews correlation in [-1, 1]; 0 when a margin of the confusion matrix is empty
 * @param rocAuc            ROC AUC in [0, 1] (threshold-free, ties count one half); NaN when one class is absent
 * @param averagePrecision  PR AUC as scikit-learn's average precision, in [0, 1]; NaN when there are no buyers;
 *                          a random model scores about the base rate
 * @param logLoss           mean cross-entropy (natural log, probabilities clipped at 2.2e-16 as scikit-learn does), &gt;= 0
 * @param brier             mean squared error of the probabilities, in [0, 1]
 */
public record ClassificationReport(long n, long positives, double baseRate, double threshold,
                                   ConfusionMatrix confusion, double accuracy, double majorityBaseline,
                                   double precision, double recall, double f1, double mcc, double rocAuc,
                                   double averagePrecision, double logLoss, double brier) {

    /** Validates the ranges and that the confusion counts agree with n and positives. */
    public ClassificationReport {
        Objects.requireNonNull(confusion, "confusion");
        if (n < 1) {
            throw new IllegalArgumentException("a report needs n >= 1, was " + n);
        }
        if (positives < 0 || positives > n) {
            throw new IllegalArgumentException("positives must be in [0, n=" + n + "], was " + positives);
        }
        if (confusion.n() != n || confusion.positives() != positives) {
            throw new IllegalArgumentException("confusion counts (n=" + confusion.n() + ", positives="
                    + confusion.positives() + ") disagree with n=" + n + ", positives=" + positives);
        }
        ClassificationMetrics.checkThreshold(threshold);
        unit("baseRate", baseRate, false);
        unit("accuracy", accuracy, false);
        unit("majorityBaseline", majorityBaseline, false);
        unit("precision", precision, false);
        unit("recall", recall, false);
        unit("f1", f1, false);
        unit("rocAuc", rocAuc, true);
        unit("averagePrecision", averagePrecision, true);
        unit("brier", brier, false);
        if (!(mcc >= -1 - 1e-12 && mcc <= 1 + 1e-12)) {
            throw new IllegalArgumentException("mcc must be in [-1, 1], was " + mcc);
        }
        if (!(logLoss >= 0) || Double.isInfinite(logLoss)) {
            throw new IllegalArgumentException("logLoss must be finite and >= 0, was " + logLoss);
        }
    }

    private static void unit(String name, double v, boolean nanAllowed) {
        if (Double.isNaN(v) && nanAllowed) {
            return;
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
        }
    }

    /** Accuracy minus the majority-class baseline, in [-1, 0.5]: how much better than "nobody buys". */
    public double accuracyLift() {
        return accuracy - majorityBaseline;
    }

    /** A table of every figure, one per line, then the confusion matrix. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %d (%d buyers, base rate %.2f%%)%n", "rows", n, positives,
                baseRate * 100));
        line(sb, "ROC AUC", rocAuc);
        line(sb, "PR AUC (avg precision)", averagePrecision);
        line(sb, "log loss", logLoss);
        line(sb, "Brier", brier);
        sb.append(String.format(Locale.ROOT, "%-22s %.4g%n", "threshold", threshold));
        line(sb, "accuracy", accuracy);
        line(sb, "majority baseline", majorityBaseline);
        line(sb, "precision", precision);
        line(sb, "recall", recall);
        line(sb, "F1", f1);
        line(sb, "MCC", mcc);
        sb.append(confusion);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, double v) {
        sb.append(String.format(Locale.ROOT, "%-22s %.4f%n", name, v));
    }
}
