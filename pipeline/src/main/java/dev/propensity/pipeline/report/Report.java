package dev.propensity.pipeline.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Kpis;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * One dashboard run's report: what was read, the business KPIs, how the model was evaluated and how well it did,
 * what drives purchase, conversion by group and the funnel, the insights, the timings and the files written. This
 * is what {@code report.json} holds (written and read by {@link ReportJson}), and what every front end renders:
 * the command, the server, a Spark job. The schema, field by field: {@code docs/report-format.md}.
 *
 * @param formatVersion the version of this format, at least 1; {@link #FORMAT_VERSION} for reports written by this
 *                      library, whose reader refuses newer ones
 * @param propensity    the version of the library that wrote the report
 * @param created       when the run ended, ISO-8601 in UTC to the second, e.g. {@code 2026-12-02T02:26:17Z}
 * @param seed          the run's seed (simulator, trainer, permutation importance)
 * @param input         what was read
 * @param kpis          sessions, purchases, conversion rate with its interval, and the model's headline figures
 *                      ({@code null} without a model)
 * @param notes         remarks about the run in plain text: rows skipped, fewer folds than asked, why there is no
 *                      model, permutation importance left out
 * @param metrics       the evaluation, or why there is none
 * @param importance    what drives the model's predictions
 * @param breakdowns    conversion by group, and the funnel
 * @param insights      plain-language findings backed by numbers, and warnings about the model
 * @param timings       seconds per phase
 * @param timingsNote   how the phases overlap
 * @param outputs       the files written, relative to the output directory
 * @param earliness     how early purchases can be told (event data only), or {@code null}: optional, left out of
 *                      the JSON when absent (added to format version 1 as an optional field)
 */
public record Report(int formatVersion, String propensity, String created, long seed, InputSummary input,
                     Kpis kpis, List<String> notes, MetricsSection metrics, ImportanceSection importance,
                     BreakdownSection breakdowns, List<Insight> insights, Timings timings, String timingsNote,
                     OutputFiles outputs, @JsonInclude(JsonInclude.Include.NON_NULL) EarlinessSection earliness) {

    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Validates and copies the lists. */
    public Report {
        if (formatVersion < 1) {
            throw new IllegalArgumentException("formatVersion must be >= 1, was " + formatVersion);
        }
        Objects.requireNonNull(propensity, "propensity");
        Objects.requireNonNull(created, "created");
        try {
            Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created must be an ISO-8601 instant such as 2026-12-02T02:26:17Z, "
                    + "was '" + created + "'", e);
        }
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kpis, "kpis");
        notes = List.copyOf(notes);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(breakdowns, "breakdowns");
        insights = List.copyOf(insights);
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(timingsNote, "timingsNote");
        Objects.requireNonNull(outputs, "outputs");
    }

    /**
     * A report without an earliness section (a session table, or a run that skipped it).
     *
     * @param formatVersion the version of this format
     * @param propensity    the library version
     * @param created       when the run ended
     * @param seed          the run's seed
     * @param input         what was read
     * @param kpis          the KPIs
     * @param notes         remarks about the run
     * @param metrics       the evaluation
     * @param importance    what drives predictions
     * @param breakdowns    conversion by group, and the funnel
     * @param insights      the insights
     * @param timings       seconds per phase
     * @param timingsNote   how the phases overlap
     * @param outputs       the files written
     */
    public Report(int formatVersion, String propensity, String created, long seed, InputSummary input, Kpis kpis,
                  List<String> notes, MetricsSection metrics, ImportanceSection importance,
                  BreakdownSection breakdowns, List<Insight> insights, Timings timings, String timingsNote,
                  OutputFiles outputs) {
        this(formatVersion, propensity, created, seed, input, kpis, notes, metrics, importance, breakdowns, insights,
                timings, timingsNote, outputs, null);
    }

    /**
     * This report with an earliness section.
     *
     * @param section the section, or {@code null} for none
     * @return the report
     */
    public Report withEarliness(EarlinessSection section) {
        return new Report(formatVersion, propensity, created, seed, input, kpis, notes, metrics, importance,
                breakdowns, insights, timings, timingsNote, outputs, section);
    }

    /**
     * This report with other timings, e.g. completed once the outputs are written.
     *
     * @param newTimings the timings
     * @return the report
     */
    public Report withTimings(Timings newTimings) {
        return new Report(formatVersion, propensity, created, seed, input, kpis, notes, metrics, importance,
                breakdowns, insights, newTimings, timingsNote, outputs, earliness);
    }

    /**
     * This report with other output names, e.g. without the model file when none was written.
     *
     * @param newOutputs the names
     * @return the report
     */
    public Report withOutputs(OutputFiles newOutputs) {
        return new Report(formatVersion, propensity, created, seed, input, kpis, notes, metrics, importance,
                breakdowns, insights, timings, timingsNote, newOutputs);
    }
}
