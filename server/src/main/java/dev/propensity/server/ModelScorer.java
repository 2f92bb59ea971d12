package dev.propensity.server;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.Explanation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.PurchaseModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores one session with a saved model, statelessly: the session's events go through the features module's one
 * engine (the standard extractors, the model's cutoff: the events before the first purchase), and a linear model
 * splits the log-odds into per-feature drivers.
 */
public final class ModelScorer implements SessionScorer {
    /** How many drivers an answer lists. */
    public static final int DRIVERS = 5;

    private final PurchaseModel model;

    private ModelScorer(PurchaseModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * A scorer of the given model.
     *
     * @param model the model
     * @return the scorer
     */
    public static ModelScorer of(PurchaseModel model) {
        return new ModelScorer(model);
    }

    @Override
    public Scored score(String sessionId, List<Event> events, Map<String, String> attributes) {
        Session session = Session.of(sessionId, null, events, attributes);
        FeatureTable table = FeatureTables.builder().dropEmptyFeatures(false).dropBuyersWithEmptyCutoff(false)
                .threads(1).build(List.of(session));
        if (table.rows() != 1) {
            throw new BadRequest("events", "the session gave " + table.rows() + " feature rows, expected 1");
        }
        double p;
        try {
            p = model.predict(table)[0];
        } catch (IllegalArgumentException e) {
            throw new BadRequest("events", "this model does not score event sessions: " + e.getMessage());
        }
        List<Driver> drivers = new ArrayList<>();
        if (model instanceof LinearExplainable) {
            Explanation x = ((LinearExplainable) model).explain(table, 0);
            for (Explanation.Contribution c : x.top(DRIVERS)) {
                drivers.add(new Driver(c.feature(), c.contribution()));
            }
        }
        return new Scored(sessionId, p, drivers);
    }

    @Override
    public String toString() {
        return "ModelScorer[" + model.card() + "]";
    }
}
