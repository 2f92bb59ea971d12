/**
 * Everything computed from labels, scores and session facts: classification metrics and curves, business KPIs,
 * breakdowns with Wilson intervals, the funnel, feature importance, evaluation protocols and insights. No model
 * is needed: a model enters only as its scores, or as a {@link dev.propensity.metrics.BatchScorer} for permutation
 * importance.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.propensity.metrics.ClassificationMetrics}: {@code evaluate} gives a
 *       {@link dev.propensity.metrics.ClassificationReport} (accuracy next to the majority-class baseline, precision,
 *       recall, F1, MCC, ROC AUC, average precision, log loss, Brier, the {@link dev.propensity.metrics.ConfusionMatrix});
 *       the functions {@code rocAuc}, {@code averagePrecision}, {@code logLoss}, {@code brier}, {@code confusion}
 *       follow scikit-learn's definitions and are checked against scikit-learn 1.2.1 in the tests.</li>
 *   <li>{@link dev.propensity.metrics.Curves}: ROC, precision-recall, calibration and cumulative gains/lift, as
 *       records of primitive arrays; {@link dev.propensity.metrics.Thresholds}: max F1 or minimum cost.</li>
 *   <li>{@link dev.propensity.metrics.EvaluationProtocol} and {@link dev.propensity.metrics.Splits}: which rows each
 *       fold tests; {@link dev.propensity.metrics.EvaluationResult} bundles a protocol's report and curves.</li>
 *   <li>{@link dev.propensity.metrics.Kpis}, {@link dev.propensity.metrics.Breakdowns} (hour of day, day of week,
 *       duration bucket, attributes; ask {@code available(facts)}), {@link dev.propensity.metrics.Funnel},
 *       {@link dev.propensity.metrics.Wilson}.</li>
 *   <li>{@link dev.propensity.metrics.Importance} (standardised coefficients) and
 *       {@link dev.propensity.metrics.PermutationImportance} (drop in ROC AUC).</li>
 *   <li>{@link dev.propensity.metrics.Insights}: sentences generated from the data when the evidence holds.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * Labels are {@code boolean[]} ({@code true} = purchased) and scores {@code double[]} of the same length; a row is
 * predicted positive when its score is {@code >= threshold}. Ratios with a zero denominator are 0 (scikit-learn's
 * {@code zero_division=0}); figures undefined for the data (ROC AUC with one class) are NaN and say so. Bad input is
 * an {@link java.lang.IllegalArgumentException} naming the rule and the value. Every type is immutable; records copy
 * arrays in and out.
 */
package dev.propensity.metrics;
