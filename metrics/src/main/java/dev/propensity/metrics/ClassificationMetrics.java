package dev.propensity.metrics;

/**
 * Binary classification metrics from labels ({@code true} = purchased) and scores, following scikit-learn's
 * definitions (checked against scikit-learn 1.2 on fixtures in this module's tests).
 *
 * <p>Common rules: {@code labels} and {@code scores} have the same, non-zero length; every score is finite (NaN or
 * infinity is an {@link IllegalArgumentException} naming the index). Functions that read scores as probabilities
 * ({@link #logLoss}, {@link #brier}, {@link #evaluate}) also need them in [0, 1]. A row is predicted positive when
 * its score is {@code >= threshold}.
 */
public final class ClassificationMetrics {
    /**
     * The clipping of probabilities in {@link #logLoss}: the float64 machine epsilon 2.220446049250313e-16, which is
     * scikit-learn's default since 1.2 ({@code eps="auto"}; it was 1e-15 before, and later versions clip the same
     * way without the parameter).
     */
    public static final double LOG_LOSS_EPS = Math.ulp(1.0);
    /** The default decision threshold, 0.5. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private ClassificationMetrics() {
    }

    /**
     * Every headline metric at once (the scores must be probabilities).
     *
     * @param labels    true for buyers
     * @param scores    predicted purchase probabilities in [0, 1]
     * @param threshold predicted positive when score &gt;= threshold; any finite value
     * @return the report
     */
    public static ClassificationReport evaluate(boolean[] labels, double[] scores, double threshold) {
        Ranked.Checks.probabilities(labels, scores);
        checkThreshold(threshold);
        return evaluate(labels, scores, threshold, Ranked.of(labels, scores));
    }

    /** {@link #evaluate(boolean[], double[], double)} reusing an already ranked copy; arguments already checked. */
    static ClassificationReport evaluate(boolean[] labels, double[] scores, double threshold, Ranked ranked) {
        return report(labels, scores, threshold, rocAuc(ranked), averagePrecision(ranked), logLoss(labels, scores),
                brier(labels, scores));
    }

    /**
     * The report at a threshold from the figures that do not depend on it, computed once for several thresholds
     * ({@link RankedPredictions}); arguments already checked.
     */
    static ClassificationReport report(boolean[] labels, double[] scores, double threshold, double rocAuc,
                                       double averagePrecision, double logLoss, double brier) {
        return report(confusion(labels, scores, threshold), threshold, rocAuc, averagePrecision, logLoss, brier);
    }

    /** The report of confusion counts at a threshold, with the threshold-free figures given. */
    static ClassificationReport report(ConfusionMatrix cm, double threshold, double rocAuc, double averagePrecision,
                                       double logLoss, double brier) {
        long n = cm.tp() + cm.fp() + cm.tn() + cm.fn();
        long pos = cm.positives();
        double baseRate = (double) pos / n;
        return new ClassificationReport(n, pos, baseRate, threshold, cm, cm.accuracy(), Math.max(baseRate, 1 - baseRate),
                cm.precision(), cm.recall(), cm.f1(), cm.mcc(), rocAuc, averagePrecision, logLoss, brier);
    }

    /** {@link #evaluate(boolean[], double[], double)} at the threshold 0.5. */
    public static ClassificationReport evaluate(boolean[] labels, double[] scores) {
        return evaluate(labels, scores, DEFAULT_THRESHOLD);
    }

