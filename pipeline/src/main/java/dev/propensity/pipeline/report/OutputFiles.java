package dev.propensity.pipeline.report;

import java.util.Objects;

/**
 * The files a run wrote, relative to its output directory.
 *
 * @param dashboardPng  the composed dashboard image, {@value #DASHBOARD_PNG}
 * @param dashboardHtml the self-contained page, {@value #DASHBOARD_HTML}
 * @param charts        the folder of one SVG and one PNG per chart, {@value #CHARTS}
 * @param predictions   the evaluated sessions' predictions, {@value #PREDICTIONS}
 * @param model         the saved final model, {@value #MODEL}
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
        Objects.requireNonNull(model, "model");
    }

    /**
     * The standard names, which every run lists (the model file among them, also when no model could be trained:
     * see the report's notes).
     *
     * @return the names
     */
    public static OutputFiles standard() {
        return new OutputFiles(DASHBOARD_PNG, DASHBOARD_HTML, CHARTS, PREDICTIONS, MODEL);
    }
}
