package dev.propensity.server;

import dev.propensity.core.Event;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /api/v1/score} asks: the purchase probability of one session from its events so far, with the
 * features that drive it. Implementations are thread-safe.
 */
public interface SessionScorer {

    /**
     * Scores one session.
     *
     * @param sessionId  the session id
     * @param events     its events in time order, at least one
     * @param attributes its session attributes (traffic source, device, ...), possibly empty
     * @return the probability and drivers
     * @throws BadRequest when the session cannot be scored by this model (naming the field at fault)
     */
    Scored score(String sessionId, List<Event> events, Map<String, String> attributes);

    /**
     * A scored session.
     *
     * @param sessionId   the session id
     * @param probability the purchase probability, in [0, 1]
     * @param drivers     the features that move it most, by decreasing absolute contribution (empty when the
     *                    model cannot split its prediction)
     */
    record Scored(String sessionId, double probability, List<Driver> drivers) {
        /** Validates and copies. */
        public Scored {
            Objects.requireNonNull(sessionId, "sessionId");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
            }
            drivers = List.copyOf(drivers);
        }
    }

    /**
     * One feature's contribution to a session's log-odds.
     *
     * @param feature      the feature
     * @param contribution its contribution to the log-odds (positive raises the probability)
     */
    record Driver(String feature, double contribution) {
        /** Validates. */
        public Driver {
            Objects.requireNonNull(feature, "feature");
        }
    }
}
