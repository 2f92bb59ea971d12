package dev.propensity.examples;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.features.ObservedSession;
import dev.propensity.features.StandardExtractors;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.Evaluation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.Trainers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plugs a user's own {@link FeatureExtractor} in beside the standard ones: the share of product views that led to
 * an add-to-cart, and the seconds until the first add-to-cart. The extractor sees only the events before the
 * cutoff (an {@link ObservedSession}), so it cannot leak the outcome.
 *
 * <p>Run: {@code java ... dev.propensity.examples.CustomFeatureExtractor [SESSIONS] [SEED]}.
 */
public final class CustomFeatureExtractor {
    private CustomFeatureExtractor() {
    }

    /** The user's extractor: two features computed from the visible events. */
    public static final class CartIntent implements FeatureExtractor {
        /** Creates the extractor. */
        public CartIntent() {
        }

        @Override
        public List<FeatureSpec> features() {
            return List.of(
                    FeatureSpec.numeric("cart_per_view", "add-to-carts per product view (0 when nothing was viewed)"),
                    FeatureSpec.numeric("seconds_to_first_cart", "seconds from the first event to the first add-to-cart"));
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            int views = 0;
            int carts = 0;
            Event first = null;
            Event firstCart = null;
            for (Event e : session.events()) {
                first = first == null ? e : first;
                if (e.type() == EventType.PRODUCT_VIEW) {
                    views++;
                } else if (e.type() == EventType.ADD_TO_CART) {
                    carts++;
                    firstCart = firstCart == null ? e : firstCart;
                }
            }
            out.set(0, views == 0 ? 0.0 : (double) carts / views);
            out.set(1, firstCart == null ? Double.NaN : (firstCart.epochMillis() - first.epochMillis()) / 1000.0);
        }
    }

    /**
     * What the example found.
     *
     * @param table       the feature table, standard features plus the custom ones
     * @param rocAuc      the pooled out-of-fold ROC AUC of a logistic regression on it (5-fold CV)
     * @param coefficient the standardised coefficient of {@code cart_per_view} in the final model
     */
    public record Result(FeatureTable table, double rocAuc, double coefficient) {
    }

    /**
     * Builds a table with the standard extractors and the custom one, and evaluates a logistic regression on it.
     *
     * @param sessions how many sessions to simulate
     * @param seed     the seed
     * @return the table and the figures
     */
    public static Result run(int sessions, long seed) {
        List<Session> data = SyntheticSessions.generate(sessions, seed);
        List<FeatureExtractor> extractors = new ArrayList<>(StandardExtractors.forEvents());
        extractors.add(new CartIntent());
        FeatureTable table = FeatureTables.builder().extractors(extractors).build(data);
        Evaluation ev = Evaluation.run(Trainers.logisticRegression(), table, EvaluationProtocol.crossValidation(5, seed));
        double coefficient = ((LinearExplainable) ev.model()).coefficients().getOrDefault("cart_per_view", Double.NaN);
        return new Result(table, ev.rocAuc(), coefficient);
    }

    /**
     * Runs the example.
     *
     * @param args optional: the number of sessions and the seed
     */
    public static void main(String[] args) {
        Examples.stdout();
        Result r = run(args.length > 0 ? Integer.parseInt(args[0]) : 5_000, args.length > 1 ? Long.parseLong(args[1]) : 42L);
        System.out.println(r.table());
        System.out.printf(Locale.ROOT, "ROC AUC %.3f; cart_per_view coefficient %.3f%n", r.rocAuc(), r.coefficient());
    }
}
