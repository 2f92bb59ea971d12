package dev.propensity.examples;

import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Insights;
import dev.propensity.model.Evaluation;
import dev.propensity.model.Trainers;
import dev.propensity.viz.Dashboard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The quick start: simulated sessions to a dashboard in a dozen lines, the library's pieces one after another.
 * The README quotes {@link #run(Path)}.
 *
 * <p>Run: {@code java ... dev.propensity.examples.QuickStart [OUT_DIR]} (default {@code propensity-out/quickstart}).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Simulates 5,000 sessions, computes their features from the events before each first purchase, evaluates a
     * logistic regression by 5-fold cross-validation and writes the dashboard.
     *
     * @param out the output directory
     * @return the dashboard, whose {@code kpis()} hold the figures
     * @throws IOException when writing fails
     */
    public static Dashboard run(Path out) throws IOException {
        List<Session> sessions = SyntheticSessions.generate(5_000, 42);      // a seeded clickstream
        FeatureTable table = FeatureTables.build(sessions);                  // features before the first purchase
        Evaluation eval = Evaluation.run(Trainers.logisticRegression(), table,
                EvaluationProtocol.crossValidation(5, 42));                  // out-of-fold probabilities
        Dashboard dashboard = Dashboard.builder()
                .title("Quick start: 5,000 simulated sessions")
                .facts(table.facts(), eval.probabilities())
                .evaluation(eval.result())
                .predictions(table.labels(), eval.probabilities())
                .insights(Insights.generate(table.facts(), eval.result().report(), List.of()))
                .build();
        dashboard.writeAll(out);                                             // dashboard.png, .html, charts/
        return dashboard;
    }

    /**
     * Runs the example.
     *
     * @param args optional: the output directory
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Examples.stdout();
        Path out = args.length > 0 ? Path.of(args[0]) : Path.of("propensity-out", "quickstart");
        Dashboard d = run(out);
        System.out.println(d.kpis());
        System.out.println("dashboard: " + out.resolve("dashboard.png") + " and " + out.resolve("dashboard.html"));
    }
}
