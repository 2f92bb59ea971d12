package dev.propensity.metrics;

import java.util.Objects;

/**
 * Labels and predicted probabilities checked and ranked once, for several reports and an evaluation of the same
 * predictions (a dashboard shows the report at the chosen threshold, at 0.5 and at the max-F1 threshold): the
 * ranking, ROC AUC, average precision, log loss and Brier score are computed once instead of once a report. Every
 * figure is the one {@link ClassificationMetrics#evaluate(boolean[], double[], double)} and
 * {@link EvaluationResult#of(EvaluationProtocol, boolean[], double[], int[], double)} give for the same arrays
 * (the same code, fed the shared parts).
 *
 * <pre>{@code
 * RankedPredictions r = RankedPredictions.of(labels, probabilities);
 * EvaluationResult result = r.evaluation(EvaluationProtocol.crossValidation(5, 42), 0.3);
 * ClassificationReport atHalf = r.report(0.5);
 * }</pre>
 *
 * <p>Immutable (the arrays are copied, except by {@link #ofOwned}) and thread-safe.
 */
public final class RankedPredictions {
    private final boolean[] labels;
    private final double[] probabilities;
    private final Ranked ranked;
    private final double rocAuc;
    private final double averagePrecision;
    private final double logLoss;
    private final double brier;

    private RankedPredictions(boolean[] labels, double[] probabilities) {
        this.labels = labels;
        this.probabilities = probabilities;
        // the arrays were checked by the factory: each figure is a pass of its own, no check repeated
        this.ranked = Ranked.ofChecked(labels, probabilities);
        this.rocAuc = ClassificationMetrics.rocAuc(ranked);
        this.averagePrecision = ClassificationMetrics.averagePrecision(ranked);
        this.logLoss = ClassificationMetrics.logLossChecked(labels, probabilities);
        this.brier = ClassificationMetrics.brierChecked(labels, probabilities);
    }

    /**
     * Checks and ranks predictions. Ranking sorts the scores; scores that come in ascending order (as a server that
     * keeps its rows by probability passes them) sort in one pass.
     *
     * @param labels        true for buyers
     * @param probabilities predicted purchase probabilities in [0, 1], row for row
     * @return the ranked predictions
     * @throws IllegalArgumentException when the lengths differ, there are no rows, or a probability is outside
     *                                  [0, 1] (naming its index)
     */
    public static RankedPredictions of(boolean[] labels, double[] probabilities) {
        Ranked.Checks.probabilities(labels, probabilities);
        return new RankedPredictions(labels.clone(), probabilities.clone());
    }

    /**
     * {@link #of} without copying the arrays: for a caller that made them for these predictions alone (a slice's
     * tested rows) and ranks two million of them per request, where two more copies would be garbage at once. The
     * caller must not change the arrays afterwards.
     *
     * @param labels        true for buyers; kept, not copied
     * @param probabilities predicted purchase probabilities in [0, 1], row for row; kept, not copied
     * @return the ranked predictions
     * @throws IllegalArgumentException as {@link #of}
     */
    public static RankedPredictions ofOwned(boolean[] labels, double[] probabilities) {
        Ranked.Checks.probabilities(labels, probabilities);
        return new RankedPredictions(labels, probabilities);
    }

    /** The number of rows. */
    public int size() {
        return labels.length;
    }

    /**
     * Every headline metric at a threshold: equal to {@link ClassificationMetrics#evaluate(boolean[], double[],
     * double)} of the same arrays.
     *
     * @param threshold predicted positive when score &gt;= threshold; any finite value
     * @return the report
     */
    public ClassificationReport report(double threshold) {
        ClassificationMetrics.checkThreshold(threshold);
        // the confusion counts from the ranking (the rows at or above the threshold are a prefix of it): the same
        // integers as counting every row again
        return ClassificationMetrics.report(ranked.confusion(threshold), threshold, rocAuc, averagePrecision, logLoss,
                brier);
    }

    /**
     * The evaluation of the predictions as one pooled test set: equal to
     * {@link EvaluationResult#of(EvaluationProtocol, boolean[], double[], int[], double)} with every row in fold 0.
     *
     * @param protocol  the protocol the predictions came from
     * @param threshold the decision threshold of the report
     * @return the result
     * @throws IllegalArgumentException when the rows lack a class
     */
    public EvaluationResult evaluation(EvaluationProtocol protocol, double threshold) {
        Objects.requireNonNull(protocol, "protocol");
        EvaluationResult.bothClasses(ranked);
        return EvaluationResult.pooled(protocol, labels, probabilities, ranked, report(threshold),
                new double[] {rocAuc});
    }

    /** E.g. {@code RankedPredictions[20000 rows, 1234 buyers, ROC AUC 0.8812]}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RankedPredictions[%d rows, %d buyers, ROC AUC %.4f]",
                labels.length, ranked.positives, rocAuc);
    }
}
