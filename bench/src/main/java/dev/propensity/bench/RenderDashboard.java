package dev.propensity.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Kpis;
import dev.propensity.model.Evaluation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import dev.propensity.viz.Dashboard;

/**
 * The rendering benchmark, in a JVM of its own: simulated sessions, their features, a logistic model evaluated by
 * 3-fold cross-validation (none of which is timed), then the whole dashboard (KPI tiles, every chart, the composed PNG, one SVG and
 * one PNG per chart, the HTML page) built from those figures and written, timed twice: the first time in a fresh
 * JVM (what {@code propensity dashboard} pays) and again once warm.
 *
 * <p>Arguments: {@code OUT_DIR SESSIONS}. Reports {@code first_seconds}, {@code warm_seconds}, {@code charts},
 * {@code files}, {@code what}, {@code rss}.
 */
public final class RenderDashboard {
    private RenderDashboard() {
    }

    /**
     * Prepares the figures and renders twice.
     *
     * @param args {@code OUT_DIR SESSIONS}
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Probe.quietTribuo();
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        FeatureTable table = FeatureTables.build(SyntheticSessions.generate(n, 42));
        Evaluation eval = Evaluation.run(Trainers.logisticRegression(), table, EvaluationProtocol.crossValidation(3, 42));
        PurchaseModel model = Trainers.logisticRegression().train(table);
        List<Importance> importance = List.of();
        if (model instanceof LinearExplainable) {
            Map<String, Double> c = ((LinearExplainable) model).coefficients();
            String[] names = c.keySet().toArray(new String[0]);
            double[] values = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = c.get(names[i]);
            }
            importance = Importance.fromCoefficients(names, values);
        }
        double first = 0;
        double warm = 0;
        int charts = 0;
        int files = 0;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            Dashboard d = Dashboard.builder()
                    .title("Benchmark: " + n + " simulated sessions")
                    .kpis(Kpis.of(table.facts(), eval.result()))
                    .breakdowns(Breakdowns.all(table.facts(), eval.probabilities()))
                    .funnel(Funnel.of(table.facts()))
                    .evaluation(eval.result())
                    .predictions(table.labels(), eval.probabilities())
                    .importance(importance)
                    .insights(Insights.generate(table.facts(), eval.result().report(), importance))
                    .build();
            List<Path> written = d.writeAll(out.resolve("round" + round));
            double s = Probe.secondsSince(t0);
            if (round == 0) {
                first = s;
            } else {
                warm = s;
            }
            charts = d.charts().size();
            files = written.size();
        }
        Probe.emit("first_seconds", first);
        Probe.emit("warm_seconds", warm);
        Probe.emit("charts", charts);
        Probe.emit("files", files);
        Probe.emit("what", charts + " charts, " + files + " files, " + n + " sessions");
        Probe.emitMemory();
    }
}
