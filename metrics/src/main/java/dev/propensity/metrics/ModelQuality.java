package dev.propensity.metrics;

import java.util.Objects;

/**
 * The model figures shown among the business KPIs, with the protocol they came from.
 *
 * @param protocol         how the figures were obtained, e.g. "stratified 5-fold cross-validation ..., seed 42"
 * @param accuracy         accuracy at {@code threshold}, in [0, 1]
 * @param majorityBaseline accuracy of always predicting the more frequent class, in [0.5, 1]
 * @param rocAuc           ROC AUC in [0, 1], NaN when one class is absent
 * @param averagePrecision PR AUC (average precision) in [0, 1], NaN when there is no buyer
 * @param f1               F1 at {@code threshold}, in [0, 1]
 * @param threshold        the decision threshold of accuracy and F1
 */
public record ModelQuality(String protocol, double accuracy, double majorityBaseline, double rocAuc,
                           double averagePrecision, double f1, double threshold) {

    /** Validates. */
    public ModelQuality {
        Objects.requireNonNull(protocol, "protocol");
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], was " + accuracy);
        }
        if (!(majorityBaseline >= 0.5 && majorityBaseline <= 1)) {
            throw new IllegalArgumentException("majority baseline must be in [0.5, 1], was " + majorityBaseline);
        }
    }

    /**
     * The model part of a classification report.
     *
     * @param report   the report
     * @param protocol the protocol it came from
     * @return the figures
     */
    public static ModelQuality of(ClassificationReport report, EvaluationProtocol protocol) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(protocol, "protocol");
        return new ModelQuality(protocol.describe(), report.accuracy(), report.majorityBaseline(), report.rocAuc(),
                report.averagePrecision(), report.f1(), report.threshold());
    }
}
