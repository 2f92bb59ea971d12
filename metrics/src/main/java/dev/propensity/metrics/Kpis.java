package dev.propensity.metrics;

import dev.propensity.core.SessionFacts;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The business headline: sessions, purchases, conversion rate with its Wilson 95% interval, and, when a model was
 * evaluated, its quality next to the majority-class baseline.
 *
 * @param sessions             number of sessions, &gt;= 0
 * @param purchases            sessions that purchased, in [0, sessions]
 * @param conversionRate       purchases / sessions in [0, 1]; 0 when there are no sessions
 * @param conversionInterval   Wilson 95% interval of the conversion rate ([0, 1] when there are no sessions)
 * @param model                the model's figures, or {@code null} when no model was evaluated
 */
public record Kpis(long sessions, long purchases, double conversionRate, Interval conversionInterval,
                   ModelQuality model) {

    /** Validates. */
    public Kpis {
        if (sessions < 0 || purchases < 0 || purchases > sessions) {
            throw new IllegalArgumentException("need 0 <= purchases <= sessions, was purchases=" + purchases
                    + " sessions=" + sessions);
        }
        Objects.requireNonNull(conversionInterval, "conversionInterval");
    }

    /** The KPIs of the sessions alone (no model). */
    public static Kpis of(SessionFacts facts) {
        Objects.requireNonNull(facts, "facts");
        long buyers = 0;
        for (int i = 0; i < facts.size(); i++) {
            buyers += facts.purchased(i) ? 1 : 0;
        }
        long n = facts.size();
        return new Kpis(n, buyers, n == 0 ? 0 : (double) buyers / n, Wilson.interval(buyers, n), null);
    }

    /**
     * The KPIs of the sessions with a model's evaluation.
     *
     * @param facts  the sessions
     * @param result the model's evaluation
     * @return the KPIs
     */
    public static Kpis of(SessionFacts facts, EvaluationResult result) {
        Objects.requireNonNull(result, "result");
        return of(facts).withModel(ModelQuality.of(result.report(), result.protocol()));
    }

    /** This with the given model figures. */
    public Kpis withModel(ModelQuality quality) {
        return new Kpis(sessions, purchases, conversionRate, conversionInterval, Objects.requireNonNull(quality, "quality"));
    }

    /** The model figures, if a model was evaluated. */
    public Optional<ModelQuality> modelQuality() {
        return Optional.ofNullable(model);
    }

    /** A few readable lines. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "sessions          %d%npurchases         %d%nconversion rate   %.2f%% (95%% CI %.2f-%.2f%%)%n",
                sessions, purchases, conversionRate * 100, conversionInterval.low() * 100, conversionInterval.high() * 100));
        if (model != null) {
            sb.append(String.format(Locale.ROOT, "model accuracy    %.2f%% (majority baseline %.2f%%)%nROC AUC           %.4f%nPR AUC            %.4f%nprotocol          %s%n",
                    model.accuracy() * 100, model.majorityBaseline() * 100, model.rocAuc(), model.averagePrecision(),
                    model.protocol()));
        }
        return sb.toString();
    }
}
