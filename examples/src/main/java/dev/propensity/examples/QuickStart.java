package dev.propensity.examples;

import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.DashboardResult;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The quick start: simulated sessions to a dashboard through the pipeline module in one call. The README quotes
 * {@link #run(Path)}; {@code examples/jshell/dashboard.jsh} shows the same pieces one after another.
 *
 * <p>Run: {@code java ... dev.propensity.examples.QuickStart [OUT_DIR]} (default {@code propensity-out/quickstart}).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Simulates 5,000 sessions, computes their features from the events before each first purchase, evaluates a
     * logistic regression by 5-fold cross-validation and writes the dashboard, the report, the predictions and the
     * model.
     *
     * @param out the output directory
     * @return what was written, with the report
     * @throws IOException when writing fails
     */
    public static OutputWriter.Written run(Path out) throws IOException {
        DashboardResult result = DashboardPipeline.builder(InputSource.simulated(5_000, 42)) // a seeded clickstream
                .protocol(EvaluationProtocol.crossValidation(5, 42))  // out-of-fold probabilities, logistic model
                .build()
                .run();                                     // features before the first purchase, figures, report
        return OutputWriter.into(out).write(result);        // dashboard.png, .html, charts/, report.json, ...
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
        OutputWriter.Written w = run(out);
        System.out.println(w.report().kpis());              // sessions, purchases, conversion, ROC AUC, ...
        System.out.println("dashboard: " + w.dashboardPng() + " and " + w.dashboardHtml());
    }
}
