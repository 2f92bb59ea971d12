/**
 * {@code report.json} as typed records: {@link dev.propensity.pipeline.report.Report} and its sections, written and
 * read by {@link dev.propensity.pipeline.report.ReportJson}. Every report carries a
 * {@link dev.propensity.pipeline.report.Report#formatVersion() formatVersion}; the reader refuses a newer one. The
 * sections reuse the metrics module's records ({@code Kpis}, {@code Breakdown}, {@code Funnel},
 * {@code ClassificationReport}, {@code Importance}, {@code Insight}) as they are; a test compares a deterministic
 * run's report with a checked-in fixture, so that any change of the format is seen. The schema, field by field, is
 * in {@code docs/report-format.md}.
 */
package dev.propensity.pipeline.report;
