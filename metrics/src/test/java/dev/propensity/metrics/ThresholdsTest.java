package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdsTest {
    private static final boolean T = true;
    private static final boolean F = false;
    private static final boolean[] Y = {T, F, T, F};
    private static final double[] S = {0.9, 0.8, 0.7, 0.6};

    @Test
    void maxF1PicksTheBestDistinctScore() {
        // 0.9: 2/3; 0.8: 1/2; 0.7: 4/5; 0.6: 2/3
        ThresholdChoice c = Thresholds.maxF1(Y, S);
        assertThat(c.threshold()).isEqualTo(0.7);
        assertThat(c.value()).isCloseTo(0.8, within(1e-15));
        assertThat(c.confusion()).isEqualTo(new ConfusionMatrix(2, 1, 1, 0));
        assertThat(c.criterion()).isEqualTo("max F1");
    }

    @Test
    void maxF1IsAtLeastTheF1OfEveryThresholdOnRandomData() {
        Random rnd = new Random(11);
        for (int rep = 0; rep < 30; rep++) {
            int n = 5 + rnd.nextInt(100);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextBoolean();
                s[i] = rnd.nextInt(10) / 10.0;
            }
            y[0] = true;
            ThresholdChoice best = Thresholds.maxF1(y, s);
            for (double t : s) {
                assertThat(ClassificationMetrics.confusion(y, s, t).f1()).isLessThanOrEqualTo(best.value() + 1e-15);
            }
            assertThat(ClassificationMetrics.confusion(y, s, best.threshold()).f1()).isCloseTo(best.value(), within(1e-15));
        }
    }

    @Test
    void minCostWeighsMissedBuyersAgainstWastedOffers() {
        // missed 1, wasted 1: nobody 2; 0.9 -> 1; 0.8 -> 2; 0.7 -> 1; 0.6 -> 2: tie goes to the higher threshold
        ThresholdChoice even = Thresholds.minCost(Y, S, 1, 1);
        assertThat(even.threshold()).isEqualTo(0.9);
        assertThat(even.value()).isEqualTo(1.0);
        // a missed buyer costs 10: target everyone down to 0.7 (cost 1 wasted offer)
        ThresholdChoice buyersMatter = Thresholds.minCost(Y, S, 10, 1);
        assertThat(buyersMatter.threshold()).isEqualTo(0.7);
        assertThat(buyersMatter.value()).isEqualTo(1.0);
        assertThat(buyersMatter.criterion()).contains("missed buyer 10.0").contains("wasted offer 1.0");
    }

    @Test
    void minCostCanTargetNobody() {
        ThresholdChoice c = Thresholds.minCost(new boolean[] {F, T}, new double[] {0.9, 0.1}, 1, 5);
        assertThat(c.threshold()).isGreaterThan(0.9);
        assertThat(c.value()).isEqualTo(1.0);
        assertThat(c.confusion()).isEqualTo(new ConfusionMatrix(0, 0, 1, 1));
    }

    @Test
    void negativeCostsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.minCost(Y, S, -1, 1));
        assertThat(e.getMessage()).contains("missed buyer").contains("-1.0");
    }

    @Test
    void maxF1NeedsABuyer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.maxF1(new boolean[] {F, F}, new double[] {0.2, 0.3}));
        assertThat(e.getMessage()).contains("at least one buyer");
    }
}
