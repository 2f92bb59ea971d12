package dev.propensity.model.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * L2-regularised, class-weighted logistic regression solved by L-BFGS on dense {@code float} columns (half the
 * memory and memory traffic of doubles; sums are kept in double).
 *
 * <p>Minimises {@code (1/W) sum_i c_i [log(1 + exp(z_i)) - y_i z_i] + (l2/2) |w|^2} with
 * {@code z_i = b + sum_j w_j x_ij}, where {@code c_i} is the weight of row i's class and {@code W} the sum of the
 * row weights; the intercept {@code b} is not penalised. One pass over the data per function evaluation: rows are
 * processed in blocks small enough to stay in cache while the margin, the loss and the gradient of a block are
 * computed. Several threads sum disjoint, fixed row ranges and the partial sums are added in a fixed order, so the
 * result is the same for every run and thread schedule. Large inputs are first solved on a seeded random subsample,
 * whose solution starts the full solve.
 */
final class LogisticSolver {
    private static final int BLOCK = 2048;
    private static final int MEMORY = 10;
    private static final int WARM_START_ROWS = 250_000;

    /** The solution. */
    record Solution(double[] weights, double intercept, int iterations, int evaluations, double objective,
                    boolean converged) {
    }

    private final float[][] x;
    private final boolean[] y;
    private final int n;
    private final int d;
    private final double posWeight;
    private final double negWeight;
    private final double l2;
    private final int threads;
    private final double totalWeight;

    LogisticSolver(float[][] columns, boolean[] labels, double posWeight, double negWeight, double l2, int threads) {
        this.x = columns;
        this.y = labels;
        this.n = labels.length;
        this.d = columns.length;
        this.posWeight = posWeight;
        this.negWeight = negWeight;
        this.l2 = l2;
        this.threads = Math.max(1, Math.min(threads, n / (4 * BLOCK) + 1));
        int pos = 0;
        for (boolean b : labels) {
            pos += b ? 1 : 0;
        }
        this.totalWeight = pos * posWeight + (n - pos) * negWeight;
    }

    /**
     * Solves, warm-starting from a subsample when the input is large.
     *
     * @param maxIterations the most L-BFGS iterations of the full solve
     * @param tolerance     stop when the largest absolute gradient entry is at most this
     * @param seed          the seed of the subsample
     * @return the solution
     */
    Solution solve(int maxIterations, double tolerance, long seed) {
        double[] start = new double[d + 1];
        if (n > 4 * WARM_START_ROWS) {
            LogisticSolver sub = subsample(WARM_START_ROWS, seed);
            Solution s = sub.minimise(start, maxIterations, Math.max(tolerance, 1e-4));
            System.arraycopy(s.weights(), 0, start, 0, d);
            start[d] = s.intercept();
        }
        return minimise(start, maxIterations, tolerance);
    }

