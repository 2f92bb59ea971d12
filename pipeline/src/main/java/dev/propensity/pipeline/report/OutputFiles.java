package dev.propensity.pipeline.report;

import java.util.Objects;

/**
 * The files a run wrote, relative to its output directory.
 *
 * @param dashboardPng  the composed dashboard image, {@value #DASHBOARD_PNG}
 * @param dashboardHtml the self-contained page, {@value #DASHBOARD_HTML}
 * @param charts        the folder of one SVG and one PNG per chart, {@value #CHARTS}
 * @param predictions   the evaluated sessions' predictions, {@value #PREDICTIONS}
 * @param model         the saved final model, {@value #MODEL}, or {@code null} when the run wrote no model (the
 *                      report lists only files that exist)
 */
public record OutputFiles(String dashboardPng, String dashboardHtml, String charts, String predictions,
                          String model) {
    /** The composed dashboard image. */
    public static final String DASHBOARD_PNG = "dashboard.png";
    /** The self-contained HTML page. */
    public static final String DASHBOARD_HTML = "dashboard.html";
    /** The folder of chart files, as the report names it (with a trailing slash). */
    public static final String CHARTS = "charts/";
    /** The predictions of the evaluated sessions. */
    public static final String PREDICTIONS = "predictions.csv";
    /** The report itself. */
    public static final String REPORT = "report.json";
    /** The saved final model. */
    public static final String MODEL = "model.propensity";

    /** Validates. */
    public OutputFiles {
        Objects.requireNonNull(dashboardPng, "dashboardPng");
        Objects.requireNonNull(dashboardHtml, "dashboardHtml");
        Objects.requireNonNull(charts, "charts");
        Objects.requireNonNull(predictions, "predictions");
    }

    /**
     * These names without the model file, for a run that wrote none.
     *
     * @return the names, {@code model} {@code null}
     */
    public OutputFiles withoutModel() {
        return new OutputFiles(dashboardPng, dashboardHtml, charts, predictions, null);
    }

    /**
     * The standard names (the writer drops the model file's name when the run has no model).
     *
     * @return the names
     */
    public static OutputFiles standard() {
        return new OutputFiles(DASHBOARD_PNG, DASHBOARD_HTML, CHARTS, PREDICTIONS, MODEL);
    }
}
