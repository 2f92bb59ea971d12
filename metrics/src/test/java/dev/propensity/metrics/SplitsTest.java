package dev.propensity.metrics;

import dev.propensity.core.SessionFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitsTest {

    private static boolean[] labels(int n, double rate, long seed) {
        Random rnd = new Random(seed);
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < rate;
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 10})
    void crossValidationPartitionsRowsAndKeepsTheClassRatioInEveryFold(int k) {
        boolean[] y = labels(1237, 0.155, k);
        int[] folds = Splits.assign(EvaluationProtocol.crossValidation(k, 42), y);
        assertThat(Splits.folds(folds)).containsExactly(java.util.stream.IntStream.range(0, k).toArray());
        long positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        int total = 0;
        for (int f = 0; f < k; f++) {
            int[] test = Splits.testRows(folds, f);
            int[] train = Splits.trainRows(folds, f);
            assertThat(test.length + train.length).isEqualTo(y.length);
            total += test.length;
            long pos = Arrays.stream(test).filter(i -> y[i]).count();
            // class counts per fold within one row of the exact share
            assertThat((double) pos).isBetween(positives / (double) k - 1, positives / (double) k + 1);
            assertThat((double) test.length).isBetween(y.length / (double) k - 1, y.length / (double) k + 1);
        }
        assertThat(total).isEqualTo(y.length); // every row tested exactly once
    }

    @Test
    void crossValidationIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        boolean[] y = labels(500, 0.2, 1);
        int[] a = Splits.assign(EvaluationProtocol.crossValidation(5, 42), y);
        int[] b = Splits.assign(EvaluationProtocol.crossValidation(5, 42), y);
        int[] c = Splits.assign(EvaluationProtocol.crossValidation(5, 43), y);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void crossValidationNeedsAtLeastAsManyRowsAsFolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratifiedFolds(new boolean[3], 5, 1));
        assertThat(e.getMessage()).contains("at least 5 rows").contains("got 3");
    }

    @Test
    void holdoutTestsTheFractionOfEachClass() {
        boolean[] y = labels(1000, 0.1, 5);
        int[] split = Splits.assign(EvaluationProtocol.holdout(0.25, 42), y);
        long pos = 0;
        long testPos = 0;
        long test = 0;
        for (int i = 0; i < y.length; i++) {
            assertThat(split[i]).isIn(0, Splits.TRAIN_ONLY);
            pos += y[i] ? 1 : 0;
            test += split[i] == 0 ? 1 : 0;
            testPos += split[i] == 0 && y[i] ? 1 : 0;
        }
        assertThat(testPos).isEqualTo(Math.round(0.25 * pos));
        assertThat(test).isBetween(249L, 251L);
        assertThat(Splits.folds(split)).containsExactly(0);
    }

    @Test
    void timeSplitTestsTheLatestSessions() {
        SessionFacts.Builder b = SessionFacts.builder();
        long[] starts = {500, 100, 900, 300, 700, 200, 800, 400, 600, 1000};
        for (int i = 0; i < starts.length; i++) {
            b.addRow("s" + i, i % 2 == 0, starts[i], 60, 3, 0, Map.of());
        }
        int[] split = Splits.assign(EvaluationProtocol.timeSplit(0.3), b.build());
        // the three latest: 1000 (row 9), 900 (row 2), 800 (row 6)
        for (int i = 0; i < starts.length; i++) {
            assertThat(split[i]).as("row %d", i).isEqualTo(starts[i] >= 800 ? 0 : Splits.TRAIN_ONLY);
        }
    }

    @Test
    void timeSplitBreaksTiesByRowOrder() {
        int[] split = Splits.byTime(new long[] {5, 5, 5, 5}, 0.5);
        assertThat(split).containsExactly(Splits.TRAIN_ONLY, Splits.TRAIN_ONLY, 0, 0);
    }

    @Test
    void timeSplitWithoutStartTimesNamesTheSessionAndTheAlternatives() {
        SessionFacts facts = SessionFacts.builder()
                .addRow("a", true, 1000, 5, 1, 0, Map.of())
                .addRow("uci-2", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.assign(EvaluationProtocol.timeSplit(0.2), facts));
        assertThat(e.getMessage()).contains("start time").contains("uci-2").contains("row 2").contains("cv:K");
    }

    @Test
    void timeProtocolOnLabelsAloneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.assign(EvaluationProtocol.timeSplit(0.2), new boolean[10]));
        assertThat(e.getMessage()).contains("start times");
    }

    @Test
    void factsFormUsesTheFactsLabels() {
        SessionFacts.Builder b = SessionFacts.builder();
        boolean[] y = labels(200, 0.3, 9);
        for (int i = 0; i < y.length; i++) {
            b.addRow("s" + i, y[i], SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(4, 7);
        assertThat(Splits.assign(cv, b.build())).containsExactly(Splits.assign(cv, y));
    }
}
