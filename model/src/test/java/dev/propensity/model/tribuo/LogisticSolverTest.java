package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
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

    @Test
    void gradientVanishesAtTheSolution() {
        boolean[] y = new boolean[20_000];
        float[][] x = columns(y.length, 3, 1, y);
        LogisticSolver s = new LogisticSolver(x, y, 1, 1, 1e-3, 1);
        LogisticSolver.Solution sol = s.solve(200, 1e-9, 1);
        double[] beta = {sol.weights()[0], sol.weights()[1], sol.weights()[2], sol.intercept()};
        double[] g = new double[4];
        s.evaluate(beta, g, null);
        for (double v : g) {
            assertThat(Math.abs(v)).isLessThan(1e-7);
        }
        assertThat(sol.converged()).isTrue();
    }

    @Test
    void threadsAndWarmStartDoNotChangeTheAnswer() {
        boolean[] y = new boolean[1_200_000];
        float[][] x = columns(y.length, 2, 2, y);
        LogisticSolver.Solution one = new LogisticSolver(x, y, 1, 1, 1e-4, 1).solve(200, 1e-8, 5);
        LogisticSolver.Solution two = new LogisticSolver(x, y, 1, 1, 1e-4, 2).solve(200, 1e-8, 5);
        assertThat(two.weights()[0]).isCloseTo(one.weights()[0], within(1e-5));
        assertThat(two.intercept()).isCloseTo(one.intercept(), within(1e-5));
        LogisticSolver.Solution again = new LogisticSolver(x, y, 1, 1, 1e-4, 2).solve(200, 1e-8, 5);
        assertThat(again.weights()).containsExactly(two.weights());
    }
}
