package dev.propensity.pipeline;

import dev.propensity.core.Workers;
import dev.propensity.viz.Dashboard;
import java.util.List;
import java.util.Objects;

/**
 * Draws the dashboard of a run's figures: the render step, the same for the command, the server and a Spark job
 * (whose figures are aggregated in the cluster and drawn on the driver).
 */
public final class Dashboards {
    private Dashboards() {
    }

    /**
     * The dashboard of the figures: the KPI tiles, the breakdowns, the funnel (or, for a table of sessions, a note
     * that it has none), and with a model its evaluation, score distribution and importances; the insights and the
     * notes.
     *
     * @param headline the title and the line describing the data
     * @param figures  the figures
     * @param notes    remarks shown under the tiles
     * @return the dashboard, its charts built
     */
    public static Dashboard of(Headline headline, Figures figures, List<String> notes) {
        return of(headline, figures, notes, Workers.defaults());
    }

    /**
     * The dashboard of the figures, as {@link #of(Headline, Figures, List)}, whose charts render on the given
     * workers.
     *
     * @param headline the title and the line describing the data
     * @param figures  the figures
     * @param notes    remarks shown under the tiles
     * @param workers  where the charts render
     * @return the dashboard, its charts built
     */
    public static Dashboard of(Headline headline, Figures figures, List<String> notes, Workers workers) {
        return of(headline, figures, notes, null, workers);
    }

    /**
     * The dashboard of the figures with, for event data, the "How early can we tell?" chart of the report's earliness
     * section.
     *
     * @param headline  the title and the line describing the data
     * @param figures   the figures
     * @param notes     remarks shown under the tiles
     * @param earliness the report's earliness section, or {@code null}
     * @param workers   where the charts render
     * @return the dashboard, its charts built
     */
    public static Dashboard of(Headline headline, Figures figures, List<String> notes,
                               dev.propensity.pipeline.report.EarlinessSection earliness, Workers workers) {
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(figures, "figures");
        Dashboard.Builder b = Dashboard.builder()
                .workers(workers)
                .title(headline.title())
                .dataDescription(headline.description())
                .kpis(figures.kpis())
                .breakdowns(figures.breakdowns())
                .insights(figures.insights());
        if (figures.funnel() != null) {
            b.funnel(figures.funnel());
        } else {
            b.sessionTable();
        }
        if (figures.hasModel()) {
            b.evaluation(figures.evaluation()).predictions(figures.labelsRead(), figures.scoresRead());
            b.importance(figures.importance());
        }
        if (earliness != null) {
            java.util.Map<String, List<dev.propensity.metrics.EarlinessPoint>> series = new java.util.LinkedHashMap<>();
            for (dev.propensity.pipeline.report.EarlinessSection.Series s : earliness.series()) {
                series.put(s.training(), s.byEvents());
            }
            b.earliness(series);
        }
        for (String note : notes) {
            b.note(note);
        }
        return b.build();
    }
}
