package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.propensity.core.Workers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DesignReductionTest {

    @Test
    void zeroAndIdenticalColumnsAreSolvedOnceWithTheFullDesignsSolution() {
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(9);
        boolean[] y = new boolean[n];
        float[] gate = new float[n];
        float[] a = new float[n];
        float[] b = new float[n];
        float[] miss = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
            miss[i] = r.nextDouble() < 0.1 ? 1f : 0f;
            gate[i] = r.nextDouble() < 0.4 ? 1f : 0f;
            double z = -2 + a[i] - 0.5 * b[i] + 0.8 * miss[i] + gate[i] * 0.5 * a[i];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        // design: a, zero, miss, b, miss again, miss a third time
        float[][] design = {a, new float[n], miss, b, miss.clone(), miss.clone()};
        DesignReduction red = DesignReduction.of(design, Workers.callerOnly());
        assertThat(red.identity()).isFalse();
        assertThat(red.columns(design).length).isEqualTo(3);
        LogisticSolver.Solution full = new LogisticSolver(design, gate, y, null, 1, 1, 1e-2, Workers.callerOnly())
                .solve(200, 1e-11, 1);
        LogisticSolver.Solution small = new LogisticSolver(red.columns(design), gate, y, null, 1, 1, 1e-2,
                red.penalties(), Workers.callerOnly()).solve(200, 1e-11, 1);
        double[] expanded = red.expand(small.weights(), true);
        assertThat(expanded).hasSize(12);
        for (int j = 0; j < 12; j++) {
            assertThat(expanded[j]).as("weight " + j).isCloseTo(full.weights()[j], within(1e-7));
        }
        assertThat(expanded[1]).isZero();
        assertThat(expanded[7]).isZero();
        assertThat(small.intercept()).isCloseTo(full.intercept(), within(1e-7));
        assertThat(small.objective()).isCloseTo(full.objective(), within(1e-12));
    }

    @Test
    void aDesignOfDistinctColumnsIsKeptAsItIs() {
        float[][] design = {{1, 2, 3}, {0, 0, 1}, {3, 2, 1}};
        DesignReduction red = DesignReduction.of(design, Workers.callerOnly());
        assertThat(red.identity()).isTrue();
        assertThat(red.expand(new double[] {1, 2, 3}, false)).containsExactly(1, 2, 3);
    }
}
