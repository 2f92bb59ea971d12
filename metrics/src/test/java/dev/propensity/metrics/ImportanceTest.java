package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImportanceTest {

    @Test
    void coefficientsAreSortedByMagnitudeKeepingTheirSign() {
        List<Importance> list = Importance.fromCoefficients(new String[] {"a", "b", "checkout"},
                new double[] {0.5, -2.0, 3.0}, Set.of("checkout"));
        assertThat(list).extracting(Importance::feature).containsExactly("checkout", "b", "a");
        assertThat(list.get(1).value()).isEqualTo(-2.0);
        assertThat(list.get(0).nearOutcome()).isTrue();
        assertThat(list.get(1).nearOutcome()).isFalse();
        assertThat(list.get(1).method()).isEqualTo(Importance.COEFFICIENT);
        assertThat(list.get(1).significant()).isTrue();
        assertThat(list.get(1).toString()).contains("b -2.0000");
    }

    @Test
    void rawCoefficientsAreScaledByTheStandardDeviationOfTheirColumn() {
        // column a has std 1; column b is -10, 10, 10 (NaN ignored): variance 100 - (10/3)^2
        double[][] cols = {{-1, 1, -1, 1}, {-10, 10, Double.NaN, 10}};
        List<Importance> list = Importance.fromRawCoefficients(new String[] {"a", "b"}, new double[] {2.0, 0.5}, cols,
                Set.of());
        assertThat(list).extracting(Importance::feature).containsExactly("b", "a");
        assertThat(list.get(0).value()).isCloseTo(0.5 * Math.sqrt(100 - 100.0 / 9), within(1e-12));
        assertThat(list.get(1).value()).isEqualTo(2.0);
    }

    @Test
    void mismatchedNamesAndCoefficientsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Importance.fromCoefficients(new String[] {"a"}, new double[] {1, 2}));
        assertThat(e.getMessage()).contains("1 vs 2");
    }

    @Test
    void permutationImportanceFindsTheOnlyUsedColumn() {
        Random rnd = new Random(1);
        int n = 400;
        double[] signal = new double[n];
        double[] noise = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = rnd.nextGaussian();
            noise[i] = rnd.nextGaussian();
            y[i] = signal[i] + 0.5 * rnd.nextGaussian() > 0.8;
        }
        BatchScorer model = columns -> columns[0].clone(); // uses the first column only
        double[][] cols = {signal, noise};
        double[] signalBefore = signal.clone();
        List<Importance> imp = PermutationImportance.compute(cols, new String[] {"signal", "noise"}, y, model, 5, 42);
        assertThat(imp.get(0).feature()).isEqualTo("signal");
        assertThat(imp.get(0).value()).isGreaterThan(0.3);
        assertThat(imp.get(0).std()).isPositive();
        assertThat(imp.get(0).repeats()).isEqualTo(5);
        assertThat(imp.get(0).significant()).isTrue();
        assertThat(imp.get(1).value()).isZero();
        assertThat(imp.get(1).significant()).isFalse();
        // the caller's columns are untouched and the result is repeatable
        assertThat(cols[0]).isSameAs(signal).containsExactly(signalBefore);
        assertThat(PermutationImportance.compute(cols, new String[] {"signal", "noise"}, y, model, 5, 42)).isEqualTo(imp);
    }

    @Test
    void permutationImportanceOnParallelWorkersEqualsTheSerialResultAndCallsTheScorerFromOtherThreads() {
        Random rnd = new Random(3);
        int n = 300;
        int k = 6;
        double[][] cols = new double[k][n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double logit = 0;
            for (int j = 0; j < k; j++) {
                cols[j][i] = rnd.nextGaussian();
                logit += (j + 1) * 0.3 * cols[j][i];
            }
            y[i] = logit + rnd.nextGaussian() > 0.5;
        }
        String[] names = {"a", "b", "c", "d", "e", "f"};
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchScorer model = columns -> {
            threads.add(Thread.currentThread().getName());
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    s[i] += (j + 1) * 0.3 * columns[j][i];
                }
            }
            return s;
        };
        List<Importance> serial = PermutationImportance.compute(cols, names, y, model, 3, 11, Set.of("f"));
        java.util.concurrent.ForkJoinPool pool = dev.propensity.core.Workers.newPool(3, "test-permutation");
        try {
            threads.clear();
            List<Importance> parallel = PermutationImportance.compute(cols, names, y, model, 3, 11, Set.of("f"),
                    dev.propensity.core.Workers.of(pool));
            assertThat(parallel).isEqualTo(serial);
            assertThat(threads).anyMatch(t -> t.startsWith("test-permutation"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(serial).extracting(Importance::feature).startsWith("f", "e");
        assertThat(serial.get(0).nearOutcome()).isTrue();
    }

    @Test
    void permutationImportanceRejectsAScorerReturningTheWrongLength() {
        BatchScorer broken = columns -> new double[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PermutationImportance.compute(
                new double[][] {{1, 2, 3}}, new String[] {"x"}, new boolean[] {true, false, true}, broken, 1, 0));
        assertThat(e.getMessage()).contains("1 scores").contains("3 rows");
    }

    @Test
    void permutationImportanceRejectsColumnsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(
                new double[][] {{1, 2}}, new String[] {"x"}, new boolean[] {true, false, true}, c -> c[0], 1, 0));
        assertThat(e.getMessage()).contains("'x'").contains("2 rows").contains("3 labels");
    }
}
