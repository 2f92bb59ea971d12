package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Interval;
import dev.propensity.metrics.Kpis;
import dev.propensity.viz.Dashboard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The render step, from figures assembled from aggregates (as a Spark job would make them). */
class DashboardsTest {
    private static final Kpis KPIS = new Kpis(1_000, 150, 0.15, new Interval(0.13, 0.17), null);
    private static final Breakdown BY_SOURCE = new Breakdown("traffic_source", "Traffic source", List.of(
            new Breakdown.Group("search", 600, 110, 110 / 600.0, new Interval(0.15, 0.21), Double.NaN),
            new Breakdown.Group("social", 400, 40, 0.1, new Interval(0.07, 0.13), Double.NaN)));

    @Test
    void aggregatesWithoutAModelGiveTheDescriptiveDashboard() {
        Funnel funnel = new Funnel(List.of(new Funnel.Step(Funnel.SESSIONS, 1_000, 1, 0),
                new Funnel.Step("Added to cart", 400, 0.4, 0.6), new Funnel.Step(Funnel.PURCHASED, 150, 0.15, 0.625)),
                List.of());
        Figures f = new Figures(KPIS, List.of(BY_SOURCE), funnel, null, null, null, new boolean[0], new double[0],
                List.of(), List.of(), List.of(), List.of());
        Dashboard d = Dashboards.of(new Headline("Shop", "1,000 sessions"), f, List.of("a note"));
        assertThat(d.title()).isEqualTo("Shop");
        assertThat(d.kpis()).isSameAs(KPIS);
        assertThat(d.charts().keySet()).containsExactly(Dashboard.KPIS, "conversion_by_traffic_source",
                Dashboard.FUNNEL);
        assertThat(d.notes()).startsWith("a note");
        assertThat(f.hasModel()).isFalse();
        assertThat(assertThrows(IllegalStateException.class, f::modelCardFigures))
                .hasMessageContaining("no model was evaluated");
    }

    @Test
    void withoutAFunnelTheDataIsASessionTableAndTheNotesSaySo() {
        Figures f = new Figures(KPIS, List.of(BY_SOURCE), null, null, null, null, new boolean[0], new double[0],
                List.of(), List.of(), List.of(), List.of());
        Dashboard d = Dashboards.of(new Headline("Table", ""), f, List.of());
        assertThat(d.charts()).doesNotContainKey(Dashboard.FUNNEL);
        assertThat(d.notes()).contains("No purchase funnel: the data has no product-view, cart or checkout events "
                + "(it is a table of sessions, not an event log).");
    }

    @Test
    void theModelsPartsGoTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Figures(KPIS, List.of(),
                null, null, null, null, new boolean[] {true}, new double[] {0.5}, List.of(), List.of(), List.of(),
                List.of()));
        assertThat(e).hasMessage("predictions without an evaluation: 1 scores");
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> new Figures(KPIS,
                List.of(), null, null, null, null, new boolean[] {true}, new double[0], List.of(), List.of(),
                List.of(), List.of()));
        assertThat(lengths).hasMessage("labels and scores differ in length: 1 vs 0");
    }
}