    /**
     * The confusion counts when rows with {@code score >= threshold} are predicted to buy.
     *
     * @param labels    true for buyers
     * @param scores    any finite scores
     * @param threshold any finite threshold (or +/- infinity: nothing / everything predicted positive)
     * @return the counts
     */
    public static ConfusionMatrix confusion(boolean[] labels, double[] scores, double threshold) {
        Ranked.Checks.pair(labels, scores);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (labels[i]) {
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /**
     * The area under the ROC curve, exactly: the probability that a random buyer scores above a random non-buyer,
     * ties counting one half (the Mann-Whitney U statistic with average ranks, divided by P x N). Equal to
     * scikit-learn's {@code roc_auc_score}. Computed from integer counts, so exact up to one rounding.
     *
     * @param labels true for buyers
     * @param scores any finite scores (only their order matters)
     * @return the AUC in [0, 1], or NaN when only one class is present (undefined; scikit-learn raises)
     */
    public static double rocAuc(boolean[] labels, double[] scores) {
        return rocAuc(Ranked.of(labels, scores));
    }

    static double rocAuc(Ranked r) {
        if (r.positives == 0 || r.negatives == 0) {
            return Double.NaN;
        }
        // twice the U statistic: each (pos, neg) pair with pos ranked higher counts 2, a tie counts 1
        long twiceU = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < r.size(); k++) {
            long dp = r.cumTp[k] - prevTp;
            long dn = r.cumFp[k] - prevFp;
            long negativesBelow = r.negatives - r.cumFp[k];
            twiceU += 2 * dp * negativesBelow + dp * dn;
            prevTp = r.cumTp[k];
            prevFp = r.cumFp[k];
        }
        return twiceU / (2.0 * r.positives * r.negatives);
    }

    /**
     * Average precision (PR AUC), scikit-learn's {@code average_precision_score}: AP = sum over distinct score
     * thresholds t_k (decreasing) of (R_k - R_{k-1}) P_k, where P_k and R_k are precision and recall predicting
     * positive the rows with score &gt;= t_k, and R_0 = 0. No interpolation; tied scores form one step.
     *
     * @param labels true for buyers
     * @param scores any finite scores
     * @return AP in [0, 1], or NaN when there are no buyers (undefined)
     */
    public static double averagePrecision(boolean[] labels, double[] scores) {
        return averagePrecision(Ranked.of(labels, scores));
    }

    static double averagePrecision(Ranked r) {
        if (r.positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long prevTp = 0;
        for (int k = 0; k < r.size(); k++) {
            long dp = r.cumTp[k] - prevTp;
            if (dp > 0) {
                double precision = (double) r.cumTp[k] / (r.cumTp[k] + r.cumFp[k]);
                ap += ((double) dp / r.positives) * precision;
            }
            prevTp = r.cumTp[k];
        }
        // a perfect ranking sums its shares to 1 up to rounding (seen: 1.0000000000000022 on 938 buyers)
        return Math.min(1.0, ap);
    }

    /**
     * Mean binary cross-entropy (natural log), scikit-learn's {@code log_loss}: -mean(y ln p + (1-y) ln(1-p)),
     * with p clipped to [eps, 1 - eps] for eps = {@link #LOG_LOSS_EPS} (2.2e-16), so that a confident wrong answer
     * costs about 36.04, not infinity.
     *
     * @param labels        true for buyers
     * @param probabilities predicted purchase probabilities in [0, 1]
     * @return the log loss, &gt;= 0 (0 is perfect; always predicting the base rate b gives the entropy of b)
     */
    public static double logLoss(boolean[] labels, double[] probabilities) {
        Ranked.Checks.probabilities(labels, probabilities);
        return logLossChecked(labels, probabilities);
    }

    /** {@link #logLoss} of arrays already checked. */
    static double logLossChecked(boolean[] labels, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
            sum += labels[i] ? Math.log(p) : Math.log1p(-p);
        }
        return -sum / labels.length;
    }

    /**
     * The Brier score, scikit-learn's {@code brier_score_loss}: mean((p - y)^2).
     *
     * @param labels        true for buyers
     * @param probabilities predicted purchase probabilities in [0, 1]
     * @return the score in [0, 1]; 0 is perfect, always predicting the base rate b gives b(1-b)
     */
    public static double brier(boolean[] labels, double[] probabilities) {
        Ranked.Checks.probabilities(labels, probabilities);
        return brierChecked(labels, probabilities);
    }

    /** {@link #brier} of arrays already checked. */
    static double brierChecked(boolean[] labels, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / labels.length;
    }

    /**
     * The accuracy of always predicting the more frequent class: max(b, 1 - b) for base rate b. An accuracy near
     * this says the model adds little, whatever its absolute value.
     *
     * @param labels true for buyers, at least one
     * @return the baseline accuracy in [0.5, 1]
     */
    public static double majorityBaseline(boolean[] labels) {
        java.util.Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new IllegalArgumentException("metrics need at least one row, got 0");
        }
        long p = 0;
        for (boolean b : labels) {
            p += b ? 1 : 0;
        }
        double rate = (double) p / labels.length;
        return Math.max(rate, 1 - rate);
    }

    static void checkThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, was " + threshold);
        }
    }
}
