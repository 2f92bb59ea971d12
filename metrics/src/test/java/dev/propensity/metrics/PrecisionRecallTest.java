package dev.propensity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Precision and recall on a confusion matrix whose fp and fn differ, so that swapping them is caught. */
class PrecisionRecallTest {
    @Test
    void precisionAndRecallAreNotInterchangeable() {
        // tp 3, fp 1, tn 4, fn 2 at threshold 0.5
        boolean[] y = {true, true, true, false, false, false, false, false, true, true};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.45, 0.35};
        ConfusionMatrix m = ClassificationMetrics.confusion(y, p, 0.5);
        assertThat(m).isEqualTo(new ConfusionMatrix(3, 1, 4, 2));
        assertThat(m.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(m.recall()).isCloseTo(0.6, within(1e-12));
        assertThat(m.f1()).isCloseTo(2 * 0.75 * 0.6 / (0.75 + 0.6), within(1e-12));
        assertThat(m.specificity()).isCloseTo(0.8, within(1e-12));
        assertThat(m.falsePositiveRate()).isCloseTo(0.2, within(1e-12));
        assertThat(m.accuracy()).isCloseTo(0.7, within(1e-12));
    }
}
