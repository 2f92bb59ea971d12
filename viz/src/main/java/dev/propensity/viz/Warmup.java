package dev.propensity.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import dev.propensity.core.Workers;

/**
 * The work behind {@link Dashboard#warmUp(Workers)}: small throw-away charts of each kind the dashboard draws,
 * rendered the way its writers render a chart (image, PNG and SVG), one task per chart.
 */
final class Warmup {
    private Warmup() {
    }

    /** The charts drawn, one of each kind that needs its own classes loaded. */
    static List<Supplier<Chart<?, ?>>> charts() {
        return List.of(() -> {
            XYChart xy = ChartStyle.apply(new XYChart(160, 120));
            xy.setTitle("warm-up");
            xy.setXAxisTitle("x");
            xy.setYAxisTitle("y");
            xy.addSeries("a", new double[] {0, 0.5, 1}, new double[] {0, 0.7, 1});
            return xy;
        }, () -> {
            CategoryChart bars = ChartStyle.apply(new CategoryChart(160, 120));
            bars.setTitle("warm-up");
            bars.addSeries("b", new double[] {1, 2}, new double[] {0.3, 0.6});
            return bars;
        }, () -> {
            KpiTilesChart tiles = new KpiTilesChart(160, 120);
            tiles.addTile("a", "1", "b");
            return tiles;
        });
    }

    static void run(Workers workers) {
        List<Workers.Task<Dashboard.Rendered>> tasks = new ArrayList<>();
        for (Supplier<Chart<?, ?>> chart : charts()) {
            tasks.add(() -> new Dashboard.Rendered("warm-up", chart.get()));
        }
        workers.compute(tasks);
    }
}
