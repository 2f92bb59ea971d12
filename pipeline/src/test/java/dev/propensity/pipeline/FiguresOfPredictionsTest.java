package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Kpis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * {@link Figures#ofPredictions}, which ranks the scores once and computes the breakdowns once, gives the figures that
 * the metrics module's row-by-row functions give, on one thread or two.
 */
class FiguresOfPredictionsTest {
    private static final EvaluationProtocol CV = EvaluationProtocol.crossValidation(5, 42);
    private static final List<Importance> COEFFICIENTS = Importance.fromCoefficients(new String[] {"cart_adds",
        "events"}, new double[] {1.4, -0.2});

    private static SessionFacts facts(int n, Random r) {
        SessionFacts.Builder b = SessionFacts.builder();
        String[] sources = {"search", "email", "ads"};
        long day = 1_572_566_400_000L;
        for (int i = 0; i < n; i++) {
            String source = sources[r.nextInt(3)];
            boolean bought = r.nextDouble() < (source.equals("email") ? 0.2 : 0.06);
            int mask = 1 << EventType.PRODUCT_VIEW.ordinal() | (bought ? 1 << EventType.ADD_TO_CART.ordinal()
                    | 1 << EventType.PURCHASE.ordinal() : 0);
            b.addRow("s" + i, bought, day + r.nextInt(14 * 24) * 3_600_000L, r.nextInt(3000), 1 + r.nextInt(9), mask,
                    Map.of("traffic_source", source));
        }
        return b.build();
    }

    /** The figures made with the metrics module's functions one by one, as ofPredictions documents them. */
    private static Figures reference(SessionFacts facts, double[] scores, double threshold) {
        List<Boolean> ys = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                ys.add(facts.purchased(i));
                ps.add(scores[i]);
            }
        }
        boolean[] y = new boolean[ys.size()];
        double[] p = new double[ps.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
            p[i] = ps.get(i);
        }
        EvaluationResult result = EvaluationResult.of(CV, y, p, new int[y.length], threshold);
        ClassificationReport atHalf = ClassificationMetrics.evaluate(y, p, 0.5);
        ClassificationReport atBest = ClassificationMetrics.evaluate(y, p, result.bestF1().threshold());
        return new Figures(Kpis.of(facts, result), Figures.distinctBreakdowns(Breakdowns.all(facts, scores)),
                Funnel.of(facts), result, atHalf,
                atBest, y, p, COEFFICIENTS, List.of(),
                Figures.distinct(Insights.generate(facts, atBest, COEFFICIENTS)), List.of());
    }

    @Test
    void theFiguresEqualThoseOfTheMetricsFunctions() {
        Random r = new Random(5);
        SessionFacts facts = facts(4000, r);
        double[] scores = new double[facts.size()];
        for (int i = 0; i < scores.length; i++) {
            // some rows not tested (NaN), the rest loosely follow the label
            scores[i] = i % 17 == 0 ? Double.NaN : facts.purchased(i) ? 0.3 + 0.6 * r.nextDouble()
                    : 0.45 * r.nextDouble();
        }
        ForkJoinPool pool = Workers.newPool(2, "figures-test");
        try {
            for (double t : new double[] {0.2, 0.5}) {
                Figures expected = reference(facts, scores, t);
                Figures one = Figures.ofPredictions(facts, scores, CV, t, COEFFICIENTS, List.of());
                Figures two = Figures.ofPredictions(facts, scores, CV, t, COEFFICIENTS, List.of(), Workers.of(pool));
                assertThat(one).isEqualTo(expected);
                assertThat(two).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void withoutBothClassesThereAreNoModelFiguresAndANoteSaysWhy() {
        SessionFacts facts = facts(500, new Random(6));
        double[] scores = new double[facts.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = facts.purchased(i) ? 0.9 : Double.NaN;
        }
        Figures f = Figures.ofPredictions(facts, scores, CV, 0.5, COEFFICIENTS, List.of(), Workers.callerOnly());
        assertThat(f.hasModel()).isFalse();
        assertThat(f.notes()).singleElement().asString().contains("both classes are needed");
        assertThat(f.insights()).isEqualTo(Figures.distinct(Insights.generate(facts)));
        assertThat(f.kpis()).isEqualTo(Kpis.of(facts));
        Figures none = Figures.ofPredictions(facts, null, CV, 0.5, COEFFICIENTS, List.of());
        assertThat(none.hasModel()).isFalse();
        assertThat(none.notes()).isEmpty();
    }
}
