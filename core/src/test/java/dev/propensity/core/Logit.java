package dev.propensity.core;

/** A tiny logistic regression (Newton steps with a small ridge) and ROC AUC, for tests of learnable signal. */
final class Logit {
    private Logit() {
    }

    /** Fits weights (last one is the intercept) on standardized columns. */
    static double[] fit(double[][] x, boolean[] y) {
        int n = x.length;
        int d = x[0].length + 1;
        double[] w = new double[d];
        for (int it = 0; it < 25; it++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < n; i++) {
                double z = w[d - 1];
                for (int j = 0; j < d - 1; j++) {
                    z += w[j] * x[i][j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double r = (y[i] ? 1 : 0) - p;
                double s = p * (1 - p);
                for (int j = 0; j < d; j++) {
                    double xj = j == d - 1 ? 1 : x[i][j];
                    g[j] += r * xj;
                    for (int k = 0; k < d; k++) {
                        double xk = k == d - 1 ? 1 : x[i][k];
                        h[j][k] += s * xj * xk;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                h[j][j] += 1e-3 * n;
                g[j] -= 1e-3 * n * w[j];
            }
            double[] step = solve(h, g);
            for (int j = 0; j < d; j++) {
                w[j] += step[j];
            }
        }
        return w;
    }

    static double score(double[] w, double[] x) {
        double z = w[w.length - 1];
        for (int j = 0; j < x.length; j++) {
            z += w[j] * x[j];
        }
        return z;
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    /** ROC AUC by ranks (ties count half). */
    static double auc(double[] scores, boolean[] y) {
        int n = scores.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[idx[k]]) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
