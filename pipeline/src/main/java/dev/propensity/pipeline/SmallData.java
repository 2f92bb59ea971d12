package dev.propensity.pipeline;

import dev.propensity.metrics.EvaluationProtocol;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run does with too little data to evaluate a model as asked.
 *
 * <ul>
 *   <li>With a single class, or fewer than 2 sessions of either class, no model can be evaluated at all
 *       ({@link #whyNoModel}): the run still reports and draws the descriptive figures (KPIs, breakdowns, funnel,
 *       insights) and says why there is no model.</li>
 *   <li>When cross-validation asks for more folds than the rarer class has sessions, the run uses as many folds
 *       as that class has, at least 2 ({@link #feasible}), and says so.</li>
 * </ul>
 *
 * A trainer may still refuse the folds it is given (logistic regression needs 10 purchases in each training fold,
 * for instance); the pipeline then reports its message as the reason there is no model.
 */
public final class SmallData {
    private SmallData() {
    }

    /**
     * Why no model can be evaluated on sessions with these counts, if that is so.
     *
     * @param sessions  the sessions, &gt;= 0
     * @param purchases the purchasing sessions among them, in [0, sessions]
     * @return the reason, or empty when both classes have at least 2 sessions
     * @throws IllegalArgumentException when the counts are inconsistent
     */
    public static Optional<String> whyNoModel(int sessions, int purchases) {
        check(sessions, purchases);
        if (purchases == 0 || purchases == sessions) {
            return Optional.of(String.format(Locale.ROOT, "all %,d sessions %s; a purchase model needs both buying "
                    + "and non-buying sessions", sessions, purchases == 0 ? "are without a purchase" : "purchased"));
        }
        if (purchases < 2 || sessions - purchases < 2) {
            return Optional.of(String.format(Locale.ROOT, "%d purchasing and %d other sessions; evaluation needs at "
                    + "least 2 of each", purchases, sessions - purchases));
        }
        return Optional.empty();
    }

    /**
     * The requested protocol, or cross-validation with fewer folds when the rarer class has fewer sessions than
     * folds (as many folds as it has sessions, at least 2). Holdout and time splits are returned as they are.
     *
     * @param requested the protocol asked for
     * @param sessions  the sessions
     * @param purchases the purchasing sessions among them
     * @return the protocol to use
     * @throws IllegalArgumentException when the counts are inconsistent
     */
    public static EvaluationProtocol feasible(EvaluationProtocol requested, int sessions, int purchases) {
        Objects.requireNonNull(requested, "requested");
        check(sessions, purchases);
        if (requested.kind() != EvaluationProtocol.Kind.CROSS_VALIDATION) {
            return requested;
        }
        int smaller = Math.min(purchases, sessions - purchases);
        if (smaller >= requested.folds()) {
            return requested;
        }
        return EvaluationProtocol.crossValidation(Math.max(2, smaller), requested.seed());
    }

    private static void check(int sessions, int purchases) {
        if (sessions < 0 || purchases < 0 || purchases > sessions) {
            throw new IllegalArgumentException("need 0 <= purchases <= sessions, was purchases=" + purchases
                    + " sessions=" + sessions);
        }
    }
}
