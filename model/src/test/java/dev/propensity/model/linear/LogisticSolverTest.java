package dev.propensity.model.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.propensity.core.Workers;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class LogisticSolverTest {

    private static float[][] columns(int n, int d, long seed, boolean[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[d][n];
        for (int i = 0; i < n; i++) {
            double z = -1;
            for (int j = 0; j < d; j++) {
                x[j][i] = (float) r.nextGaussian();
                z += (j + 1) * 0.3 * x[j][i];
            }
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        return x;
    }

    /** Rare positives (about 2%), a gate on for about a third of the rows that changes the slopes. */
    private static float[][] gatedColumns(int n, int d, long seed, boolean[] labels, float[] gate) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[d][n];
        for (int i = 0; i < n; i++) {
            gate[i] = r.nextDouble() < 0.3 ? 1f : 0f;
            double z = -4.5 + 1.5 * gate[i];
            for (int j = 0; j < d; j++) {
                x[j][i] = j == d - 1 ? (r.nextDouble() < 0.2 ? 1f : 0f) : (float) r.nextGaussian();
                z += (0.4 - 0.1 * j + gate[i] * 0.3 * (j % 2 == 0 ? 1 : -1)) * x[j][i];
            }
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        return x;
    }

    private static double[] params(LogisticSolver.Solution s) {
        double[] b = java.util.Arrays.copyOf(s.weights(), s.weights().length + 1);
        b[s.weights().length] = s.intercept();
        return b;
    }

    /** Numeric columns and indicators of 1%, 10% and 45% ones, with a gate; odd row counts end in partial blocks. */
    private static float[][] mixedColumns(int n, long seed, boolean[] labels, float[] gate) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] rates = {0.01, 0.10, 0.45};
        float[][] x = new float[2 + rates.length][n];
        for (int i = 0; i < n; i++) {
            gate[i] = r.nextDouble() < 0.3 ? 1f : 0f;
            double z = -3 + gate[i];
            x[0][i] = (float) r.nextGaussian();
            x[1][i] = (float) Math.log1p(r.nextInt(20));
            z += 0.5 * x[0][i] - 0.3 * x[1][i];
            for (int k = 0; k < rates.length; k++) {
                x[2 + k][i] = r.nextDouble() < rates[k] ? 1f : 0f;
                z += (k - 1) * 0.8 * x[2 + k][i] * (1 + gate[i]);
            }
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        return x;
    }

    /** The same problem with the indicators kept as their ones. */
    private static dev.propensity.model.design.Design sparse(float[][] x) {
        int[][] ones = new int[x.length][];
        float[][] dense = new float[x.length][];
        for (int j = 0; j < x.length; j++) {
            ones[j] = dev.propensity.model.design.Design.indicator(x[j]);
            dense[j] = ones[j] == null ? x[j] : null;
        }
        return dev.propensity.model.design.Design.of(x[0].length, dense, ones);
    }

    @Test
    void indicatorsKeptAsTheirOnesGiveBitForBitTheSameSolution() {
        for (int n : new int[] {9_001, 50_003}) {
            boolean[] y = new boolean[n];
            float[] gate = new float[n];
            float[][] x = mixedColumns(n, 11, y, gate);
            dev.propensity.model.design.Design d = sparse(x);
            assertThat(d.sparse(2) && d.sparse(3) && d.sparse(4) && !d.sparse(0) && !d.sparse(1)).isTrue();
            for (float[] g : new float[][] {null, gate}) {
                Workers w = Workers.defaults();
                LogisticSolver dense = new LogisticSolver(x, g, y, null, 1, 3, 1e-4, null, w);
                LogisticSolver ones = new LogisticSolver(d, g, y, null, 1, 3, 1e-4, null, w);
                double[] beta = new double[dense.parameters()];
                SplittableRandom r = new SplittableRandom(5);
                for (int j = 0; j < beta.length; j++) {
                    beta[j] = r.nextGaussian();
                }
                double[] g1 = new double[beta.length];
                double[] g2 = new double[beta.length];
                assertThat(ones.evaluate(beta, g2)).isEqualTo(dense.evaluate(beta, g1));
                assertThat(g2).containsExactly(g1);
                // indicator columns whose weights are zero are skipped, and found again in the next block
                for (int j = 0; j < beta.length; j += 2) {
                    beta[j] = 0;
                }
                assertThat(ones.evaluate(beta, g2)).isEqualTo(dense.evaluate(beta, g1));
                assertThat(g2).containsExactly(g1);
                assertThat(ones.hessian(beta)).isDeepEqualTo(dense.hessian(beta));
                LogisticSolver.Solution a = dense.solve(100, 1e-8, 3);
                LogisticSolver.Solution b = ones.solve(100, 1e-8, 3);
                assertThat(b.weights()).containsExactly(a.weights());
                assertThat(b.intercept()).isEqualTo(a.intercept());
                assertThat(b.iterations()).isEqualTo(a.iterations());
                LogisticSolver.Solution c = dense.solveLbfgs(100, 1e-6, 3);
                LogisticSolver.Solution e = ones.solveLbfgs(100, 1e-6, 3);
                assertThat(e.weights()).containsExactly(c.weights());
            }
        }
    }

    @Test
    void gradientVanishesAtTheSolution() {
        boolean[] y = new boolean[20_000];
        float[][] x = columns(y.length, 3, 1, y);
        LogisticSolver s = new LogisticSolver(x, y, 1, 1, 1e-3, Workers.callerOnly());
        LogisticSolver.Solution sol = s.solve(200, 1e-9, 1);
        double[] g = new double[4];
        s.evaluate(params(sol), g);
        for (double v : g) {
            assertThat(Math.abs(v)).isLessThan(1e-8);
        }
        assertThat(sol.converged()).isTrue();
        assertThat(sol.iterations()).isLessThan(15);
    }

    @Test
    void newtonOnASubsampledHessianReachesTheLbfgsReferenceOnALargeGatedProblem() {
        int n = 400_000;
        boolean[] y = new boolean[n];
        float[] gate = new float[n];
        float[][] x = gatedColumns(n, 6, 3, y, gate);
        LogisticSolver solver = new LogisticSolver(x, gate, y, null, 1, 1, 1e-4, Workers.defaults());
        LogisticSolver.Solution reference = solver.solveLbfgs(2000, 1e-10, 1);
        LogisticSolver.Solution newton = solver.solve(200, 1e-6, 1);
        assertThat(reference.converged()).isTrue();
        assertThat(newton.converged()).isTrue();
        assertThat(newton.objective() - reference.objective()).isLessThan(1e-9);
        assertThat(newton.evaluations()).isLessThan(reference.evaluations());
        double[] g = new double[solver.parameters()];
        solver.evaluate(params(newton), g);
        for (double v : g) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void aGateEqualsMaterialisedGatedColumns() {
        int n = 30_000;
        boolean[] y = new boolean[n];
        float[] gate = new float[n];
        float[][] x = gatedColumns(n, 4, 4, y, gate);
        float[][] doubled = new float[8][];
        for (int j = 0; j < 4; j++) {
            doubled[j] = x[j];
            doubled[4 + j] = new float[n];
            for (int i = 0; i < n; i++) {
                doubled[4 + j][i] = x[j][i] * gate[i];
            }
        }
        LogisticSolver.Solution compact = new LogisticSolver(x, gate, y, null, 1, 1, 1e-3, Workers.callerOnly())
                .solve(200, 1e-10, 1);
        LogisticSolver.Solution plain = new LogisticSolver(doubled, y, 1, 1, 1e-3, Workers.callerOnly())
                .solve(200, 1e-10, 1);
        for (int j = 0; j < 8; j++) {
            assertThat(compact.weights()[j]).isCloseTo(plain.weights()[j], within(1e-7));
        }
        assertThat(compact.intercept()).isCloseTo(plain.intercept(), within(1e-7));
    }

    @Test
    void workersAndRepeatsDoNotChangeTheAnswer() {
        boolean[] y = new boolean[300_000];
        float[][] x = columns(y.length, 2, 2, y);
        LogisticSolver.Solution one = new LogisticSolver(x, y, 1, 1, 1e-4, Workers.callerOnly()).solve(200, 1e-8, 5);
        ForkJoinPool pool = Workers.newPool(3, "solver-test");
        try {
            LogisticSolver.Solution three = new LogisticSolver(x, y, 1, 1, 1e-4, Workers.of(pool)).solve(200, 1e-8, 5);
            assertThat(three.weights()).containsExactly(one.weights());
            assertThat(three.intercept()).isEqualTo(one.intercept());
        } finally {
            pool.shutdown();
        }
        LogisticSolver.Solution lbfgs = new LogisticSolver(x, y, 1, 1, 1e-4, Workers.defaults())
                .solveLbfgs(200, 1e-8, 5);
        assertThat(lbfgs.weights()[0]).isCloseTo(one.weights()[0], within(1e-5));
        assertThat(lbfgs.intercept()).isCloseTo(one.intercept(), within(1e-5));
    }

    @Test
    void choleskySolvesASymmetricSystemAndSurvivesASingularOne() {
        double[][] h = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
        double[] b = {1, 2, 3};
        LogisticSolver.choleskySolve(h, b);
        double[] back = new double[3];
        double[][] h2 = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                back[i] += h2[i][j] * b[j];
            }
        }
        assertThat(back).containsExactly(new double[] {1, 2, 3}, within(1e-12));
        double[][] singular = {{1, 0}, {0, 0}};
        double[] c = {1, 0};
        LogisticSolver.choleskySolve(singular, c);
        assertThat(c[0]).isCloseTo(1.0, within(1e-6));
        assertThat(Double.isFinite(c[1])).isTrue();
    }
}
