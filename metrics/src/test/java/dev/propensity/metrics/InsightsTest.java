package dev.propensity.metrics;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.propensity.metrics.TestFacts.at;
import static dev.propensity.metrics.TestFacts.mask;
import static org.assertj.core.api.Assertions.assertThat;

class InsightsTest {
    private static final long DAY = at("2026-01-05T00:00:00Z");

    /** Adds {@code n} sessions of which {@code buyers} bought, starting at the given hour, with the given facts. */
    private static void add(SessionFacts.Builder b, int n, int buyers, int hour, double duration, int typeMask,
                            String source) {
        for (int i = 0; i < n; i++) {
            b.addRow("s" + b.size(), i < buyers, DAY + hour * 3_600_000L + i, duration, 3, typeMask,
                    Map.of(SessionAttributes.TRAFFIC_SOURCE, source));
        }
    }

    private static Set<Insight.Kind> kinds(List<Insight> insights) {
        return insights.stream().map(Insight::kind).collect(Collectors.toSet());
    }

    private static Insight only(List<Insight> insights, Insight.Kind kind) {
        List<Insight> found = insights.stream().filter(i -> i.kind() == kind).collect(Collectors.toList());
        assertThat(found).as(kind.toString()).hasSize(1);
        return found.get(0);
    }

