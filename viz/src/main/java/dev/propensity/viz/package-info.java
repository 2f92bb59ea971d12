/**
 * Charts and the dashboard: one factory per chart in {@link dev.propensity.viz.Charts}, each returning an XChart
 * chart that a caller may style further; a shared look in {@link dev.propensity.viz.ChartStyle}; KPI tiles as an
 * XChart chart of their own ({@link dev.propensity.viz.KpiTilesChart}); writers for PNG and SVG in
 * {@link dev.propensity.viz.ChartFiles}; and the {@link dev.propensity.viz.Dashboard}, which composes everything
 * into one PNG, one SVG and one PNG per chart, a self-contained HTML page, or a window.
 *
 * <p>This is the only package of the project that imports XChart. Rendering works headless; only
 * {@link dev.propensity.viz.Dashboard#show()} and {@link dev.propensity.viz.ChartFiles#showInWindow} need a display.
 */
package dev.propensity.viz;
