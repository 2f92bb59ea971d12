package dev.propensity.spark;

import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.ModelQuality;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.Figures;
import dev.propensity.pipeline.PermutationBudget;
import dev.propensity.pipeline.report.BreakdownSection;
import dev.propensity.pipeline.report.ImportanceSection;
import dev.propensity.pipeline.report.InputSummary;
import dev.propensity.pipeline.report.MetricsSection;
import dev.propensity.pipeline.report.OutputFiles;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.Timings;
import dev.propensity.model.Evaluation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The typed {@code report.json} of the Spark dashboard, built with the single machine's sections.
 *
 * <ul>
 *   <li>At or below the collect limit the feature rows are on the driver (sorted by session id), and every section
 *       is computed by the single machine's code on that table: the evaluation ({@link Evaluation#run}, the
 *       protocol's seeded stratified folds), {@link Figures#of} (KPIs, breakdowns with the mean out-of-fold
 *       prediction, funnel, metrics at 0.5 and at max F1, coefficients, permutation importance, insights).</li>
 *   <li>Above it, the KPIs, breakdowns and funnel are Spark's aggregates; the metrics section is the distributed
 *       evaluation's ({@link #distributed}), or says why there is none ({@link #aggregatesOnly}); there is no
 *       importance.</li>
 * </ul>
 * The input section names no reader counts (rows rejected, events): the readers run in the executors and their
 * counts are not gathered; it has the sessions, purchases, features and cutoff.
 */
final class SparkReport {
    private SparkReport() {
    }

    /**
     * The report of an evaluation on the driver.
     *
     * @param source     the input as the report names it
     * @param format     the format's name
     * @param options    how the input was read
     * @param table      the collected feature table
     * @param figures    the figures of the table and its evaluation
     * @param evaluation the evaluation, or {@code null} when no model could be evaluated
     * @param protocol   the protocol
     * @param model      the trainer's name
     * @param skipped    why no model was evaluated, or {@code null}
     * @param notes      notes
     * @param budget     the permutation budget used
     * @param timings    the times
     * @return the report
     */
    static Report onDriver(String source, String format, ReadOptions options, FeatureTable table,
                           Figures figures, Evaluation evaluation, EvaluationProtocol protocol, String model,
                           String skipped, List<String> notes, PermutationBudget budget, Timings timings) {
        MetricsSection metrics = evaluation == null ? MetricsSection.skipped(model, skipped, protocol)
                : MetricsSection.evaluated(model, protocol, protocol, figures.atHalf(), figures.atBestF1(),
                figures.evaluation(), evaluation.foldSeconds());
        InputSummary input = InputSummary.of(source, format, options, null, null, table);
        OutputFiles outputs = evaluation == null ? OutputFiles.standard().withoutModel() : OutputFiles.standard();
        return new Report(Report.FORMAT_VERSION, DashboardPipeline.version(), now(), protocol.seed(), input,
                figures.kpis(), notes, metrics, new ImportanceSection(figures.coefficients(), figures.permutation(),
                budget.describe()), BreakdownSection.of(figures.breakdowns(), figures.funnel()), figures.insights(),
                timings, TIMINGS_NOTE, outputs);
    }

    /**
     * The report above the collect limit: Spark's aggregates, no cross-validated figures.
     *
     * @param source     the input as the report names it
     * @param format     the format's name
     * @param options    how the input was read
     * @param cutoff     the cutoff's name
     * @param declared   the features
     * @param aggregates Spark's KPIs, breakdowns and funnel
     * @param protocol   the protocol asked for
     * @param model      the trainer's name
     * @param why        why there are no cross-validated figures
     * @param trained    whether a model file was written
     * @param notes      notes
     * @param timings    the times
     * @return the report
     */
    static Report aggregatesOnly(String source, String format, ReadOptions options, String cutoff,
                                 FeatureSchema declared, SparkAggregates aggregates, EvaluationProtocol protocol,
                                 String model, String why, boolean trained, List<String> notes, Timings timings) {
        return aboveLimit(source, format, options, cutoff, declared, aggregates, aggregates.kpis(), protocol,
                MetricsSection.skipped(model, why, protocol), trained, notes, timings);
    }

    /**
     * The report above the collect limit with the distributed evaluation ({@link SparkEvaluation}): the metrics
     * section of its out-of-fold predictions (pooled, per fold, at 0.5 and at max F1), the KPIs with the model's
     * quality; Spark's aggregates for the rest. No importance (not measured above the limit), no predictions.csv.
     *
     * @param source     the input as the report names it
     * @param format     the format's name
     * @param options    how the input was read
     * @param cutoff     the cutoff's name
     * @param declared   the features
     * @param aggregates Spark's KPIs, breakdowns and funnel
     * @param protocol   the protocol evaluated
     * @param model      the trainer's name
     * @param evaluation the distributed evaluation
     * @param notes      notes
     * @param timings    the times
     * @return the report
     */
    static Report distributed(String source, String format, ReadOptions options, String cutoff,
                              FeatureSchema declared, SparkAggregates aggregates, EvaluationProtocol protocol,
                              String model, SparkEvaluation.Result evaluation, List<String> notes, Timings timings) {
        MetricsSection metrics = MetricsSection.evaluated(model, protocol, protocol, evaluation.atHalf(),
                evaluation.atBestF1(), evaluation.result(), evaluation.foldSeconds());
        return aboveLimit(source, format, options, cutoff, declared, aggregates, aggregates.kpis().withModel(
                ModelQuality.of(evaluation.result().report(), evaluation.result().protocol())), protocol, metrics,
                true, notes, timings);
    }

    private static Report aboveLimit(String source, String format, ReadOptions options, String cutoff,
                                     FeatureSchema declared, SparkAggregates aggregates, Kpis kpis,
                                     EvaluationProtocol protocol, MetricsSection metrics, boolean trained,
                                     List<String> notes, Timings timings) {
        InputSummary input = summary(source, format, options, cutoff, aggregates.kpis().sessions(),
                aggregates.kpis().purchases(), declared);
        OutputFiles standard = OutputFiles.standard();
        OutputFiles outputs = new OutputFiles(standard.dashboardPng(), standard.dashboardHtml(), standard.charts(),
                "", trained ? standard.model() : null);
        return new Report(Report.FORMAT_VERSION, DashboardPipeline.version(), now(), protocol.seed(), input,
                kpis, notes, metrics,
                new ImportanceSection(List.of(), List.of(), "not measured above the collect limit"),
                BreakdownSection.of(aggregates.breakdowns(), aggregates.funnel()), List.of(), timings,
                TIMINGS_NOTE, outputs);
    }

    private static final String TIMINGS_NOTE = "on Spark, read and features run as one distributed job: their"
            + " time is under features; evaluate includes the final model's training";

    /** The input section without a table: the single machine's {@link InputSummary#of} rules, reader counts unknown. */
    private static InputSummary summary(String source, String format, ReadOptions options, String cutoff,
                                        long sessions, long purchases, FeatureSchema schema) {
        Long outOfOrder = options.sessionizer().outOfOrderTolerance().equals(java.time.Duration.ofMinutes(
                dev.propensity.core.Sessionizer.DEFAULT_TOLERANCE_MINUTES)) ? null
                : options.sessionizer().outOfOrderTolerance().toSeconds();
        return new InputSummary(source, format, options.lenient(), outOfOrder, sessions, 0, Map.of(), null, null,
                sessions, purchases, sessions == 0 ? 0.0 : (double) purchases / sessions, schema.names(), cutoff,
                null, null, null, null);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