    /** 24 hours x 100 sessions at 5%, durations and sources alike, no funnel events: nothing stands out. */
    private static SessionFacts flat() {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int h = 0; h < 24; h++) {
            add(b, 100, 5, h, h % 2 == 0 ? 30 : 3000, 0, h % 2 == 0 ? "search" : "email");
        }
        return b.build();
    }

    @Test
    void flatDataGivesOnlyTheBaseRate() {
        List<Insight> insights = Insights.generate(flat());
        assertThat(kinds(insights)).containsExactly(Insight.Kind.BASE_RATE);
        Insight base = insights.get(0);
        assertThat(base.sentence()).contains("120 of 2,400 sessions").contains("5.0%");
        assertThat(base.numbers()).containsEntry("purchases", 120.0).containsEntry("rate", 0.05);
        assertThat(base.warning()).isFalse();
    }

    @Test
    void emptyFactsGiveNoInsight() {
        assertThat(Insights.generate(SessionFacts.builder().build())).isEmpty();
    }

    @Test
    void aPeakHourWithAClearlyHigherRateIsNamed() {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int h = 0; h < 24; h++) {
            add(b, 100, h == 20 ? 40 : 5, h, 300, 0, "search");
        }
        Insight peak = only(Insights.generate(b.build()), Insight.Kind.PEAK_HOURS);
        assertThat(peak.sentence()).startsWith("Conversion peaks between 20:00-21:00: up to 40.0% (20:00")
                .doesNotContain("19:00");
        assertThat(peak.numbers()).containsEntry("rate 20:00", 0.4).containsKey("overall_rate");
    }

    @Test
    void aPeakHourThatChanceCouldExplainIsNotNamed() {
        // 10 of 100 against about 5.2% overall: the 95% interval alone would clear it, not once corrected for 24 hours
        SessionFacts.Builder b = SessionFacts.builder();
        for (int h = 0; h < 24; h++) {
            add(b, 100, h == 20 ? 11 : 5, h, 300, 0, "search");
        }
        SessionFacts f = b.build();
        assertThat(Wilson.interval(11, 100).above(Kpis.of(f).conversionRate())).isTrue();
        assertThat(kinds(Insights.generate(f))).doesNotContain(Insight.Kind.PEAK_HOURS);
    }

    @Test
    void conversionRisingWithDurationIsReportedWhenTheEndBucketsDoNotOverlap() {
        SessionFacts.Builder b = SessionFacts.builder();
        add(b, 200, 4, 10, 20, 0, "search");
        add(b, 200, 80, 11, 4000, 0, "search");
        Insight trend = only(Insights.generate(b.build()), Insight.Kind.DURATION_TREND);
        assertThat(trend.sentence()).startsWith("Conversion rises with session duration").contains("<1 min")
                .contains("30+ min").contains("2.0%").contains("40.0%");
        assertThat(trend.numbers()).containsEntry("sessions <1 min", 200.0);
    }

    @Test
    void durationTrendStaysSilentWhenTheIntervalsOverlap() {
        SessionFacts.Builder b = SessionFacts.builder();
        add(b, 200, 10, 10, 20, 0, "search");
        add(b, 200, 14, 11, 4000, 0, "search");
        assertThat(kinds(Insights.generate(b.build()))).doesNotContain(Insight.Kind.DURATION_TREND);
    }

    @Test
    void aSegmentConvertingClearlyAboveTheOverallRateIsNamed() {
        SessionFacts.Builder b = SessionFacts.builder();
        add(b, 400, 20, 10, 300, 0, "search");
        add(b, 100, 40, 10, 300, 0, "email");
        Insight seg = only(Insights.generate(b.build()), Insight.Kind.STRONG_SEGMENT);
        assertThat(seg.sentence()).contains("traffic source 'email'").contains("40.0%").contains("12.0% overall");
        assertThat(seg.numbers()).containsEntry("sessions", 100.0);
    }

    @Test
    void segmentsAtTheOverallRateAreNotNamed() {
        SessionFacts.Builder b = SessionFacts.builder();
        add(b, 400, 40, 10, 300, 0, "search");
        add(b, 100, 10, 10, 300, 0, "email");
        assertThat(kinds(Insights.generate(b.build()))).doesNotContain(Insight.Kind.STRONG_SEGMENT);
    }

    @Test
    void theLargestFunnelDropIsNamedWhenEventsShowTheSteps() {
        SessionFacts.Builder b = SessionFacts.builder();
        add(b, 90, 0, 10, 300, mask(EventType.PRODUCT_VIEW), "search");
        add(b, 10, 5, 10, 300, mask(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART), "search");
        Insight drop = only(Insights.generate(b.build()), Insight.Kind.FUNNEL_DROP);
        assertThat(drop.sentence()).contains("'Viewed a product' and 'Added to cart'").contains("90.0%");
        // a session table has no middle step: no funnel sentence
        SessionFacts table = SessionFacts.builder()
                .addRow("1", true, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of())
                .addRow("2", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of())
                .build();
        assertThat(kinds(Insights.generate(table))).containsExactly(Insight.Kind.BASE_RATE);
    }

    @Test
    void theStrongestPredictorIsNamedAndANearOutcomeLeaderIsFlagged() {
        List<Importance> imp = Importance.fromCoefficients(new String[] {"checkout_started", "page_values", "bounce"},
                new double[] {4.0, 1.5, -0.7}, Set.of("checkout_started"));
        Insight top = only(Insights.generate(flat(), null, imp), Insight.Kind.TOP_PREDICTOR);
        assertThat(top.sentence()).startsWith("'page_values' predicts purchase most strongly")
                .contains("+1.500").contains("raise").contains("'checkout_started' ranks higher but nearly is the outcome");
        assertThat(top.numbers()).containsEntry("value", 1.5);
    }

    @Test
    void noPredictorIsNamedWhenNoImportanceIsSignificant() {
        List<Importance> imp = List.of(new Importance("a", Importance.PERMUTATION, 0.001, 0.004, 5, false),
                new Importance("b", Importance.PERMUTATION, -0.002, 0.001, 5, false));
        assertThat(kinds(Insights.generate(flat(), null, imp))).doesNotContain(Insight.Kind.TOP_PREDICTOR);
        assertThat(kinds(Insights.generate(flat(), null, List.of()))).doesNotContain(Insight.Kind.TOP_PREDICTOR);
    }

    @Test
    void accuracyAtTheMajorityBaselineDrawsAWarning() {
        // 1 buyer in 10, everyone predicted "no": accuracy 0.9 = baseline
        boolean[] y = {true, false, false, false, false, false, false, false, false, false};
        double[] p = {0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        ClassificationReport r = ClassificationMetrics.evaluate(y, p);
        Insight w = only(Insights.generate(flat(), r, List.of()), Insight.Kind.ACCURACY_NEAR_BASELINE);
        assertThat(w.warning()).isTrue();
        assertThat(w.sentence()).contains("Accuracy 90.0% at threshold 0.50 equals always predicting")
                .contains("ROC AUC 1.000");
        assertThat(w.toString()).startsWith("WARNING: ");
    }

    @Test
    void accuracyBelowTheMajorityBaselineIsCalledBelow() {
        // a low threshold flags many non-buyers: accuracy 0.6 against a baseline of 0.8
        boolean[] y = {true, true, false, false, false, false, false, false, false, false};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.1, 0.1, 0.1, 0.1};
        ClassificationReport r = ClassificationMetrics.evaluate(y, p, 0.35);
        Insight w = only(Insights.generate(flat(), r, List.of()), Insight.Kind.ACCURACY_NEAR_BASELINE);
        assertThat(w.sentence()).contains("Accuracy 60.0% at threshold 0.35 is 20.0 points below always predicting")
                .doesNotContain("above");
    }

    @Test
    void accuracyWellAboveTheBaselineDrawsNoWarning() {
        boolean[] y = {true, true, true, true, false, false, false, false, false, false};
        double[] p = {0.9, 0.8, 0.7, 0.3, 0.6, 0.1, 0.1, 0.2, 0.1, 0.1};
        ClassificationReport r = ClassificationMetrics.evaluate(y, p); // accuracy 0.8 vs baseline 0.6, AUC 0.917
        Set<Insight.Kind> k = kinds(Insights.generate(flat(), r, List.of()));
        assertThat(k).doesNotContain(Insight.Kind.ACCURACY_NEAR_BASELINE, Insight.Kind.POSSIBLE_LEAKAGE);
    }

    @Test
    void aNearPerfectAucDrawsALeakageWarning() {
        boolean[] y = {true, true, false, false, false};
        double[] p = {0.99, 0.95, 0.01, 0.02, 0.03};
        Insight w = only(Insights.generate(flat(), ClassificationMetrics.evaluate(y, p), List.of()),
                Insight.Kind.POSSIBLE_LEAKAGE);
        assertThat(w.sentence()).contains("1.0000").contains("leakage");
        assertThat(w.numbers()).containsEntry("roc_auc", 1.0);
    }

    @Test
    void insightNumbersAreUnmodifiableAndKeepTheirOrder() {
        Insight base = Insights.generate(flat()).get(0);
        assertThat(base.numbers().keySet()).containsExactly("sessions", "purchases", "rate", "low", "high");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> base.numbers().put("x", 1.0));
    }

    @Test
    void consecutivePeakHoursAreJoinedIntoRanges() {
        assertThat(Insights.hourRanges(List.of("09:00", "10:00", "11:00", "20:00", "23:00")))
                .containsExactly("09:00-12:00", "20:00-21:00", "23:00-00:00");
    }

    @Test
    void insightsOfComputedFiguresEqualThoseOfTheSessions() {
        // peaks, a duration trend, strong segments and a funnel drop all fire on these sessions
        java.util.Random r = new java.util.Random(9);
        SessionFacts.Builder b = SessionFacts.builder();
        String[] sources = {"search", "email", "ads", "direct"};
        for (int i = 0; i < 6000; i++) {
            int hour = r.nextInt(24);
            String source = sources[r.nextInt(4)];
            double duration = r.nextInt(2400);
            double rate = 0.03 + (hour >= 18 ? 0.08 : 0) + (source.equals("email") ? 0.1 : 0) + duration / 20_000;
            boolean bought = r.nextDouble() < rate;
            int mask = mask(EventType.PRODUCT_VIEW) | (bought || r.nextDouble() < 0.3 ? mask(EventType.ADD_TO_CART) : 0)
                    | (bought ? mask(EventType.PURCHASE) : 0);
            b.addRow("s" + i, bought, DAY + r.nextInt(7) * 86_400_000L + hour * 3_600_000L, duration, 3, mask,
                    Map.of(SessionAttributes.TRAFFIC_SOURCE, source, "device", r.nextBoolean() ? "mobile" : "desktop"));
        }
        SessionFacts facts = b.build();
        double[] p = new double[facts.size()];
        boolean[] y = facts.labels();
        for (int i = 0; i < p.length; i++) {
            p[i] = y[i] ? 0.2 + 0.6 * r.nextDouble() : 0.5 * r.nextDouble();
        }
        ClassificationReport report = ClassificationMetrics.evaluate(y, p);
        List<Importance> importance = Importance.fromCoefficients(new String[] {"cart_adds", "events"},
                new double[] {1.5, -0.3});
        List<Insight> expected = Insights.generate(facts, report, importance);
        assertThat(kinds(expected)).contains(Insight.Kind.PEAK_HOURS, Insight.Kind.DURATION_TREND,
                Insight.Kind.STRONG_SEGMENT, Insight.Kind.FUNNEL_DROP);
        assertThat(Insights.generate(Kpis.of(facts), Breakdowns.all(facts, p), Funnel.of(facts), report, importance))
                .isEqualTo(expected);
        assertThat(Insights.generate(Kpis.of(facts), Breakdowns.all(facts), Funnel.of(facts), null, List.of()))
                .isEqualTo(Insights.generate(facts));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Insights.generate(
                Kpis.of(SessionFacts.builder().build()), List.of(), Funnel.of(facts), null, List.of()));
    }
}
