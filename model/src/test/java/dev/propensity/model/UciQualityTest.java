package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the real UCI Online Shoppers table (skipped when {@code ../shared/data} is absent):
 * stratified 10-fold cross-validation, seed 42, pooled out-of-fold ROC AUC.
 */
class UciQualityTest {
    private static final EvaluationProtocol CV10 = EvaluationProtocol.crossValidation(10, 42);

    private static FeatureTable uci() throws IOException {
        Path csv = SharedData.file("uci/online_shoppers_intention.csv");
        return SharedData.uci(csv);
    }

    @Test
    void logisticRegressionBeatsTheScikitLearnPeer() throws IOException {
        FeatureTable t = uci();
        Evaluation e = Evaluation.run(Trainers.logisticRegression(), t, CV10, false);
        // scikit-learn's logistic regression with log1p and one-hot reaches 0.916; the goal is above 0.925
        assertThat(e.rocAuc()).isGreaterThan(0.925);
        assertThat(e.model().card().config()).containsEntry("gateFeature", "PageValues");
    }

    @Test
    @Tag("integration")
    void xgboostStaysAboveItsFloor() throws IOException {
        FeatureTable t = uci();
        Evaluation e = Evaluation.run(Trainers.xgboost(XGBoostConfig.defaults()), t, CV10, false);
        // measured 0.9348 (scikit-learn XGBoost 0.9342); the published 0.937 is not reached
        assertThat(e.rocAuc()).isGreaterThan(0.930);
    }
}
