package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the dashboard shows about a model's predictions, with the protocol they came from: the report at a
 * threshold, the ROC, precision-recall, calibration (10 uniform bins) and gains curves (each thinned to at most
 * {@link #MAX_CURVE_POINTS} points, see {@link RocCurve#thin(int)}), the max-F1 threshold, and the ROC AUC of each
 * test fold (for the spread across folds).
 *
 * @param protocol        how the predictions were obtained
 * @param report          the figures at {@code report.threshold()}, over all tested rows (pooled out-of-fold under
 *                        cross-validation)
 * @param roc             the ROC curve
 * @param precisionRecall the precision-recall curve
 * @param calibration     the reliability diagram
 * @param gains           cumulative gains and lift
 * @param bestF1          the threshold that maximises F1
 * @param foldRocAuc      ROC AUC per test fold, in fold order (NaN for a fold with one class only); length 1 for a
 *                        holdout or time split
 */
public record EvaluationResult(EvaluationProtocol protocol, ClassificationReport report, RocCurve roc,
                               PrecisionRecallCurve precisionRecall, CalibrationCurve calibration, GainsCurve gains,
                               ThresholdChoice bestF1, double[] foldRocAuc) {

    /** The number of uniform bins of {@link #calibration()}. */
    public static final int CALIBRATION_BINS = 10;
    /**
     * The most points kept in each curve of a result (the curves are thinned for charts: a ROC curve of two million
     * sessions has hundreds of thousands of corners); the report's figures are computed from the full data.
     */
    public static final int MAX_CURVE_POINTS = 2000;

    /** Validates and copies. */
    public EvaluationResult {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(roc, "roc");
        Objects.requireNonNull(precisionRecall, "precisionRecall");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(gains, "gains");
        Objects.requireNonNull(bestF1, "bestF1");
        foldRocAuc = Objects.requireNonNull(foldRocAuc, "foldRocAuc").clone();
    }

    /**
     * Evaluates predictions for every row at threshold 0.5 (pooled: all rows count as one test set).
     *
     * @param protocol the protocol the predictions came from
     * @param labels   true for buyers; both classes present
     * @param scores   predicted probabilities in [0, 1]
     * @return the result
     */
    public static EvaluationResult of(EvaluationProtocol protocol, boolean[] labels, double[] scores) {
        Objects.requireNonNull(labels, "labels");
        return of(protocol, labels, scores, new int[labels.length], ClassificationMetrics.DEFAULT_THRESHOLD);
    }

    /**
     * Evaluates the tested rows of a fold assignment ({@link Splits#assign}): rows with fold &gt;= 0 are pooled
     * into one report and curves; rows with fold -1 (training only) are ignored and may carry any score (NaN
     * included).
     *
     * @param protocol   the protocol the predictions came from
     * @param labels     true for buyers, per row
     * @param scores     predicted probabilities in [0, 1] for every tested row
     * @param assignment the test fold of each row
     * @param threshold  the decision threshold of the report
     * @return the result
     * @throws IllegalArgumentException when the tested rows lack a class, or lengths differ
     */
    public static EvaluationResult of(EvaluationProtocol protocol, boolean[] labels, double[] scores, int[] assignment,
                                      double threshold) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(assignment, "assignment");
        if (labels.length != scores.length || labels.length != assignment.length) {
            throw new IllegalArgumentException("labels, scores and assignment differ in length: " + labels.length
                    + ", " + scores.length + ", " + assignment.length);
        }
        int[] folds = Splits.folds(assignment);
        int m = 0;
        for (int f : assignment) {
            m += f >= 0 ? 1 : 0;
        }
        boolean[] y = new boolean[m];
        double[] p = new double[m];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (assignment[i] >= 0) {
                y[k] = labels[i];
                p[k] = scores[i];
                k++;
            }
        }
        double[] foldAuc = new double[folds.length];
        for (int f = 0; f < folds.length; f++) {
            int[] rows = Splits.testRows(assignment, folds[f]);
            boolean[] fy = new boolean[rows.length];
            double[] fp = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                fy[i] = labels[rows[i]];
                fp[i] = scores[rows[i]];
            }
            foldAuc[f] = ClassificationMetrics.rocAuc(fy, fp);
        }
        Ranked.Checks.probabilities(y, p);
        ClassificationMetrics.checkThreshold(threshold);
        Ranked ranked = Ranked.of(y, p);
        bothClasses(ranked);
        return pooled(protocol, y, p, ranked, ClassificationMetrics.evaluate(y, p, threshold, ranked), foldAuc);
    }

    /**
     * The result of pooled predictions whose report is already made: the curves (thinned), the calibration and the
     * max-F1 threshold of the ranking. Arguments already checked, both classes present.
     */
    static EvaluationResult pooled(EvaluationProtocol protocol, boolean[] y, double[] p, Ranked ranked,
                                   ClassificationReport report, double[] foldAuc) {
        return new EvaluationResult(protocol, report, Curves.roc(ranked, MAX_CURVE_POINTS),
                Curves.precisionRecall(ranked, MAX_CURVE_POINTS), Curves.calibrationChecked(y, p, CALIBRATION_BINS,
                        CalibrationCurve.Binning.UNIFORM),
                Curves.cumulativeGains(ranked, MAX_CURVE_POINTS), Thresholds.maxF1(ranked), foldAuc);
    }

    static void bothClasses(Ranked ranked) {
        if (ranked.positives == 0 || ranked.negatives == 0) {
            throw new IllegalArgumentException("an evaluation needs both buyers and non-buyers among the tested rows, got "
                    + ranked.positives + " buyers and " + ranked.negatives + " non-buyers");
        }
    }

    /** A copy of the per-fold AUCs. */
    @Override
    public double[] foldRocAuc() {
        return foldRocAuc.clone();
    }

    /** The standard deviation of the per-fold AUCs (sample, n - 1; NaN folds ignored), 0 with fewer than 2 folds. */
    public double foldRocAucStd() {
        double[] v = Arrays.stream(foldRocAuc).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length < 2) {
            return 0;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** Compares contents, including the fold AUCs. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EvaluationResult)) {
            return false;
        }
        EvaluationResult e = (EvaluationResult) o;
        return protocol.equals(e.protocol) && report.equals(e.report) && roc.equals(e.roc)
                && precisionRecall.equals(e.precisionRecall) && calibration.equals(e.calibration)
                && gains.equals(e.gains) && bestF1.equals(e.bestF1) && Arrays.equals(foldRocAuc, e.foldRocAuc);
    }

    /** Hashes contents. */
    @Override
    public int hashCode() {
        return Objects.hash(protocol, report, roc, Arrays.hashCode(foldRocAuc));
    }

    /** The protocol, the report table and the best-F1 threshold. */
    @Override
    public String toString() {
        return protocol.describe() + "\n" + report + bestF1 + "\n"
                + String.format(Locale.ROOT, "ROC AUC across %d folds: std %.4f%n", foldRocAuc.length, foldRocAucStd());
    }
}
