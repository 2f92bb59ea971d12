package dev.propensity.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EvaluationProtocolTest {

    @Test
    void parsesTheThreeCommandLineForms() {
        assertThat(EvaluationProtocol.parse("cv:10", 42)).isEqualTo(EvaluationProtocol.crossValidation(10, 42));
        assertThat(EvaluationProtocol.parse(" Holdout:0.25 ", 7)).isEqualTo(EvaluationProtocol.holdout(0.25, 7));
        assertThat(EvaluationProtocol.parse("time:0.2", 1)).isEqualTo(EvaluationProtocol.timeSplit(0.2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cv:5", "holdout:0.3", "time:0.2"})
    void codeRoundTrips(String code) {
        assertThat(EvaluationProtocol.parse(code, 3).code()).isEqualTo(code);
    }

    @Test
    void describeNamesTheProtocolAndSeed() {
        assertThat(EvaluationProtocol.crossValidation(5, 42).describe())
                .isEqualTo("stratified 5-fold cross-validation (pooled out-of-fold), seed 42");
        assertThat(EvaluationProtocol.holdout(0.2, 1).describe()).contains("20% test").contains("seed 1");
        assertThat(EvaluationProtocol.timeSplit(0.25).describe()).contains("earliest 75%").contains("latest 25%");
    }

    @Test
    void unknownFormIsRejectedWithTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.parse("kfold:5", 1));
        assertThat(e.getMessage()).contains("'kfold:5'").contains("cv:K, holdout:F or time:F");
    }

    @Test
    void nonNumberIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.parse("cv:five", 1));
        assertThat(e.getMessage()).contains("'five' is not a number");
    }

    @Test
    void outOfRangeArgumentsAreRejected() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> EvaluationProtocol.parse("cv:1", 1));
        assertThat(one.getMessage()).contains("at least 2 folds").contains("1");
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class,
                () -> EvaluationProtocol.parse("holdout:1.0", 1));
        assertThat(whole.getMessage()).contains("(0, 1)").contains("1.0");
    }

    @Test
    void withSeedReseedsRandomProtocolsAndLeavesATimeSplitAsItIs() {
        assertThat(EvaluationProtocol.parse("cv:5", 0).withSeed(42)).isEqualTo(EvaluationProtocol.crossValidation(5, 42));
        assertThat(EvaluationProtocol.parse("holdout:0.2", 0).withSeed(7)).isEqualTo(EvaluationProtocol.holdout(0.2, 7));
        EvaluationProtocol time = EvaluationProtocol.timeSplit(0.25);
        assertThat(time.withSeed(42)).isEqualTo(time).isEqualTo(EvaluationProtocol.parse("time:0.25", 42));
    }
}
