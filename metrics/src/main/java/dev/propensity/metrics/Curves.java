package dev.propensity.metrics;

import java.util.Arrays;

/**
 * The curves of a binary classifier, from labels ({@code true} = purchased) and finite scores of equal, non-zero
 * length. Points sit at the distinct scores (tied rows move together); a row is predicted positive when its score is
 * {@code >= threshold}.
 */
public final class Curves {
    private Curves() {
    }

    /**
     * The ROC curve as scikit-learn's {@code roc_curve} with {@code drop_intermediate=True}: it starts at (0, 0)
     * (threshold +infinity) and keeps only the corners, dropping points that lie on a straight horizontal or vertical
     * run, so the area is unchanged.
     *
     * @param labels true for buyers; both classes must be present
     * @param scores any finite scores
     * @return the curve
     * @throws IllegalArgumentException when only one class is present (the rates are undefined)
     */
    public static RocCurve roc(boolean[] labels, double[] scores) {
        return roc(Ranked.of(labels, scores));
    }

    static RocCurve roc(Ranked r) {
        return roc(r, Integer.MAX_VALUE);
    }

    /**
     * The ROC curve of a ranking thinned to at most {@code maxPoints} points: equal to
     * {@code roc(r).thin(maxPoints)}, without making the points that thinning drops.
     */
    static RocCurve roc(Ranked r, int maxPoints) {
        bothClasses(r, "a ROC curve");
        int m = r.size();
        int[] keep = new int[m];
        int kept = 0;
        for (int k = 0; k < m; k++) {
            boolean corner = k == 0 || k == m - 1
                    || (r.cumFp[k + 1] - 2 * r.cumFp[k] + r.cumFp[k - 1]) != 0
                    || (r.cumTp[k + 1] - 2 * r.cumTp[k] + r.cumTp[k - 1]) != 0;
            if (m <= 2 || corner) {
                keep[kept++] = k;
            }
        }
        // point 0 is (0, 0) at threshold +infinity; point i > 0 is the corner keep[i - 1]
        int[] idx = Thinning.indices(kept + 1, maxPoints);
        double[] fpr = new double[idx.length];
        double[] tpr = new double[idx.length];
        double[] th = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            int i = idx[j];
            if (i == 0) {
                th[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            int k = keep[i - 1];
            fpr[j] = (double) r.cumFp[k] / r.negatives;
            tpr[j] = (double) r.cumTp[k] / r.positives;
            th[j] = r.thresholds[k];
        }
        return new RocCurve(fpr, tpr, th);
    }

    /**
     * The precision-recall curve (see {@link PrecisionRecallCurve} for the order and end points).
     *
     * @param labels true for buyers; at least one buyer
     * @param scores any finite scores
     * @return the curve
     * @throws IllegalArgumentException when there is no buyer (recall is undefined)
     */
    public static PrecisionRecallCurve precisionRecall(boolean[] labels, double[] scores) {
        return precisionRecall(Ranked.of(labels, scores));
    }

    static PrecisionRecallCurve precisionRecall(Ranked r) {
        return precisionRecall(r, Integer.MAX_VALUE);
    }

    /**
     * The precision-recall curve of a ranking thinned to at most {@code maxPoints} points: equal to
     * {@code precisionRecall(r).thin(maxPoints)}, without making the points that thinning drops.
     */
    static PrecisionRecallCurve precisionRecall(Ranked r, int maxPoints) {
        if (r.positives == 0) {
            throw new IllegalArgumentException("a precision-recall curve needs at least one buyer, got 0 of " + r.n());
        }
        // point 0 is recall 0, precision 1 at threshold +infinity; point k + 1 is the distinct score k
        int[] idx = Thinning.indices(r.size() + 1, maxPoints);
        double[] rec = new double[idx.length];
        double[] prec = new double[idx.length];
        double[] th = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            int k = idx[j] - 1;
            if (k < 0) {
                rec[j] = 0;
                prec[j] = 1;
                th[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            rec[j] = (double) r.cumTp[k] / r.positives;
            prec[j] = (double) r.cumTp[k] / (r.cumTp[k] + r.cumFp[k]);
            th[j] = r.thresholds[k];
        }
        return new PrecisionRecallCurve(rec, prec, th);
    }

    /**
     * The reliability diagram with {@code bins} equal-width bins over [0, 1]; as scikit-learn's
     * {@code calibration_curve(strategy="uniform")}, a probability exactly on an inner edge belongs to the lower bin.
     *
     * @param labels        true for buyers
     * @param probabilities predicted probabilities in [0, 1]
     * @param bins          the number of bins, at least 1 (10 is usual)
     * @return the curve, empty bins left out
     */
    public static CalibrationCurve calibration(boolean[] labels, double[] probabilities, int bins) {
        return calibration(labels, probabilities, bins, CalibrationCurve.Binning.UNIFORM);
    }

    /**
     * The reliability diagram with the given binning. Quantile edges are the linear-interpolation percentiles of the
     * predictions (NumPy's default), so bins hold about equally many sessions; tied predictions can leave bins empty,
     * and empty bins are left out.
     *
     * @param labels        true for buyers
     * @param probabilities predicted probabilities in [0, 1]
     * @param bins          the number of bins, at least 1
     * @param binning       uniform or quantile
     * @return the curve
     */
    public static CalibrationCurve calibration(boolean[] labels, double[] probabilities, int bins,
                                               CalibrationCurve.Binning binning) {
        Ranked.Checks.probabilities(labels, probabilities);
        return calibrationChecked(labels, probabilities, bins, binning);
    }

    /**
     * {@link #calibration(boolean[], double[], int, CalibrationCurve.Binning)} of labels and probabilities already
     * checked (paired, every probability in [0, 1]): an evaluation's, whose ranking checked them.
     */
    static CalibrationCurve calibrationChecked(boolean[] labels, double[] probabilities, int bins,
                                               CalibrationCurve.Binning binning) {
        java.util.Objects.requireNonNull(binning, "binning");
        if (bins < 1) {
            throw new IllegalArgumentException("calibration needs at least 1 bin, was " + bins);
        }
        double[] edges = new double[bins + 1];
        if (binning == CalibrationCurve.Binning.UNIFORM) {
            double step = 1.0 / bins;
            for (int i = 0; i <= bins; i++) {
                edges[i] = i * step;
            }
            edges[bins] = 1.0;
        } else {
            double[] sorted = probabilities.clone();
            Arrays.sort(sorted);
            for (int i = 0; i <= bins; i++) {
                edges[i] = percentile(sorted, (double) i / bins);
            }
        }
        double[] sum = new double[bins];
        long[] buyers = new long[bins];
        long[] count = new long[bins];
        boolean uniform = binning == CalibrationCurve.Binning.UNIFORM;
        for (int i = 0; i < probabilities.length; i++) {
            int b = uniform ? uniformBin(edges, probabilities[i]) : lowerInnerEdges(edges, probabilities[i]);
            sum[b] += probabilities[i];
            buyers[b] += labels[i] ? 1 : 0;
            count[b]++;
        }
        int nonEmpty = 0;
        for (long c : count) {
            nonEmpty += c > 0 ? 1 : 0;
        }
        double[] mean = new double[nonEmpty];
        double[] rate = new double[nonEmpty];
        long[] cnt = new long[nonEmpty];
        double[] lo = new double[nonEmpty];
        double[] hi = new double[nonEmpty];
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            mean[j] = sum[b] / count[b];
            rate[j] = (double) buyers[b] / count[b];
            cnt[j] = count[b];
            Interval w = Wilson.interval(buyers[b], count[b]);
            lo[j] = w.low();
            hi[j] = w.high();
            j++;
        }
        return new CalibrationCurve(binning, mean, rate, cnt, lo, hi);
    }

    /**
     * {@link #lowerInnerEdges} for uniform edges ({@code edges[i] = i / bins}): the bin {@code p * bins} falls in,
     * moved down or up while an edge says otherwise (at most one step, where {@code i / bins} rounds), so the answer
     * is the search's, without its branches on every row.
     */
    private static int uniformBin(double[] edges, double p) {
        int last = edges.length - 2;
        int b = Math.min(last, Math.max(0, (int) (p * (last + 1))));
        while (b > 0 && !(edges[b] < p)) {
            b--;
        }
        while (b < last && edges[b + 1] < p) {
            b++;
        }
        return b;
    }

    /** The number of inner edges (edges[1..bins-1]) strictly below p: NumPy's searchsorted(side="left"). */
    private static int lowerInnerEdges(double[] edges, double p) {
        int lo = 1;
        int hi = edges.length - 1; // exclusive
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** NumPy's default (linear) percentile of sorted data at quantile q in [0, 1]. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int below = (int) Math.floor(pos);
        int above = Math.min(below + 1, sorted.length - 1);
        double t = pos - below;
        double a = sorted[below];
        double b = sorted[above];
        double d = b - a;
        return t >= 0.5 ? b - d * (1 - t) : a + d * t;
    }

    /**
     * Cumulative gains and lift (see {@link GainsCurve}).
     *
     * @param labels true for buyers; at least one buyer
     * @param scores any finite scores
     * @return the curve, one point per distinct score
     * @throws IllegalArgumentException when there is no buyer (the share of buyers is undefined)
     */
    public static GainsCurve cumulativeGains(boolean[] labels, double[] scores) {
        return cumulativeGains(Ranked.of(labels, scores));
    }

    static GainsCurve cumulativeGains(Ranked r) {
        return cumulativeGains(r, Integer.MAX_VALUE);
    }

    /**
     * The gains curve of a ranking thinned to at most {@code maxPoints} points: equal to
     * {@code cumulativeGains(r).thin(maxPoints)}, without making the points that thinning drops.
     */
    static GainsCurve cumulativeGains(Ranked r, int maxPoints) {
        if (r.positives == 0) {
            throw new IllegalArgumentException("a gains curve needs at least one buyer, got 0 of " + r.n());
        }
        double n = r.n();
        double baseRate = r.positives / n;
        int[] idx = Thinning.indices(r.size(), maxPoints);
        double[] x = new double[idx.length];
        double[] y = new double[idx.length];
        double[] lift = new double[idx.length];
        double[] th = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            int k = idx[j];
            long targeted = r.cumTp[k] + r.cumFp[k];
            x[j] = targeted / n;
            y[j] = (double) r.cumTp[k] / r.positives;
            lift[j] = ((double) r.cumTp[k] / targeted) / baseRate;
            th[j] = r.thresholds[k];
        }
        return new GainsCurve(x, y, lift, th);
    }

    private static void bothClasses(Ranked r, String what) {
        if (r.positives == 0 || r.negatives == 0) {
            throw new IllegalArgumentException(what + " needs both buyers and non-buyers, got " + r.positives
                    + " buyers and " + r.negatives + " non-buyers");
        }
    }
}
