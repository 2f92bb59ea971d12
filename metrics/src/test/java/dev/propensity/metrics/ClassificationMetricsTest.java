package dev.propensity.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassificationMetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void rocAucMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {F, F, T, T}, new double[] {0.1, 0.4, 0.35, 0.8}))
                .isEqualTo(0.75);
    }

    @Test
    void rocAucCountsTiesAsOneHalf() {
        // one buyer and one non-buyer with the same score: 0.5
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {T, F}, new double[] {0.3, 0.3})).isEqualTo(0.5);
        // pairs: (0.9 vs 0.5) 1, (0.9 vs 0.9) 0.5, (0.5 vs 0.5) 0.5, (0.5 vs 0.9) 0 -> 2 / 4
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {T, T, F, F}, new double[] {0.9, 0.5, 0.5, 0.9}))
                .isEqualTo(0.5);
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {T, T, F, F}, new double[] {0.9, 0.9, 0.5, 0.9}))
                .isEqualTo(0.75);
    }

    @Test
    void rocAucIsOneForAPerfectRankingAndZeroForAReversedOne() {
        boolean[] y = {T, T, F, F, F};
        assertThat(ClassificationMetrics.rocAuc(y, new double[] {5, 4, 3, 2, 1})).isEqualTo(1.0);
        assertThat(ClassificationMetrics.rocAuc(y, new double[] {1, 2, 3, 4, 5})).isEqualTo(0.0);
    }

    @Test
    void rocAucIsNaNWhenOneClassIsMissing() {
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {T, T}, new double[] {0.2, 0.4})).isNaN();
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {F, F}, new double[] {0.2, 0.4})).isNaN();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void rocAucEqualsABruteForcePairCountOnRandomDataWithTies(long seed) {
        Random rnd = new Random(seed);
        for (int rep = 0; rep < 25; rep++) {
            int n = 2 + rnd.nextInt(80);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            int levels = 1 + rnd.nextInt(8);
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextDouble() < 0.3;
                s[i] = rnd.nextInt(levels) / (double) levels + (y[i] ? rnd.nextInt(2) * 0.1 : 0);
            }
            y[0] = true;
            y[n - 1] = false;
            double pairs = 0;
            double wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] && !y[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(ClassificationMetrics.rocAuc(y, s)).isCloseTo(wins / pairs, within(1e-12));
            assertThat(Curves.roc(y, s).area()).isCloseTo(wins / pairs, within(1e-12));
        }
    }

    @Test
    void averagePrecisionMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {F, F, T, T}, new double[] {0.1, 0.4, 0.35, 0.8}))
                .isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void averagePrecisionTreatsTiedScoresAsOneStep() {
        // all tied: one step to recall 1 at precision 2/4
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {T, F, T, F}, new double[] {1, 1, 1, 1}))
                .isEqualTo(0.5);
        // 0.9: {T} p=1 r=1/3; 0.5: {T, F, T} p=3/4 r=1 -> 1/3*1 + 2/3*3/4 = 5/6
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {T, T, F, T, F},
                new double[] {0.9, 0.5, 0.5, 0.5, 0.1})).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void averagePrecisionOfAPerfectRankingIsOneNotOnePlusRounding() {
        // nine buyers ranked first, one a step: nine additions of 1/9 give 1.0000000000000002 in doubles, and a
        // report refused that value, discarding a whole evaluation
        boolean[] y = new boolean[12];
        double[] s = new double[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i < 9;
            s[i] = 12 - i;
        }
        assertThat(ClassificationMetrics.averagePrecision(y, s)).isEqualTo(1.0);
    }

    @Test
    void averagePrecisionIsNaNWithoutBuyers() {
        assertThat(ClassificationMetrics.averagePrecision(new boolean[] {F, F}, new double[] {0.1, 0.2})).isNaN();
    }

    @Test
    void logLossMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
        assertThat(ClassificationMetrics.logLoss(new boolean[] {T, F, F, T}, new double[] {0.9, 0.1, 0.2, 0.65}))
                .isCloseTo(0.21616187468057912, within(1e-15));
    }

    @Test
    void logLossClipsCertainWrongAnswersAtMachineEpsilonAsScikitLearnDoes() {
        // sklearn 1.2: log_loss([1, 0], [0.0, 0.0]) == -ln(2.220446049250313e-16) / 2 == 18.021826694558577
        double expected = 18.021826694558577;
        assertThat(ClassificationMetrics.logLoss(new boolean[] {T, F}, new double[] {0.0, 0.0}))
                .isCloseTo(expected, within(1e-9));
        assertThat(ClassificationMetrics.logLoss(new boolean[] {T, F}, new double[] {1.0, 0.0})).isCloseTo(0, within(1e-14));
    }

    @Test
    void brierMatchesTheScikitLearnDocumentationExample() {
        // sklearn docs: brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) == 0.0375
        assertThat(ClassificationMetrics.brier(new boolean[] {F, T, T, F}, new double[] {0.1, 0.9, 0.8, 0.3}))
                .isCloseTo(0.0375, within(1e-15));
    }

    @Test
    void confusionPredictsPositiveAtOrAboveTheThreshold() {
        ConfusionMatrix cm = ClassificationMetrics.confusion(new boolean[] {T, T, F, F, T}, new double[] {0.5, 0.4, 0.5, 0.1, 0.9}, 0.5);
        assertThat(cm).isEqualTo(new ConfusionMatrix(2, 1, 1, 1));
    }

    @Test
    void evaluateComputesEveryFigureOfAHandCase() {
        boolean[] y = {T, T, T, F, F, F, F, F};
        double[] p = {0.9, 0.6, 0.3, 0.7, 0.2, 0.2, 0.1, 0.4};
        ClassificationReport r = ClassificationMetrics.evaluate(y, p, 0.5);
        // predicted positive: 0.9(T) 0.6(T) 0.7(F) -> tp 2 fp 1 fn 1 tn 4
        assertThat(r.confusion()).isEqualTo(new ConfusionMatrix(2, 1, 4, 1));
        assertThat(r.n()).isEqualTo(8);
        assertThat(r.positives()).isEqualTo(3);
        assertThat(r.baseRate()).isEqualTo(3.0 / 8);
        assertThat(r.accuracy()).isEqualTo(6.0 / 8);
        assertThat(r.majorityBaseline()).isEqualTo(5.0 / 8);
        assertThat(r.precision()).isEqualTo(2.0 / 3);
        assertThat(r.recall()).isEqualTo(2.0 / 3);
        assertThat(r.f1()).isCloseTo(2.0 / 3, within(1e-15));
        // (2*4 - 1*1) / sqrt(3*3*5*5) = 7/15
        assertThat(r.mcc()).isCloseTo(7.0 / 15, within(1e-15));
        // pairs: 0.9 beats all 5; 0.6 beats 4 (not 0.7); 0.3 beats 3 (0.2, 0.2, 0.1) -> 12/15
        assertThat(r.rocAuc()).isCloseTo(12.0 / 15, within(1e-15));
        // 0.9 p1 r1/3; 0.7 p1/2; 0.6 p2/3 r2/3; 0.4 p2/4; 0.3 p3/5 r1 -> 1/3 + 1/3*2/3 + 1/3*3/5
        assertThat(r.averagePrecision()).isCloseTo(1.0 / 3 + 2.0 / 9 + 1.0 / 5, within(1e-15));
        double ll = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.3) + Math.log(0.3) + 2 * Math.log(0.8)
                + Math.log(0.9) + Math.log(0.6)) / 8;
        assertThat(r.logLoss()).isCloseTo(ll, within(1e-15));
        double brier = (0.01 + 0.16 + 0.49 + 0.49 + 0.04 + 0.04 + 0.01 + 0.16) / 8;
        assertThat(r.brier()).isCloseTo(brier, within(1e-15));
        assertThat(r.accuracyLift()).isCloseTo(1.0 / 8, within(1e-15));
        assertThat(r.toString()).contains("ROC AUC", "0.8000", "majority baseline", "0.6250", "actual buy");
    }

    @Test
    void evaluateDefaultsToThresholdOneHalf() {
        boolean[] y = {T, F};
        double[] p = {0.5, 0.49};
        assertThat(ClassificationMetrics.evaluate(y, p).confusion()).isEqualTo(new ConfusionMatrix(1, 0, 1, 0));
    }

    @Test
    void majorityBaselineIsTheShareOfTheLargerClass() {
        assertThat(ClassificationMetrics.majorityBaseline(new boolean[] {T, F, F, F})).isEqualTo(0.75);
        assertThat(ClassificationMetrics.majorityBaseline(new boolean[] {T, T, T, F})).isEqualTo(0.75);
    }

    @Test
    void mismatchedLengthsAreRejectedWithBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.rocAuc(new boolean[] {T, F}, new double[] {0.1}));
        assertThat(e.getMessage()).contains("differ in length").contains("2 vs 1");
    }

    @Test
    void emptyInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.brier(new boolean[0], new double[0]));
        assertThat(e.getMessage()).contains("at least one row");
    }

    @Test
    void nanScoresAreRejectedWithTheirIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.rocAuc(new boolean[] {T, F}, new double[] {0.1, Double.NaN}));
        assertThat(e.getMessage()).contains("index 1").contains("NaN");
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRejectedByLogLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.logLoss(new boolean[] {T, F}, new double[] {1.5, 0.2}));
        assertThat(e.getMessage()).contains("index 0").contains("[0, 1]").contains("1.5");
    }

    @Test
    void rocAucAcceptsScoresOutsideTheUnitInterval() {
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {T, F}, new double[] {3.5, -2})).isEqualTo(1.0);
    }
}
