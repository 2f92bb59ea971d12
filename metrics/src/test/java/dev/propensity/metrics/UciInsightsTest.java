package dev.propensity.metrics;

import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.UciSessionReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Breakdowns, funnel and insights on the real UCI table read by core's reader (skipped without the data). */
class UciInsightsTest {

    private static SessionFacts uci() throws IOException {
        Path dir = TestFacts.requireSharedData();
        SessionFacts.Builder b = SessionFacts.builder();
        try (UciSessionReader r = UciSessionReader.open(dir.resolve("uci/online_shoppers_intention.csv"),
                ReadOptions.defaults())) {
            Session s;
            while ((s = r.next()) != null) {
                b.add(s);
            }
        }
        return b.build();
    }

    @Test
    void uciOffersDurationAndItsCategoricalColumnsButNoTimeOfDay() throws IOException {
        SessionFacts f = uci();
        List<String> dims = Breakdowns.available(f);
        assertThat(dims).contains(Breakdowns.DURATION, SessionAttributes.VISITOR_TYPE, SessionAttributes.MONTH,
                "TrafficType").doesNotContain(Breakdowns.HOUR_OF_DAY, Breakdowns.DAY_OF_WEEK);
        // VisitorType and visitor_type group the same rows: offered once
        assertThat(dims).doesNotContain("VisitorType", "Month");
        Funnel funnel = Funnel.of(f);
        assertThat(funnel.steps()).extracting(Funnel.Step::sessions).containsExactly(12_330L, 1_908L);
    }

    @Test
    void uciInsightsStateTheBaseRateTheDurationTrendAndStrongSegments() throws IOException {
        List<Insight> insights = Insights.generate(uci());
        List<Insight.Kind> kinds = insights.stream().map(Insight::kind).collect(Collectors.toList());
        assertThat(kinds).startsWith(Insight.Kind.BASE_RATE).contains(Insight.Kind.DURATION_TREND,
                Insight.Kind.STRONG_SEGMENT).doesNotContain(Insight.Kind.PEAK_HOURS, Insight.Kind.FUNNEL_DROP);
        assertThat(insights.get(0).sentence()).contains("1,908 of 12,330").contains("15.5%");
        Insight trend = insights.stream().filter(i -> i.kind() == Insight.Kind.DURATION_TREND).findFirst().orElseThrow();
        assertThat(trend.sentence()).startsWith("Conversion rises");
    }
}
