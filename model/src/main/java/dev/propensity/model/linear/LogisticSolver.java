package dev.propensity.model.linear;

import dev.propensity.core.Workers;
import dev.propensity.model.design.Design;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * L2-regularised, class-weighted logistic regression on a {@link Design}: dense {@code float} columns (half the
 * memory and memory traffic of doubles; sums are kept in double) and indicator columns kept as the rows where they
 * are one, with an optional segment gate that is never materialised. A pass visits an indicator column's ones only,
 * and adds what the dense column would add in the same order, so both forms give bit for bit the same solution.
 *
 * <p>Minimises {@code (1/W) sum_i c_i [log(1 + exp(z_i)) - y_i z_i] + (l2/2) |w|^2} with
 * {@code z_i = b + sum_j (w_j + g_i v_j) x_ij}, where {@code g_i} is row i's gate (0 or 1; always 0 without a gate,
 * and then there is no {@code v}), {@code c_i} the weight of row i's class and {@code W} the sum of the row
 * weights; the intercept {@code b} is not penalised. The weights are laid out as {@code w}, then {@code v}, then
 * {@code b}: the same model as a design with every column followed by its gated copy, at half the memory.
 *
 * <p>Two methods minimise the same objective:
 * <ul>
 *   <li>{@link #solve} (the default): Newton steps with a Hessian estimated on a stratified subsample (every
 *       positive up to a cap, negatives sampled, each row weighted back by its class's inverse sampling rate). The
 *       subsample's own problem is solved first by exact Newton; its solution starts the full problem, where each
 *       step takes one full pass for the gradient, the subsample's Hessian at the current point, and a backtracking
 *       line search (one full pass per trial). The Hessian of a gated design is assembled from two
 *       {@code (d+1) x (d+1)} blocks (gate off, gate on), so it costs what the ungated one does. On tables up to the
 *       subsample's size the subsample is the table and the steps are exact Newton steps.</li>
 *   <li>{@link #solveLbfgs}: L-BFGS with a subsample warm start, kept as a reference.</li>
 * </ul>
 * Passes over the data run on the given {@link Workers} in blocks whose boundaries depend only on the number of
 * rows, and the partial sums are added in block order, so the result is the same for every run and every
 * number of threads.
 */
public final class LogisticSolver {
    private static final int BLOCK = 2048;
    private static final int MEMORY = 10;
    private static final int WARM_START_ROWS = 250_000;
    /** Rows of the subsample whose Hessian the Newton solver uses. */
    static final int HESSIAN_ROWS = 40_000;
    /** The passes' blocks: fixed, so sums are added in the same order on any workers. */
    private static final int PASS_BLOCKS = 16;

    /**
     * The solution.
     *
     * @param weights    {@code w} then, with a gate, {@code v}
     * @param intercept  {@code b}
     * @param iterations steps on the full data
     * @param evaluations full passes over the data (gradient evaluations)
     * @param objective  the objective at the solution
     * @param converged  whether the gradient tolerance (or a vanishing decrease) was reached
     */
    public record Solution(double[] weights, double intercept, int iterations, int evaluations, double objective,
                    boolean converged) {
    }

    private final Design x;
    /** The design as dense columns, for the Hessian when this problem is its own subsample; made on first use. */
    private float[][] denseView;
    private final float[] gate;
    private final boolean[] y;
    /** Per-row extra weight (subsamples), or {@code null} for 1. */
    private final float[] rowWeight;
    private final int n;
    private final int d;
    private final int p;
    private final double posWeight;
    private final double negWeight;
    private final double l2;
    /** The per-column penalty factors, or {@code null} for 1. */
    private final double[] columnPenalty;
    /** The L2 penalty of each weight ({@code w}, then {@code v}). */
    private final double[] pen;
    private final Workers workers;
    private final double totalWeight;

    /**
     * A problem without a gate.
     *
     * @param columns   one array per input, each with one value per row
     * @param labels    the labels
     * @param posWeight the weight of a positive row
     * @param negWeight the weight of a negative row
     * @param l2        the L2 penalty
     * @param workers   where passes over the data run
     */
    public LogisticSolver(float[][] columns, boolean[] labels, double posWeight, double negWeight, double l2,
                   Workers workers) {
        this(columns, null, labels, null, posWeight, negWeight, l2, workers);
    }

    /**
     * A problem with an optional gate.
     *
     * @param columns   one array per input, each with one value per row
     * @param gate      per row 1 (gate on) or 0, or {@code null} for no gate
     * @param labels    the labels
     * @param rowWeight per-row weights, or {@code null} for all 1
     * @param posWeight the weight of a positive row
     * @param negWeight the weight of a negative row
     * @param l2        the L2 penalty
     * @param workers   where passes over the data run
     */
    public LogisticSolver(float[][] columns, float[] gate, boolean[] labels, float[] rowWeight, double posWeight,
                   double negWeight, double l2, Workers workers) {
        this(columns, gate, labels, rowWeight, posWeight, negWeight, l2, null, workers);
    }

    /**
     * A problem with an optional gate and per-column penalty factors: column j's weights (and gated weights) are
     * penalised by {@code l2 * columnPenalty[j]}. A column that stands for k identical columns of a design takes the
     * factor 1/k: its weight is then the sum of the k equal weights of the full design's solution.
     *
     * @param columns       one array per input, each with one value per row
     * @param gate          per row 1 (gate on) or 0, or {@code null} for no gate
     * @param labels        the labels
     * @param rowWeight     per-row weights, or {@code null} for all 1
     * @param posWeight     the weight of a positive row
     * @param negWeight     the weight of a negative row
     * @param l2            the L2 penalty
     * @param columnPenalty per-column factors of the penalty ({@code > 0}), or {@code null} for all 1
     * @param workers       where passes over the data run
     */
    public LogisticSolver(float[][] columns, float[] gate, boolean[] labels, float[] rowWeight, double posWeight,
                   double negWeight, double l2, double[] columnPenalty, Workers workers) {
        this(Design.dense(columns), gate, labels, rowWeight, posWeight, negWeight, l2, columnPenalty, workers);
    }

    /**
     * A problem on a design, with an optional gate and per-column penalty factors, as
     * {@link #LogisticSolver(float[][], float[], boolean[], float[], double, double, double, double[], Workers)}.
     *
     * @param design        the inputs, one column each, one value per row
     * @param gate          per row 1 (gate on) or 0, or {@code null} for no gate
     * @param labels        the labels
     * @param rowWeight     per-row weights, or {@code null} for all 1
     * @param posWeight     the weight of a positive row
     * @param negWeight     the weight of a negative row
     * @param l2            the L2 penalty
     * @param columnPenalty per-column factors of the penalty ({@code > 0}), or {@code null} for all 1
     * @param workers       where passes over the data run
     */
    public LogisticSolver(Design design, float[] gate, boolean[] labels, float[] rowWeight, double posWeight,
                   double negWeight, double l2, double[] columnPenalty, Workers workers) {
        if (design.width() > 0 && design.rows() != labels.length) {
            throw new IllegalArgumentException("a design of " + design.rows() + " rows for " + labels.length
                    + " labels");
        }
        this.x = design;
        this.gate = gate;
        this.y = labels;
        this.rowWeight = rowWeight;
        this.n = labels.length;
        this.d = design.width();
        this.p = (gate == null ? d : 2 * d) + 1;
        this.posWeight = posWeight;
        this.negWeight = negWeight;
        this.l2 = l2;
        this.columnPenalty = columnPenalty;
        if (columnPenalty != null && columnPenalty.length != d) {
            throw new IllegalArgumentException(columnPenalty.length + " penalty factors for " + d + " columns");
        }
        this.pen = new double[p - 1];
        for (int j = 0; j < p - 1; j++) {
            pen[j] = l2 * (columnPenalty == null ? 1.0 : columnPenalty[j % d]);
        }
        this.workers = Objects.requireNonNull(workers, "workers");
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += (y[i] ? posWeight : negWeight) * (rowWeight == null ? 1.0 : rowWeight[i]);
        }
        this.totalWeight = total;
    }

    /**
     * The number of parameters: weights (gated ones included) and the intercept.
     *
     * @return the number of parameters
     */
    public int parameters() {
        return p;
    }

    // ------------------------------------------------------------------ Newton

    /**
     * Solves by Newton steps with a subsampled Hessian (see the class description).
     *
     * @param maxIterations the most steps on the full data
     * @param tolerance     stop when the largest absolute gradient entry is at most this
     * @param seed          the seed of the subsample
     * @return the solution
     */
    public Solution solve(int maxIterations, double tolerance, long seed) {
        return solve(new double[p], maxIterations, tolerance, seed);
    }

    /**
     * Solves by Newton steps with a subsampled Hessian, from a given start.
     *
     * @param start         the starting parameters ({@code w}, {@code v}, {@code b}); length {@link #parameters()}
     * @param maxIterations the most steps on the full data
     * @param tolerance     stop when the largest absolute gradient entry is at most this
     * @param seed          the seed of the subsample
     * @return the solution
     */
    public Solution solve(double[] start, int maxIterations, double tolerance, long seed) {
        if (start.length != p) {
            throw new IllegalArgumentException("start has " + start.length + " parameters, the problem " + p);
        }
        LogisticSolver sub = n <= HESSIAN_ROWS ? this : stratifiedSubsample(HESSIAN_ROWS, seed);
        double[] beta = start.clone();
        if (sub != this) {
            // the subsample's own problem, by exact Newton: a start within a few steps of the full solution
            beta = sub.newton(beta, sub, 50, Math.max(tolerance, 1e-6)).beta;
        }
        Newton full = newton(beta, sub, maxIterations, tolerance);
        return full.solution(d, gate != null);
    }

    /** The state at the end of a Newton run. */
    private record Newton(double[] beta, double f, int iterations, int evaluations, boolean converged) {
        Solution solution(int d, boolean gated) {
            int w = gated ? 2 * d : d;
            return new Solution(Arrays.copyOf(beta, w), beta[w], iterations, evaluations, f, converged);
        }
    }

    private Newton newton(double[] start, LogisticSolver hessianRows, int maxIterations, double tolerance) {
        double[] beta = start.clone();
        double[] grad = new double[p];
        double f = evaluate(beta, grad);
        int evaluations = 1;
        double[] newBeta = new double[p];
        double[] newGrad = new double[p];
        double[] dir = new double[p];
        int iter = 0;
        boolean converged = maxAbs(grad) <= tolerance;
        while (!converged && iter < maxIterations) {
            iter++;
            double[][] h = hessianRows.hessian(beta);
            for (int j = 0; j < p; j++) {
                dir[j] = -grad[j];
            }
            choleskySolve(h, dir);
            double slope = dot(grad, dir);
            if (!(slope < 0)) {
                // the estimated Hessian gave no descent direction: fall back to steepest descent
                slope = steepestDescent(grad, dir);
            }
            LineStep line = backtrack(beta, dir, f, slope, newBeta, newGrad, 30);
            evaluations += line.evaluations();
            if (!line.accepted()) {
                break;
            }
            double newF = line.f();
            double[] t = beta;
            beta = newBeta;
            newBeta = t;
            t = grad;
            grad = newGrad;
            newGrad = t;
            double decrease = f - newF;
            f = newF;
            converged = maxAbs(grad) <= tolerance || decrease <= 1e-15 * Math.max(1.0, Math.abs(f));
        }
        return new Newton(beta, f, iter, evaluations, converged);
    }

    /**
     * The Hessian of this problem's objective at {@code beta}, scaled as the objective is (penalty included): two
     * {@code (d+1) x (d+1)} blocks, rows with the gate off and on, assembled into the {@code p x p} matrix.
     */
    double[][] hessian(double[] beta) {
        int a = d + 1;
        int blocks = Math.min(PASS_BLOCKS, Math.max(1, (n + BLOCK - 1) / BLOCK));
        List<double[][]> parts = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            parts.add(null);
        }
        float[][] xd = denseColumns();
        workers.forBlocks(n, blocks, (block, from, to) -> {
            double[][] m = new double[gate == null ? 1 : 2][a * a];
            double[] z = new double[BLOCK];
            double[] row = new double[a];
            int[] nz = new int[a];
            int[] at = cursors(from);
            for (int start = from; start < to; start += BLOCK) {
                int len = Math.min(BLOCK, to - start);
                margins(beta, start, len, z, at);
                for (int k = 0; k < len; k++) {
                    int i = start + k;
                    double s = sigmoid(z[k]);
                    double hk = s * (1 - s) * (y[i] ? posWeight : negWeight) * (rowWeight == null ? 1 : rowWeight[i]);
                    if (hk == 0) {
                        continue;
                    }
                    // the row's non-zero inputs only: one-hot levels and missing indicators are mostly zero, and a
                    // zero product adds nothing (the sums are the same as over every pair)
                    int count = 0;
                    for (int j = 0; j < d; j++) {
                        float v = xd[j][i];
                        if (v != 0f) {
                            row[count] = v;
                            nz[count++] = j;
                        }
                    }
                    row[count] = 1.0;
                    nz[count++] = d;
                    double[] target = gate != null && gate[i] != 0f ? m[1] : m[0];
                    for (int q = 0; q < count; q++) {
                        double hj = hk * row[q];
                        int off = nz[q] * a;
                        for (int r = q; r < count; r++) {
                            target[off + nz[r]] += hj * row[r];
                        }
                    }
                }
            }
            parts.set(block, m);
        });
        double[] off = new double[a * a];
        double[] on = new double[a * a];
        for (double[][] m : parts) {
            if (m == null) {
                continue;
            }
            axpy(1.0, m[0], off);
            if (m.length > 1) {
                axpy(1.0, m[1], on);
            }
        }
        double inv = 1.0 / totalWeight;
        double[][] h = new double[p][p];
        int bIdx = p - 1;
        for (int j = 0; j < a; j++) {
            for (int l = j; l < a; l++) {
                double all = (off[j * a + l] + on[j * a + l]) * inv;
                double g = on[j * a + l] * inv;
                int jw = j == d ? bIdx : j;
                int lw = l == d ? bIdx : l;
                set(h, jw, lw, all);
                if (gate != null) {
                    if (j < d) {
                        // v_j with w_l / b, and v_j with v_l
                        set(h, d + j, lw, g);
                        if (l < d) {
                            set(h, d + j, d + l, g);
                            set(h, j, d + l, g);
                        }
                    }
                }
            }
        }
        for (int j = 0; j < p - 1; j++) {
            h[j][j] += pen[j];
        }
        return h;
    }

    private static void set(double[][] h, int i, int j, double v) {
        h[i][j] = v;
        h[j][i] = v;
    }

    /**
     * Solves {@code h x = b} in place ({@code b} becomes {@code x}) by Cholesky, adding a growing ridge to the
     * diagonal when {@code h} is not numerically positive definite (a column that is zero on the subsample).
     */
    static void choleskySolve(double[][] h, double[] b) {
        int m = b.length;
        double trace = 0;
        for (int i = 0; i < m; i++) {
            trace += Math.abs(h[i][i]);
        }
        double ridge = 0;
        double[][] l = new double[m][m];
        for (int attempt = 0; attempt < 20; attempt++) {
            if (factor(h, l, ridge)) {
                // forward, then backward substitution
                for (int i = 0; i < m; i++) {
                    double s = b[i];
                    for (int k = 0; k < i; k++) {
                        s -= l[i][k] * b[k];
                    }
                    b[i] = s / l[i][i];
                }
                for (int i = m - 1; i >= 0; i--) {
                    double s = b[i];
                    for (int k = i + 1; k < m; k++) {
                        s -= l[k][i] * b[k];
                    }
                    b[i] = s / l[i][i];
                }
                return;
            }
            ridge = ridge == 0 ? 1e-12 * Math.max(trace / m, 1e-300) : ridge * 100;
        }
        throw new IllegalStateException("logistic regression: the Hessian could not be factored");
    }

    private static boolean factor(double[][] h, double[][] l, double ridge) {
        int m = h.length;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j] + (i == j ? ridge : 0);
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0) || Double.isInfinite(s)) {
                        return false;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return true;
    }

    /**
     * A stratified subsample of about {@code target} rows: every positive (or an even share of them when they
     * are more than half the target), negatives sampled to fill the rest; each row weighted by the inverse sampling
     * rate of its class, so the subsample's sums estimate the full data's.
     */
    private LogisticSolver stratifiedSubsample(int target, long seed) {
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        int neg = n - pos;
        double posRate = Math.min(1.0, (target / 2.0) / Math.max(1, pos));
        double keptPos = posRate * pos;
        double negRate = Math.min(1.0, (target - keptPos) / Math.max(1, neg));
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double r = random.nextDouble();
            if (r < (y[i] ? posRate : negRate)) {
                rows[m++] = i;
            }
        }
        float[][] cols = new float[d][];
        boolean[] labels = new boolean[m];
        float[] weights = new float[m];
        float[] g = gate == null ? null : new float[m];
        for (int k = 0; k < m; k++) {
            int i = rows[k];
            labels[k] = y[i];
            weights[k] = (float) ((rowWeight == null ? 1.0 : rowWeight[i]) / (y[i] ? posRate : negRate));
            if (g != null) {
                g[k] = gate[i];
            }
        }
        for (int j = 0; j < d; j++) {
            cols[j] = x.values(j, rows, m);
        }
        return new LogisticSolver(cols, g, labels, weights, posWeight, negWeight, l2, columnPenalty, workers);
    }

    // ------------------------------------------------------------------ L-BFGS (reference)

    /**
     * Solves by L-BFGS, warm-starting from a random subsample when the input is large: the reference solver.
     *
     * @param maxIterations the most L-BFGS iterations of the full solve
     * @param tolerance     stop when the largest absolute gradient entry is at most this
     * @param seed          the seed of the subsample
     * @return the solution
     */
    public Solution solveLbfgs(int maxIterations, double tolerance, long seed) {
        double[] start = new double[p];
        if (n > 4 * WARM_START_ROWS) {
            LogisticSolver sub = randomSubsample(WARM_START_ROWS, seed);
            start = sub.lbfgs(start, maxIterations, Math.max(tolerance, 1e-4)).beta;
        }
        return lbfgs(start, maxIterations, tolerance).solution(d, gate != null);
    }

    private LogisticSolver randomSubsample(int target, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double rate = (double) target / n;
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < rate) {
                rows[m++] = i;
            }
        }
        float[][] cols = new float[d][];
        boolean[] labels = new boolean[m];
        float[] g = gate == null ? null : new float[m];
        float[] weights = rowWeight == null ? null : new float[m];
        for (int k = 0; k < m; k++) {
            labels[k] = y[rows[k]];
            if (g != null) {
                g[k] = gate[rows[k]];
            }
            if (weights != null) {
                weights[k] = rowWeight[rows[k]];
            }
        }
        for (int j = 0; j < d; j++) {
            cols[j] = x.values(j, rows, m);
        }
        return new LogisticSolver(cols, g, labels, weights, posWeight, negWeight, l2, columnPenalty, workers);
    }

    private Newton lbfgs(double[] start, int maxIterations, double tolerance) {
        double[] beta = start.clone();
        double[] grad = new double[p];
        double f = evaluate(beta, grad);
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
                slope = steepestDescent(grad, dir);
            }
            LineStep line = backtrack(beta, dir, f, slope, newBeta, newGrad, 40);
            evaluations += line.evaluations();
            if (!line.accepted()) {
                break;
            }
            double newF = line.f();
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
        return new Newton(beta, f, iter, evaluations, converged);
    }

    /** Where a line search ended: the objective there, the passes it cost, whether it found a sufficient decrease. */
    private record LineStep(double f, int evaluations, boolean accepted) {
    }

    /**
     * Sets {@code dir} to the steepest-descent direction, the negative gradient scaled to length at most 1, and
     * returns its slope (the gradient's dot product with it): the fallback of both solvers when their direction does
     * not descend.
     */
    private static double steepestDescent(double[] grad, double[] dir) {
        double scale = 1.0 / Math.max(1.0, norm(grad));
        for (int j = 0; j < grad.length; j++) {
            dir[j] = -grad[j] * scale;
        }
        return dot(grad, dir);
    }

    /**
     * Backtracking (Armijo) line search from {@code beta} along the descent direction {@code dir}: halves the step
     * from 1 until the objective falls by at least 1e-4 of the slope's promise, at most {@code maxTries} times. On
     * acceptance {@code newBeta} and {@code newGrad} hold the accepted point and its gradient.
     */
    private LineStep backtrack(double[] beta, double[] dir, double f, double slope, double[] newBeta,
                               double[] newGrad, int maxTries) {
        double step = 1.0;
        for (int tries = 1; tries <= maxTries; tries++) {
            for (int j = 0; j < p; j++) {
                newBeta[j] = beta[j] + step * dir[j];
            }
            double newF = evaluate(newBeta, newGrad);
            if (newF <= f + 1e-4 * step * slope) {
                return new LineStep(newF, tries, true);
            }
            step *= 0.5;
        }
        return new LineStep(Double.NaN, maxTries, false);
    }

    // ------------------------------------------------------------------ passes

    /**
     * The objective at {@code beta}; writes its gradient into {@code grad}.
     *
     * @param beta the parameters ({@code w}, {@code v}, {@code b})
     * @param grad receives the gradient
     * @return the objective
     */
    public double evaluate(double[] beta, double[] grad) {
        int blocks = Math.min(PASS_BLOCKS, Math.max(1, (n + BLOCK - 1) / BLOCK));
        double[][] parts = new double[blocks][];
        workers.forBlocks(n, blocks, (block, from, to) -> {
            double[] g = new double[p + 1];
            g[p] = range(beta, g, from, to);
            parts[block] = g;
        });
        Arrays.fill(grad, 0);
        double loss = 0;
        for (double[] g : parts) {
            if (g == null) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                grad[j] += g[j];
            }
            loss += g[p];
        }
        double inv = 1.0 / totalWeight;
        double penalty = 0;
        for (int j = 0; j < p - 1; j++) {
            grad[j] = grad[j] * inv + pen[j] * beta[j];
            penalty += pen[j] * beta[j] * beta[j];
        }
        grad[p - 1] *= inv;
        return loss * inv + 0.5 * penalty;
    }

    /**
     * Writes the margins of rows {@code [start, start + len)} into {@code z[0..len)}.
     *
     * @param at for each indicator column, its first position holding a row at least {@code start} (or -1: search
     *           for it), moved on past the block: blocks are visited in order, so one search serves a whole range
     */
    private void margins(double[] beta, int start, int len, double[] z, int[] at) {
        Arrays.fill(z, 0, len, beta[p - 1]);
        for (int j = 0; j < d; j++) {
            double w = beta[j];
            double v = gate == null ? 0 : beta[d + j];
            if (x.sparse(j)) {
                if (v == 0 && w == 0) {
                    at[j] = -1; // found again when next needed
                    continue;
                }
                // w * 1f is w: each one adds what the dense column's entry adds; a zero entry adds nothing
                int[] o = x.ones(j);
                int end = start + len;
                float[] g = gate;
                int a = at[j] >= 0 ? at[j] : firstAtLeast(o, start);
                for (; a < o.length && o[a] < end; a++) {
                    int i = o[a];
                    z[i - start] += v == 0 ? w : (w + v * g[i]) * 1f;
                }
                at[j] = a;
                continue;
            }
            float[] col = x.dense(j);
            if (v == 0) {
                if (w == 0) {
                    continue;
                }
                for (int k = 0; k < len; k++) {
                    z[k] += w * col[start + k];
                }
            } else {
                float[] g = gate;
                for (int k = 0; k < len; k++) {
                    z[k] += (w + v * g[start + k]) * col[start + k];
                }
            }
        }
    }

    /** Adds the weighted loss gradient of rows [from, to) into grad[0..p); returns the weighted loss. */
    private double range(double[] beta, double[] grad, int from, int to) {
        double[] z = new double[BLOCK];
        double[] zg = gate == null ? null : new double[BLOCK];
        int[] at = cursors(from);
        int[] atGradient = at.clone();
        double loss = 0;
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            margins(beta, start, len, z, at);
            double rsum = 0;
            for (int k = 0; k < len; k++) {
                double zk = z[k];
                int i = start + k;
                boolean label = y[i];
                double c = (label ? posWeight : negWeight) * (rowWeight == null ? 1.0 : rowWeight[i]);
                double e = Math.exp(-Math.abs(zk));
                double sigma = zk >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                double softplus = Math.max(zk, 0) + (e < 1e-10 ? e : Math.log(1.0 + e));
                loss += c * (label ? softplus - zk : softplus);
                double r = c * (sigma - (label ? 1.0 : 0.0));
                z[k] = r;
                rsum += r;
                if (zg != null) {
                    zg[k] = r * gate[i];
                }
            }
            for (int j = 0; j < d; j++) {
                if (x.sparse(j)) {
                    atGradient[j] = sparseGradient(x.ones(j), atGradient[j], start, len, z, zg, grad, j);
                    continue;
                }
                float[] col = x.dense(j);
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
                if (zg != null) {
                    double h0 = 0;
                    double h1 = 0;
                    k = 0;
                    for (; k + 2 <= len; k += 2) {
                        int i = start + k;
                        h0 += zg[k] * col[i];
                        h1 += zg[k + 1] * col[i + 1];
                    }
                    for (; k < len; k++) {
                        h0 += zg[k] * col[start + k];
                    }
                    grad[d + j] += h0 + h1;
                }
            }
            grad[p - 1] += rsum;
        }
        return loss;
    }

    /**
     * The gradient entries of an indicator column over rows {@code [start, start + len)}: the sums the dense loop
     * forms, lane by lane in the same order (a zero entry adds nothing), so the result is bit for bit the same.
     *
     * @param first the column's first position holding a row at least {@code start}
     * @return its first position holding a row at least {@code start + len}, for the next block
     */
    private int sparseGradient(int[] o, int first, int start, int len, double[] z, double[] zg, double[] grad, int j) {
        int end = start + len;
        int four = len & ~3;
        int two = len & ~1;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double g3 = 0;
        double h0 = 0;
        double h1 = 0;
        int a = first;
        // the dense loop adds the four-lane part first, then the tail into lane 0, and so does this
        for (; a < o.length && o[a] < end; a++) {
            int k = o[a] - start;
            if (k >= four) {
                break;
            }
            double t = z[k] * 1f;
            switch (k & 3) {
                case 0 -> g0 += t;
                case 1 -> g1 += t;
                case 2 -> g2 += t;
                default -> g3 += t;
            }
        }
        for (; a < o.length && o[a] < end; a++) {
            g0 += z[o[a] - start] * 1f;
        }
        int next = a;
        grad[j] += (g0 + g1) + (g2 + g3);
        if (zg != null) {
            for (a = first; a < o.length && o[a] < end; a++) {
                int k = o[a] - start;
                if (k >= two) {
                    break;
                }
                if ((k & 1) == 0) {
                    h0 += zg[k] * 1f;
                } else {
                    h1 += zg[k] * 1f;
                }
            }
            for (; a < o.length && o[a] < end; a++) {
                h0 += zg[o[a] - start] * 1f;
            }
            grad[d + j] += h0 + h1;
        }
        return next;
    }

    /** For each indicator column, its first position holding a row at least {@code from} (0 for dense columns). */
    private int[] cursors(int from) {
        int[] at = new int[d];
        for (int j = 0; j < d; j++) {
            if (x.sparse(j)) {
                at[j] = firstAtLeast(x.ones(j), from);
            }
        }
        return at;
    }

    /** The first position of a sorted array holding a value at least {@code v}. */
    private static int firstAtLeast(int[] sorted, int v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The design as dense columns (the design's own arrays where they are dense). */
    private float[][] denseColumns() {
        float[][] v = denseView;
        if (v == null) {
            v = x.toDense();
            denseView = v;
        }
        return v;
    }

    private static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
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
