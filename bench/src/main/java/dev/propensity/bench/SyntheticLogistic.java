package dev.propensity.bench;

import java.util.SplittableRandom;

/**
 * The training benchmark's data, the same shape and generator as the scikit-learn peer
 * ({@code sklearn_train.py}): {@code n} rows of {@code d} standard normal features, true weights drawn from
 * N(0, 1/d), and labels drawn as Bernoulli(sigmoid(2 x.w - 2)) (about 20% positives). The random streams differ
 * from NumPy's, so the rows are not the same rows, but the distribution and therefore the reachable AUC are.
 */
final class SyntheticLogistic {
    /** Feature values by column: {@code columns[j][i]} is feature j of row i. */
    final double[][] columns;
    /** Labels, 1 for a purchase. */
    final boolean[] labels;

    private SyntheticLogistic(double[][] columns, boolean[] labels) {
        this.columns = columns;
        this.labels = labels;
    }

    /** Rows. */
    int rows() {
        return labels.length;
    }

    /** Features. */
    int features() {
        return columns.length;
    }

    /**
     * Generates the data.
     *
     * @param n    rows
     * @param d    features
     * @param seed the seed
     * @return the data
     */
    static SyntheticLogistic generate(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = rnd.nextGaussian() / Math.sqrt(d);
        }
        double[][] x = new double[d][n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                double v = rnd.nextGaussian();
                x[j][i] = v;
                z += v * w[j];
            }
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(z * 2 - 2)));
        }
        return new SyntheticLogistic(x, y);
    }

    /** The name of feature j: {@code f00}, {@code f01}, ... */
    static String name(int j) {
        return String.format("f%02d", j);
    }

    /**
     * The ROC AUC of scores against labels (ties count one half), by sorting.
     *
     * @param labels the labels
     * @param scores the scores, higher meaning more likely positive
     * @return the AUC, NaN when one class is absent
     */
    static double auc(boolean[] labels, double[] scores) {
        int n = labels.length;
        // the Mann-Whitney statistic: each positive's rank among all scores, ties ranked by their mean position
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        long pos = 0;
        for (boolean b : labels) {
            pos += b ? 1 : 0;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        // rank of each score = average 1-based position of its value among the sorted scores
        double rankSumPos = 0;
        for (int i = 0; i < n; i++) {
            if (!labels[i]) {
                continue;
            }
            int lo = lowerBound(sorted, scores[i]);
            int hi = upperBound(sorted, scores[i]);
            rankSumPos += (lo + 1 + hi) / 2.0;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
