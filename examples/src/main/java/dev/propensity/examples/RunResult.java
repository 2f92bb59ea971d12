package dev.propensity.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DashboardRun} wrote and the headline figures, for the command's summary, example programs, JShell
 * and tests.
 *
 * @param out              the output directory
 * @param dashboardPng     {@code dashboard.png}
 * @param dashboardHtml    {@code dashboard.html}
 * @param chartsDir        {@code charts/}, one SVG and one PNG per chart
 * @param reportJson       {@code report.json}
 * @param predictionsCsv   {@code predictions.csv}
 * @param modelFile        the saved final model, or {@code null} when no model could be evaluated (see {@code notes})
 * @param sessions         sessions evaluated (rows of the feature table)
 * @param purchases        sessions among them that purchased
 * @param rowsRejected     input rows skipped under {@code --lenient} (0 when strict)
 * @param model            the trainer name
 * @param protocol         the evaluation protocol in words
 * @param rocAuc           ROC AUC of the evaluated predictions
 * @param prAuc            precision-recall AUC (average precision)
 * @param accuracy         accuracy at threshold 0.5
 * @param threshold        the threshold with the highest F1
 * @param bestF1           F1 at that threshold
 * @param baselineAccuracy the majority-class baseline's accuracy
 * @param insights         the plain-language insights
 * @param notes            remarks about the run: rows skipped, fewer folds than asked, why there is no model
 * @param seconds          seconds per phase (read, features, train, evaluate, render, write)
 */
public record RunResult(Path out, Path dashboardPng, Path dashboardHtml, Path chartsDir, Path reportJson,
                        Path predictionsCsv, Path modelFile, int sessions, int purchases, long rowsRejected,
                        String model, String protocol, double rocAuc, double prAuc, double accuracy,
                        double threshold, double bestF1, double baselineAccuracy, List<String> insights,
                        List<String> notes, Map<String, Double> seconds) {

    /** Copies the collections. */
    public RunResult {
        Objects.requireNonNull(out, "out");
        insights = List.copyOf(insights);
        notes = List.copyOf(notes);
        seconds = Map.copyOf(seconds);
    }

    /** Whether a model was trained and evaluated. */
    public boolean hasModel() {
        return modelFile != null;
    }

    /** Purchases over sessions, in [0, 1]; 0 when there are no sessions. */
    public double conversionRate() {
        return sessions == 0 ? 0 : (double) purchases / sessions;
    }

    /**
     * Prints the short summary the command ends with: sessions, purchases, conversion, model quality against the
     * baseline, the protocol, and the output paths.
     *
     * @param w where to print
     */
    public void printSummary(PrintWriter w) {
        w.printf(Locale.ROOT, "%,d sessions, %,d purchases, conversion %.2f%%%s%n", sessions, purchases,
                100 * conversionRate(), rowsRejected > 0 ? String.format(Locale.ROOT, " (%,d input rows skipped)", rowsRejected) : "");
        if (modelFile == null) {
            w.println("no model figures: see the notes");
        } else {
            w.printf(Locale.ROOT, "%s: ROC AUC %.3f, PR AUC %.3f, accuracy %.3f at 0.5 (majority baseline %.3f), "
                + "best F1 %.3f at threshold %.2f%n", model, rocAuc, prAuc, accuracy, baselineAccuracy, bestF1, threshold);
            w.println("evaluated by " + protocol);
        }
        for (String note : notes) {
            w.println("note: " + note);
        }
        w.println("dashboard:   " + dashboardPng);
        w.println("             " + dashboardHtml);
        w.println("charts:      " + chartsDir);
        w.println("report:      " + reportJson);
        w.println("predictions: " + predictionsCsv);
        w.println("model:       " + (modelFile == null ? "(none)" : modelFile));
        w.flush();
    }
}
