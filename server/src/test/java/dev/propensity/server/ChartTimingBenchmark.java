package dev.propensity.server;

import dev.propensity.core.Workers;
import dev.propensity.pipeline.Dashboards;
import dev.propensity.pipeline.Figures;
import dev.propensity.viz.Dashboard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where a slice's time goes, per step and per chart (tagged benchmark: run by hand). */
@Tag("benchmark")
class ChartTimingBenchmark {
    @Test
    void timesEachChart() {
        ServeData data = ServeData.of(TestData.simulatedRun());
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 0; round < 6; round++) {
            SliceFilter f = new SliceFilter(null, null, 0, 23, SliceFilter.ALL_WEEKDAYS, Map.of(), 0.3 + round * 0.01,
                    1, 50, 50);
            long t0 = System.nanoTime();
            Figures fig = Figures.ofPredictions(data.facts(), data.probabilities(data.rows(f)), data.protocol(),
                    f.threshold(), data.coefficients(), data.permutation());
            long t1 = System.nanoTime();
            Dashboard d = Dashboards.of(data.headline(), fig, List.of(), Workers.callerOnly());
            long t2 = System.nanoTime();
            best.merge("figures", (t1 - t0) / 1e6, Math::min);
            best.merge("build charts", (t2 - t1) / 1e6, Math::min);
            for (String name : d.charts().keySet()) {
                Dashboard one = d;
                long s = System.nanoTime();
                one.svgElements();
                best.merge("all svg", (System.nanoTime() - s) / 1e6, Math::min);
                break;
            }
            long s = System.nanoTime();
            SliceView v = SliceView.compute(data, f, Workers.callerOnly());
            long e = System.nanoTime();
            best.merge("compute", (e - s) / 1e6, Math::min);
            Page.full(data, v);
            best.merge("html", (System.nanoTime() - e) / 1e6, Math::min);
            for (Map.Entry<String, Double> m : v.millis().entrySet()) {
                best.merge("view." + m.getKey(), m.getValue(), Math::min);
            }
        }
        System.out.println("best of 6 (ms): " + best);
    }
}
