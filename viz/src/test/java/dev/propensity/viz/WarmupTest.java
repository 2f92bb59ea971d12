package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

import dev.propensity.core.Workers;

class WarmupTest {

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }

    @Test
    void builderStartsNoThreadAndSetsNoProperty() {
        Properties before = (Properties) System.getProperties().clone();
        Set<String> threads = threadNames();
        Dashboard.builder();
        assertThat(System.getProperties()).isEqualTo(before);
        assertThat(threadNames()).allMatch(n -> threads.contains(n) || !n.startsWith("propensity"));
    }

    @Test
    void warmUpRendersEveryKindOfChartOnTheCallersWorkersAndSetsNoProperty() {
        Properties before = (Properties) System.getProperties().clone();
        Set<String> threads = threadNames();
        Dashboard.warmUp(Workers.callerOnly());
        Dashboard.warmUp(Workers.callerOnly()); // again: cheap, no state to trip over
        assertThat(System.getProperties()).isEqualTo(before);
        assertThat(threadNames()).allMatch(n -> threads.contains(n) || !n.startsWith("propensity"));
        List<String> kinds = new ArrayList<>();
        for (var chart : Warmup.charts()) {
            Chart<?, ?> c = chart.get();
            kinds.add(c.getClass().getSimpleName());
            assertThat(SvgGraphics.draw(c, "w").content())
                    .containsPattern("(?m)^<rect x=\"0\" y=\"0\" width=\"160\" height=\"120\"");
        }
        assertThat(kinds).containsExactly("XYChart", "CategoryChart", "KpiTilesChart");
    }

    @Test
    void warmUpChangesNothingThatADashboardDraws() {
        Dashboard d = SampleDashboardMain.build(SampleData.table(500, 9), "Table", "synthetic table");
        Map<String, byte[]> svg = new java.util.LinkedHashMap<>();
        Map<String, byte[]> png = new java.util.LinkedHashMap<>();
        d.charts().forEach((name, c) -> {
            svg.put(name, SvgGraphics.draw(c, name).documentBytes());
            png.put(name, ChartFiles.png(c));
        });
        String html = d.html();
        Dashboard.warmUp(Workers.defaults());
        d.charts().forEach((name, c) -> {
            assertThat(SvgGraphics.draw(c, name).documentBytes()).as(name).isEqualTo(svg.get(name));
            assertThat(ChartFiles.png(c)).as(name).isEqualTo(png.get(name));
        });
        assertThat(d.html()).isEqualTo(html);
    }
}
