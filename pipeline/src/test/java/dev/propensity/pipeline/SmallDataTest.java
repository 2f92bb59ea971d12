package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.metrics.EvaluationProtocol;
import org.junit.jupiter.api.Test;

class SmallDataTest {

    @Test
    void aSingleClassOrFewerThanTwoOfAClassHasNoModel() {
        assertThat(SmallData.whyNoModel(1_500, 0)).contains("all 1,500 sessions are without a purchase; a purchase "
                + "model needs both buying and non-buying sessions");
        assertThat(SmallData.whyNoModel(7, 7)).contains("all 7 sessions purchased; a purchase model needs both "
                + "buying and non-buying sessions");
        assertThat(SmallData.whyNoModel(10, 1)).contains("1 purchasing and 9 other sessions; evaluation needs at "
                + "least 2 of each");
        assertThat(SmallData.whyNoModel(10, 9)).contains("9 purchasing and 1 other sessions; evaluation needs at "
                + "least 2 of each");
        assertThat(SmallData.whyNoModel(4, 2)).isEmpty();
    }

    @Test
    void crossValidationGetsAsManyFoldsAsTheRarerClassHasSessionsAtLeastTwo() {
        EvaluationProtocol cv10 = EvaluationProtocol.crossValidation(10, 42);
        assertThat(SmallData.feasible(cv10, 1_000, 150)).isSameAs(cv10);
        assertThat(SmallData.feasible(cv10, 1_000, 10)).isSameAs(cv10);
        assertThat(SmallData.feasible(cv10, 1_000, 4)).isEqualTo(EvaluationProtocol.crossValidation(4, 42));
        assertThat(SmallData.feasible(cv10, 1_000, 997)).isEqualTo(EvaluationProtocol.crossValidation(3, 42));
        assertThat(SmallData.feasible(cv10, 1_000, 1)).isEqualTo(EvaluationProtocol.crossValidation(2, 42));
    }

    @Test
    void holdoutAndTimeSplitsAreLeftAsTheyAre() {
        EvaluationProtocol holdout = EvaluationProtocol.holdout(0.2, 1);
        EvaluationProtocol time = EvaluationProtocol.timeSplit(0.2);
        assertThat(SmallData.feasible(holdout, 100, 3)).isSameAs(holdout);
        assertThat(SmallData.feasible(time, 100, 3)).isSameAs(time);
    }

    @Test
    void inconsistentCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmallData.whyNoModel(5, 6));
        assertThat(e).hasMessage("need 0 <= purchases <= sessions, was purchases=6 sessions=5");
        assertThrows(IllegalArgumentException.class,
                () -> SmallData.feasible(EvaluationProtocol.crossValidation(5, 1), 3, -1));
    }
}
