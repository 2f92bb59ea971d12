package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.metrics.EarlinessPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class EarlinessChartTest {
    static EarlinessPoint p(String checkpoint, double auc) {
        return new EarlinessPoint(checkpoint, 100, 10, auc, 0.2, 0.3, 0.01, 0.1, 0.1);
    }

    @Test
    void aucAgainstEventsSeenOneLinePerTraining() {
        Map<String, List<EarlinessPoint>> series = new LinkedHashMap<>();
        series.put("whole-session", List.of(p("events:1", 0.59), p("events:2", 0.68), p("events:5", Double.NaN),
                p("all", 0.79)));
        series.put("prefixes", List.of(p("events:1", 0.60), p("events:2", 0.69), p("all", 0.80)));
        XYChart c = Charts.earliness(series);
        assertThat(c.getTitle()).isEqualTo("How early can we tell?");
        assertThat(c.getSeriesMap()).containsOnlyKeys("whole-session training (all events: 0.790)",
                "prefix training (all events: 0.800)", "chance (AUC 0.5)");
        var whole = c.getSeriesMap().get("whole-session training (all events: 0.790)");
        assertThat(whole.getXData()).containsExactly(1.0, 2.0);
        assertThat(whole.getYData()).containsExactly(0.59, 0.68);
        assertThat(ChartFiles.png(c)).hasSizeGreaterThan(1000);
        assertThat(Dashboard.EARLINESS).isEqualTo("earliness");
    }
}
