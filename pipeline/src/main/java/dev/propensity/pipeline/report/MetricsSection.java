package dev.propensity.pipeline.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.ThresholdChoice;
import java.util.Objects;

/**
 * How the model was evaluated and how well it did, or why there is no model. Either {@code skipped} is set (no
 * model: every field from {@code protocol} on is {@code null}), or the model was evaluated and every field but
 * {@code skipped} (and {@code protocolRequested}, unless fewer folds were used than asked) is set. {@code null}
 * fields are left out of the JSON; a figure that is undefined (NaN) is written as {@code null}.
 *
 * @param model             the trainer's name, e.g. {@code logistic}
 * @param skipped           why no model was evaluated, or {@code null}
 * @param protocol          the protocol in words, e.g. "stratified 5-fold cross-validation (pooled out-of-fold),
 *                          seed 42"
 * @param protocolCode      the protocol as the command takes it, e.g. {@code cv:5}
 * @param protocolRequested the protocol asked for, when it was not the one used (fewer folds on small data), or
 *                          when no model was evaluated
 * @param evaluatedSessions sessions with an out-of-sample prediction (all under cross-validation, the test rows
 *                          under holdout and time splits)
 * @param rocAuc            ROC AUC of the evaluated predictions, in [0, 1]
 * @param prAuc             PR AUC (average precision), in [0, 1]
 * @param logLoss           mean log loss (natural log), &gt;= 0
 * @param brier             Brier score, in [0, 1]
 * @param accuracy          accuracy at threshold 0.5, in [0, 1]
 * @param majorityBaseline  accuracy of always predicting the more frequent class, in [0.5, 1]
 * @param foldRocAuc        ROC AUC of each test fold
 * @param foldRocAucStd     standard deviation of the per-fold ROC AUCs (sample; 0 for one fold)
 * @param bestF1            the threshold with the highest F1, its F1 and confusion counts
 * @param atThreshold0_5    every figure at threshold 0.5
 * @param atBestF1Threshold every figure at the max-F1 threshold
 * @param foldSeconds       training plus scoring time of each fold, in seconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSection(String model, String skipped, String protocol, String protocolCode,
                             String protocolRequested, Integer evaluatedSessions, Double rocAuc, Double prAuc,
                             Double logLoss, Double brier, Double accuracy, Double majorityBaseline,
                             double[] foldRocAuc, Double foldRocAucStd, ThresholdChoice bestF1,
                             ClassificationReport atThreshold0_5, ClassificationReport atBestF1Threshold,
                             double[] foldSeconds) {

    /** Validates: a model name, and either a reason for skipping or the figures; copies the arrays. */
    public MetricsSection {
        Objects.requireNonNull(model, "model");
        if ((skipped == null) == (atThreshold0_5 == null)) {
            throw new IllegalArgumentException("metrics need either the reason no model was evaluated or the "
                    + "figures, not " + (skipped == null ? "neither" : "both"));
        }
        foldRocAuc = foldRocAuc == null ? null : foldRocAuc.clone();
        foldSeconds = foldSeconds == null ? null : foldSeconds.clone();
    }

    /**
     * The section of a run without a model.
     *
     * @param model     the trainer's name
     * @param why       why no model was evaluated
     * @param requested the protocol asked for
     * @return the section
     */
    public static MetricsSection skipped(String model, String why, EvaluationProtocol requested) {
        Objects.requireNonNull(why, "why");
        return new MetricsSection(model, why, null, null, requested.code(), null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /**
     * The section of an evaluated model.
     *
     * @param model       the trainer's name
     * @param protocol    the protocol used
     * @param requested   the protocol asked for (recorded only when it differs from {@code protocol})
     * @param atHalf      the figures of the evaluated predictions at threshold 0.5
     * @param atBestF1    the figures at the max-F1 threshold
     * @param result      the evaluation's result (per-fold AUCs, the max-F1 threshold)
     * @param foldSeconds the seconds each fold took
     * @return the section
     */
    public static MetricsSection evaluated(String model, EvaluationProtocol protocol, EvaluationProtocol requested,
                                           ClassificationReport atHalf, ClassificationReport atBestF1,
                                           EvaluationResult result, double[] foldSeconds) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(atBestF1, "atBestF1");
        Objects.requireNonNull(foldSeconds, "foldSeconds");
        return new MetricsSection(model, null, protocol.describe(), protocol.code(),
                protocol.equals(requested) ? null : requested.code(), Math.toIntExact(atHalf.n()), atHalf.rocAuc(),
                atHalf.averagePrecision(), atHalf.logLoss(), atHalf.brier(), atHalf.accuracy(),
                atHalf.majorityBaseline(), result.foldRocAuc(), result.foldRocAucStd(), result.bestF1(), atHalf,
                atBestF1, foldSeconds);
    }

    /** Whether a model was evaluated ({@link #skipped()} is {@code null}). */
    public boolean hasModel() {
        return skipped == null;
    }

    /** The per-fold ROC AUCs (a copy), or {@code null} without a model. */
    @Override
    public double[] foldRocAuc() {
        return foldRocAuc == null ? null : foldRocAuc.clone();
    }

    /** The per-fold seconds (a copy), or {@code null} without a model. */
    @Override
    public double[] foldSeconds() {
        return foldSeconds == null ? null : foldSeconds.clone();
    }

    /** Equal when every field is, the arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MetricsSection m && model.equals(m.model) && Objects.equals(skipped, m.skipped)
                && Objects.equals(protocol, m.protocol) && Objects.equals(protocolCode, m.protocolCode)
                && Objects.equals(protocolRequested, m.protocolRequested)
                && Objects.equals(evaluatedSessions, m.evaluatedSessions) && Objects.equals(rocAuc, m.rocAuc)
                && Objects.equals(prAuc, m.prAuc) && Objects.equals(logLoss, m.logLoss)
                && Objects.equals(brier, m.brier) && Objects.equals(accuracy, m.accuracy)
                && Objects.equals(majorityBaseline, m.majorityBaseline)
                && java.util.Arrays.equals(foldRocAuc, m.foldRocAuc) && Objects.equals(foldRocAucStd, m.foldRocAucStd)
                && Objects.equals(bestF1, m.bestF1) && Objects.equals(atThreshold0_5, m.atThreshold0_5)
                && Objects.equals(atBestF1Threshold, m.atBestF1Threshold)
                && java.util.Arrays.equals(foldSeconds, m.foldSeconds);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(model, skipped, protocol, protocolCode, protocolRequested, evaluatedSessions, rocAuc,
                prAuc, logLoss, brier, accuracy, majorityBaseline, java.util.Arrays.hashCode(foldRocAuc),
                foldRocAucStd, bestF1, atThreshold0_5, atBestF1Threshold, java.util.Arrays.hashCode(foldSeconds));
    }
}
