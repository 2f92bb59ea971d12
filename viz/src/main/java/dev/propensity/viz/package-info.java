/**
 * Charts and the dashboard: one factory per chart in {@link dev.propensity.viz.Charts}, each returning an XChart
 * chart that a caller may style further; a shared look in {@link dev.propensity.viz.ChartStyle}; KPI tiles as an
 * XChart chart of their own ({@link dev.propensity.viz.KpiTilesChart}); writers for PNG and SVG in
 * {@link dev.propensity.viz.ChartFiles}; and the {@link dev.propensity.viz.Dashboard}, which composes everything
 * into one PNG, one SVG and one PNG per chart, a self-contained HTML page, or a window.
 *
 * <p>This is the only package of the project that imports XChart. The SVG is the project's own: charts paint on a
 * {@code Graphics2D} that writes SVG elements (XChart's own encoder builds an XML DOM and runs an XSLT transformer
 * per chart, which made writing a whole dashboard about twice as slow in a fresh JVM and 1.6 times as slow warm).
 *
 * <p>Nothing here starts a thread or sets a system property. The writers render the charts on the
 * {@link dev.propensity.core.Workers} given to {@link dev.propensity.viz.Dashboard.Builder#workers} (by default
 * {@link dev.propensity.core.Workers#defaults()}); {@link dev.propensity.viz.Dashboard#warmUp(dev.propensity.core.Workers)}
 * prepares a fresh JVM for rendering when the caller chooses to. Rendering works headless: on JDK 17 under Linux a
 * JVM without {@code DISPLAY} is headless by itself; with a {@code DISPLAY} that names no reachable X server, pass
 * {@code -Djava.awt.headless=true}. Only {@link dev.propensity.viz.Dashboard#show()} and
 * {@link dev.propensity.viz.ChartFiles#showInWindow} need a display.
 */
package dev.propensity.viz;
