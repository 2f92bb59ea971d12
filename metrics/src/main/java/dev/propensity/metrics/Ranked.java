package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labels and scores grouped by distinct score, in decreasing score order, with cumulative counts: the common
 * ground of AUC, average precision and every curve. Package-private helper.
 */
final class Ranked {
    /** Distinct scores, decreasing. */
    final double[] thresholds;
    /** Buyers with score >= thresholds[k]. */
    final long[] cumTp;
    /** Non-buyers with score >= thresholds[k]. */
    final long[] cumFp;
    final long positives;
    final long negatives;

    private Ranked(double[] thresholds, long[] cumTp, long[] cumFp, long positives, long negatives) {
        this.thresholds = thresholds;
        this.cumTp = cumTp;
        this.cumFp = cumFp;
        this.positives = positives;
        this.negatives = negatives;
    }

    int size() {
        return thresholds.length;
    }

    long n() {
        return positives + negatives;
    }

    static Ranked of(boolean[] labels, double[] scores) {
        Checks.pair(labels, scores);
        return ofChecked(labels, scores);
    }

    /** {@link #of} of arrays already checked ({@link Checks#pair}). */
    static Ranked ofChecked(boolean[] labels, double[] scores) {
        if (ascending(scores)) {
            return ofAscending(labels, scores);
        }
        int p = 0;
        for (boolean b : labels) {
            p += b ? 1 : 0;
        }
        double[] pos = new double[p];
        double[] neg = new double[labels.length - p];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                pos[ip++] = scores[i];
            } else {
                neg[in++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double[] th = new double[labels.length];
        long[] tp = new long[labels.length];
        long[] fp = new long[labels.length];
        int i = pos.length - 1;
        int j = neg.length - 1;
        int k = 0;
        long ctp = 0;
        long cfp = 0;
        while (i >= 0 || j >= 0) {
            double v;
            if (i < 0) {
                v = neg[j];
            } else if (j < 0) {
                v = pos[i];
            } else {
                v = Math.max(pos[i], neg[j]);
            }
            while (i >= 0 && pos[i] == v) {
                ctp++;
                i--;
            }
            while (j >= 0 && neg[j] == v) {
                cfp++;
                j--;
            }
            th[k] = v;
            tp[k] = ctp;
            fp[k] = cfp;
            k++;
        }
        return trimmed(th, tp, fp, k, p, labels.length - p);
    }

    /** The ranking of the first k distinct scores of the arrays. */
    private static Ranked trimmed(double[] th, long[] tp, long[] fp, int k, long positives, long negatives) {
        if (k == th.length) {
            // every score distinct (usual for probabilities): the arrays are already the right length
            return new Ranked(th, tp, fp, positives, negatives);
        }
        return new Ranked(Arrays.copyOf(th, k), Arrays.copyOf(tp, k), Arrays.copyOf(fp, k), positives, negatives);
    }

    /**
     * Whether the scores never decrease (a server passes its rows by ascending probability), in the order of
     * {@link Double#compare} (-0.0 before 0.0, as a sort puts them).
     */
    private static boolean ascending(double[] scores) {
        for (int i = 1; i < scores.length; i++) {
            if (Double.compare(scores[i], scores[i - 1]) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ranking of scores that never decrease, read from the end: the same thresholds and counts as the general
     * path gives, without copying and sorting the scores.
     */
    private static Ranked ofAscending(boolean[] labels, double[] scores) {
        int n = labels.length;
        // count the distinct scores first, so that the arrays are no longer than they must be (scores repeat a lot
        // on real data, and arrays the size of the rows would be garbage after every ranking)
        int distinct = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            if (scores[i] != scores[i - 1]) {
                distinct++;
            }
        }
        double[] th = new double[distinct];
        long[] tp = new long[distinct];
        long[] fp = new long[distinct];
        int k = 0;
        long ctp = 0;
        long cfp = 0;
        int i = n - 1;
        while (i >= 0) {
            double v = scores[i];
            while (i >= 0 && scores[i] == v) {
                if (labels[i]) {
                    ctp++;
                } else {
                    cfp++;
                }
                i--;
            }
            th[k] = v;
            tp[k] = ctp;
            fp[k] = cfp;
            k++;
        }
        return trimmed(th, tp, fp, k, ctp, cfp);
    }

    /**
     * The confusion counts when rows with a score &gt;= threshold are predicted to buy: the counts of the last
     * distinct score at or above it (thresholds decrease), as {@link ClassificationMetrics#confusion} counts them.
     */
    ConfusionMatrix confusion(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        // the number of distinct scores >= threshold
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (thresholds[mid] >= threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long tp = lo == 0 ? 0 : cumTp[lo - 1];
        long fp = lo == 0 ? 0 : cumFp[lo - 1];
        return new ConfusionMatrix(tp, fp, negatives - fp, positives - tp);
    }

    /** Argument checks shared by the metric functions. */
    static final class Checks {
        private Checks() {
        }

        static void pair(boolean[] labels, double[] scores) {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(scores, "scores");
            if (labels.length != scores.length) {
                throw new IllegalArgumentException("labels and scores differ in length: " + labels.length + " vs "
                        + scores.length);
            }
            if (labels.length == 0) {
                throw new IllegalArgumentException("metrics need at least one row, got 0");
            }
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isFinite(scores[i])) {
                    throw new IllegalArgumentException("score at index " + i + " must be finite, was " + scores[i]);
                }
            }
        }

        static void probabilities(boolean[] labels, double[] scores) {
            pair(labels, scores);
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] < 0 || scores[i] > 1) {
                    throw new IllegalArgumentException("probability at index " + i + " must be in [0, 1], was "
                            + scores[i]);
                }
            }
        }
    }
}
