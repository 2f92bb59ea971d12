package dev.propensity.pipeline;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.Evaluation;
import dev.propensity.model.PurchaseModel;
import dev.propensity.pipeline.report.Report;
import dev.propensity.viz.Dashboard;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dashboard run produced, for every front end to render: the report, the figures the charts are drawn
 * from, the predictions, the model, and (for a run on one machine) the feature table and its evaluation, from
 * which a server can recompute the figures of a slice. {@link OutputWriter} writes it all to a folder.
 *
 * @param report      the report ({@code report.json}); its render and write timings are 0 until written
 * @param headline    the dashboard's title and data line
 * @param figures     the figures
 * @param predictions the out-of-sample predictions of the evaluated sessions (none without a model)
 * @param model       the final model trained on every row, its card carrying the evaluation's figures, or
 *                    {@code null} when no model could be evaluated (see the report's notes)
 * @param table       the feature table, or {@code null} when the result was assembled from aggregates
 * @param evaluation  the evaluation (out-of-fold probability of every table row, folds), or {@code null} without a
 *                    model or a table
 */
public record DashboardResult(Report report, Headline headline, Figures figures, Predictions predictions,
                              PurchaseModel model, FeatureTable table, Evaluation evaluation) {

    /** Validates. */
    public DashboardResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(predictions, "predictions");
        if ((model != null) != figures.hasModel()) {
            throw new IllegalArgumentException("a model goes with evaluated figures: model "
                    + (model != null ? "given" : "absent") + ", figures " + (figures.hasModel() ? "with" : "without")
                    + " a model");
        }
        if (evaluation != null && table == null) {
            throw new IllegalArgumentException("an evaluation needs the table it evaluated");
        }
    }

    /** The final model, if one could be evaluated. */
    public Optional<PurchaseModel> trainedModel() {
        return Optional.ofNullable(model);
    }

    /**
     * The dashboard of this result (charts built, nothing written), with the report's notes.
     *
     * @return the dashboard
     */
    public Dashboard dashboard() {
        return Dashboards.of(headline, figures, report.notes(), report.earliness(),
                dev.propensity.core.Workers.defaults());
    }
}
