package dev.propensity.viz;

import java.nio.file.Path;

import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.Curves;
import dev.propensity.metrics.Thresholds;

/** Writes a sample dashboard from synthetic data to a folder (default /tmp/viz-sample), to look at. */
public final class SampleDashboardMain {
    private SampleDashboardMain() {
    }

    /**
     * Entry point.
     *
     * @param args optional output folder
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/viz-sample");
        SampleData d = SampleData.events(12_000, 7);
        double t = Thresholds.maxF1(d.labels, d.scores).threshold();
        ClassificationReport r = ClassificationMetrics.evaluate(d.labels, d.scores, t);
        ChartFiles.writePng(Charts.roc(Curves.roc(d.labels, d.scores)), out.resolve("roc.png"));
        ChartFiles.writePng(Charts.precisionRecall(Curves.precisionRecall(d.labels, d.scores), r.baseRate()),
                out.resolve("pr.png"));
        ChartFiles.writePng(Charts.calibration(Curves.calibration(d.labels, d.scores, 10)), out.resolve("cal.png"));
        ChartFiles.writePng(Charts.cumulativeGains(Curves.cumulativeGains(d.labels, d.scores), r.baseRate()),
                out.resolve("gains.png"));
        ChartFiles.writePng(Charts.confusionMatrix(r.confusion(), t), out.resolve("confusion.png"));
        ChartFiles.writePng(Charts.scoreDistribution(d.labels, d.scores, t, 20), out.resolve("scores.png"));
        System.out.println(r);
    }
}
