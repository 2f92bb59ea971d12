package dev.propensity.examples;

import dev.propensity.metrics.ClassificationReport;
import dev.propensity.pipeline.OutputWriter;
import dev.propensity.pipeline.report.InputSummary;
import dev.propensity.pipeline.report.MetricsSection;
import dev.propensity.pipeline.report.Report;
import java.io.PrintWriter;
import java.util.Locale;

/** The short summary {@code propensity dashboard} and the example programs end with. */
final class Summary {
    private Summary() {
    }

    /**
     * Prints sessions, purchases and conversion, the model's quality against the majority baseline of all
     * sessions, the protocol, the notes, and the paths written.
     *
     * @param w       where to print
     * @param written what the run wrote
     */
    static void print(PrintWriter w, OutputWriter.Written written) {
        Report report = written.report();
        InputSummary in = report.input();
        double conversion = report.kpis().conversionRate();
        w.printf(Locale.ROOT, "%,d sessions, %,d purchases, conversion %.2f%%%s%n", in.sessions(), in.purchases(),
                100 * conversion, in.rowsRejected() > 0
                        ? String.format(Locale.ROOT, " (%,d input rows skipped)", in.rowsRejected()) : "");
        MetricsSection m = report.metrics();
        if (!written.hasModel()) {
            w.println("no model figures: see the notes");
        } else {
            ClassificationReport atHalf = m.atThreshold0_5();
            ClassificationReport best = m.atBestF1Threshold();
            w.printf(Locale.ROOT, "%s: ROC AUC %.3f, PR AUC %.3f, accuracy %.3f at 0.5 (majority baseline %.3f), "
                    + "best F1 %.3f at threshold %.2f%n", m.model(), atHalf.rocAuc(), atHalf.averagePrecision(),
                    atHalf.accuracy(), Math.max(conversion, 1 - conversion), best.f1(), best.threshold());
            w.println("evaluated by " + m.protocol());
        }
        for (String note : report.notes()) {
            w.println("note: " + note);
        }
        w.println("dashboard:   " + written.dashboardPng());
        w.println("             " + written.dashboardHtml());
        w.println("charts:      " + written.chartsDir());
        w.println("report:      " + written.reportJson());
        w.println("predictions: " + written.predictionsCsv());
        w.println("model:       " + (written.hasModel() ? written.modelFile() : "(none)"));
        w.flush();
    }
}
