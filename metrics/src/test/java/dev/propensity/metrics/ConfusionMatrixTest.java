package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfusionMatrixTest {

    @Test
    void ratiosFollowTheirDefinitions() {
        ConfusionMatrix cm = new ConfusionMatrix(2, 1, 3, 1);
        assertThat(cm.n()).isEqualTo(7);
        assertThat(cm.accuracy()).isEqualTo(5.0 / 7);
        assertThat(cm.precision()).isEqualTo(2.0 / 3);
        assertThat(cm.recall()).isEqualTo(2.0 / 3);
        assertThat(cm.falsePositiveRate()).isEqualTo(1.0 / 4);
        assertThat(cm.specificity()).isEqualTo(3.0 / 4);
        assertThat(cm.f1()).isCloseTo(2.0 / 3, within(1e-15));
        // (2*3 - 1*1) / sqrt(3 * 3 * 4 * 4) = 5/12
        assertThat(cm.mcc()).isCloseTo(5.0 / 12, within(1e-15));
    }

    @Test
    void zeroDenominatorsGiveZeroAsScikitLearnDoes() {
        ConfusionMatrix none = new ConfusionMatrix(0, 0, 5, 3);
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
        assertThat(none.mcc()).isZero();
        ConfusionMatrix empty = new ConfusionMatrix(0, 0, 0, 0);
        assertThat(empty.accuracy()).isZero();
    }

    @Test
    void perfectAndInvertedPredictionsGiveMccOneAndMinusOne() {
        assertThat(new ConfusionMatrix(4, 0, 6, 0).mcc()).isCloseTo(1, within(1e-15));
        assertThat(new ConfusionMatrix(0, 6, 0, 4).mcc()).isCloseTo(-1, within(1e-15));
    }

    @Test
    void negativeCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(1, -1, 0, 0));
        assertThat(e.getMessage()).contains(">= 0").contains("fp=-1");
    }

    @Test
    void toStringShowsATwoByTwoTable() {
        assertThat(new ConfusionMatrix(12, 3, 40, 5).toString()).contains("actual buy").contains("12").contains("40");
    }
}