    private LogisticSolver subsample(int target, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double p = (double) target / n;
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                rows[m++] = i;
            }
        }
        float[][] cols = new float[d][m];
        boolean[] labels = new boolean[m];
        for (int k = 0; k < m; k++) {
            labels[k] = y[rows[k]];
        }
        for (int j = 0; j < d; j++) {
            float[] src = x[j];
            float[] dst = cols[j];
            for (int k = 0; k < m; k++) {
                dst[k] = src[rows[k]];
            }
        }
        return new LogisticSolver(cols, labels, posWeight, negWeight, l2, threads);
    }

    private Solution minimise(double[] start, int maxIterations, double tolerance) {
        int p = d + 1;
        double[] beta = start.clone();
        double[] grad = new double[p];
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "propensity-logistic");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            double f = evaluate(beta, grad, pool);
            int evaluations = 1;
            double[][] s = new double[MEMORY][p];
            double[][] yy = new double[MEMORY][p];
            double[] rho = new double[MEMORY];
            double[] alpha = new double[MEMORY];
            int stored = 0;
            int next = 0;
            double[] dir = new double[p];
            double[] newBeta = new double[p];
            double[] newGrad = new double[p];
            int iter = 0;
            boolean converged = maxAbs(grad) <= tolerance;
            while (!converged && iter < maxIterations) {
                iter++;
                // two-loop recursion: dir = -H grad
                System.arraycopy(grad, 0, dir, 0, p);
                for (int k = 0; k < stored; k++) {
                    int i = Math.floorMod(next - 1 - k, MEMORY);
                    alpha[i] = rho[i] * dot(s[i], dir);
                    axpy(-alpha[i], yy[i], dir);
                }
                double gamma;
                if (stored > 0) {
                    int last = Math.floorMod(next - 1, MEMORY);
                    gamma = dot(s[last], yy[last]) / dot(yy[last], yy[last]);
                } else {
                    gamma = 1.0 / Math.max(1.0, norm(grad));
                }
                for (int j = 0; j < p; j++) {
                    dir[j] *= gamma;
                }
                for (int k = stored - 1; k >= 0; k--) {
                    int i = Math.floorMod(next - 1 - k, MEMORY);
                    double b = rho[i] * dot(yy[i], dir);
                    axpy(alpha[i] - b, s[i], dir);
                }
                for (int j = 0; j < p; j++) {
                    dir[j] = -dir[j];
                }
                double slope = dot(grad, dir);
                if (slope >= 0) {
                    // not a descent direction: restart from steepest descent
                    stored = 0;
                    for (int j = 0; j < p; j++) {
                        dir[j] = -grad[j] / Math.max(1.0, norm(grad));
                    }
                    slope = dot(grad, dir);
                }
                double step = 1.0;
                double newF = Double.NaN;
                boolean accepted = false;
                for (int tries = 0; tries < 40; tries++) {
                    for (int j = 0; j < p; j++) {
                        newBeta[j] = beta[j] + step * dir[j];
                    }
                    newF = evaluate(newBeta, newGrad, pool);
                    evaluations++;
                    if (newF <= f + 1e-4 * step * slope) {
                        accepted = true;
                        break;
                    }
                    step *= 0.5;
                }
                if (!accepted) {
                    break;
                }
                double[] sNew = s[next];
                double[] yNew = yy[next];
                for (int j = 0; j < p; j++) {
                    sNew[j] = newBeta[j] - beta[j];
                    yNew[j] = newGrad[j] - grad[j];
                }
                double sy = dot(sNew, yNew);
                if (sy > 1e-12 * dot(yNew, yNew)) {
                    rho[next] = 1.0 / sy;
                    next = (next + 1) % MEMORY;
                    stored = Math.min(stored + 1, MEMORY);
                }
                double[] t = beta;
                beta = newBeta;
                newBeta = t;
                t = grad;
                grad = newGrad;
                newGrad = t;
                double decrease = f - newF;
                f = newF;
                converged = maxAbs(grad) <= tolerance || decrease <= 1e-13 * Math.max(1.0, Math.abs(f));
            }
            double[] w = new double[d];
            System.arraycopy(beta, 0, w, 0, d);
            return new Solution(w, beta[d], iter, evaluations, f, converged);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** The objective at {@code beta}; writes its gradient into {@code grad}. */
    double evaluate(double[] beta, double[] grad, ExecutorService pool) {
        int p = d + 1;
        double loss;
        java.util.Arrays.fill(grad, 0);
        if (pool == null) {
            loss = range(beta, grad, 0, n);
        } else {
            int blocks = (n + BLOCK - 1) / BLOCK;
            List<Future<double[]>> parts = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int from = (int) Math.min(n, (long) blocks * t / threads * BLOCK);
                int to = (int) Math.min(n, (long) blocks * (t + 1) / threads * BLOCK);
                parts.add(pool.submit(() -> {
                    double[] g = new double[p + 1];
                    g[p] = range(beta, g, from, to);
                    return g;
                }));
            }
            loss = 0;
            try {
                for (Future<double[]> part : parts) {
                    double[] g = part.get();
                    for (int j = 0; j < p; j++) {
                        grad[j] += g[j];
                    }
                    loss += g[p];
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("logistic regression interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("logistic regression failed: " + e.getCause(), e.getCause());
            }
        }
        double inv = 1.0 / totalWeight;
        double penalty = 0;
        for (int j = 0; j < d; j++) {
            grad[j] = grad[j] * inv + l2 * beta[j];
            penalty += beta[j] * beta[j];
        }
        grad[d] *= inv;
        return loss * inv + 0.5 * l2 * penalty;
    }

    /** Adds the weighted loss gradient of rows [from, to) into grad[0..d]; returns the weighted loss. */
    private double range(double[] beta, double[] grad, int from, int to) {
        double[] z = new double[BLOCK];
        double b = beta[d];
        double loss = 0;
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            java.util.Arrays.fill(z, 0, len, b);
            for (int j = 0; j < d; j++) {
                double w = beta[j];
                if (w == 0) {
                    continue;
                }
                float[] col = x[j];
                for (int k = 0; k < len; k++) {
                    z[k] += w * col[start + k];
                }
            }
            double rsum = 0;
            for (int k = 0; k < len; k++) {
                double zk = z[k];
                boolean label = y[start + k];
                double c = label ? posWeight : negWeight;
                double e = Math.exp(-Math.abs(zk));
                double sigma = zk >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                double softplus = Math.max(zk, 0) + (e < 1e-10 ? e : Math.log(1.0 + e));
                loss += c * (label ? softplus - zk : softplus);
                double r = c * (sigma - (label ? 1.0 : 0.0));
                z[k] = r;
                rsum += r;
            }
            for (int j = 0; j < d; j++) {
                float[] col = x[j];
                // four running sums: one sum is a chain of dependent additions the CPU cannot overlap
                double g0 = 0;
                double g1 = 0;
                double g2 = 0;
                double g3 = 0;
                int k = 0;
                for (; k + 4 <= len; k += 4) {
                    int i = start + k;
                    g0 += z[k] * col[i];
                    g1 += z[k + 1] * col[i + 1];
                    g2 += z[k + 2] * col[i + 2];
                    g3 += z[k + 3] * col[i + 3];
                }
                for (; k < len; k++) {
                    g0 += z[k] * col[start + k];
                }
                grad[j] += (g0 + g1) + (g2 + g3);
            }
            grad[d] += rsum;
        }
        return loss;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
