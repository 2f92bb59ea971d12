package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Splits;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(3000, 8);

    @Test
    void crossValidationPredictsEveryRowOutOfFold() {
        Evaluation e = Evaluation.run(Trainers.logisticRegression(), MIXED, EvaluationProtocol.crossValidation(5, 42));
        assertThat(e.folds()).containsOnly(0, 1, 2, 3, 4);
        for (double p : e.probabilities()) {
            assertThat(p).isBetween(0.0, 1.0);
        }
        assertThat(e.result().foldRocAuc()).hasSize(5);
        assertThat(e.rocAuc()).isGreaterThan(0.75);
        assertThat(e.foldSeconds()).hasSize(5);
        assertThat(e.model().card().trainingRows()).isEqualTo(MIXED.rows());
        assertThat(e.model().card().evaluation()).containsKey("rocAuc");
        assertThat(e.model().card().evaluationProtocol()).contains("5-fold");
    }

    @Test
    void outOfFoldFiguresAreBelowTheTrainingFit() {
        Evaluation e = Evaluation.run(Trainers.logisticRegression(), MIXED, EvaluationProtocol.crossValidation(5, 1));
        double inSample = dev.propensity.metrics.ClassificationMetrics.rocAuc(MIXED.labels(),
                e.model().predict(MIXED));
        assertThat(e.rocAuc()).isLessThanOrEqualTo(inSample);
    }

    @Test
    void foldsTrainedTwoAtATimeGiveWhatOneAtATimeGives() {
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(5, 3);
        for (ModelTrainer t : new ModelTrainer[] {Trainers.logisticRegression(),
                Trainers.xgboost(XGBoostConfig.defaults().withRounds(30))}) {
            Evaluation serial = Evaluation.run(t, MIXED, cv, true, dev.propensity.core.Workers.callerOnly(), 1);
            Evaluation parallel = Evaluation.run(t, MIXED, cv, true, dev.propensity.core.Workers.defaults(), 2);
            assertThat(parallel.probabilities()).as(t.name()).containsExactly(serial.probabilities());
            assertThat(parallel.model().predict(MIXED)).as(t.name()).containsExactly(serial.model().predict(MIXED));
            assertThat(parallel.model().card().trainingRows()).isEqualTo(MIXED.rows());
        }
    }

    @Test
    void aFailingFoldIsReportedAsTheFirstFailureInFoldOrder() {
        java.util.List<Integer> sizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ModelTrainer failing = new ModelTrainer() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public PurchaseModel train(dev.propensity.features.FeatureTable table) {
                sizes.add(table.rows());
                throw new IllegalArgumentException("cannot train on " + table.rows() + " rows");
            }
        };
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(5, 3);
        for (int atOnce : new int[] {1, 2}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Evaluation.run(failing, MIXED, cv, true, dev.propensity.core.Workers.defaults(), atOnce));
            assertThat(e.getMessage()).startsWith("fold 0 of " + cv.describe() + ": cannot train on");
        }
    }

    @Test
    void sameSeedGivesTheSameEvaluation() {
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(3, 9);
        Evaluation a = Evaluation.run(Trainers.logisticRegression(), MIXED, cv, false);
        Evaluation b = Evaluation.run(Trainers.logisticRegression(), MIXED, cv, false);
        assertThat(a.probabilities()).isEqualTo(b.probabilities());
        assertThat(a.folds()).isEqualTo(b.folds());
    }

    @Test
    void holdoutLeavesTrainingRowsUnscored() {
        Evaluation e = Evaluation.run(Trainers.logisticRegression(), MIXED, EvaluationProtocol.holdout(0.25, 3));
        int[] folds = e.folds();
        double[] p = e.probabilities();
        int tested = 0;
        for (int i = 0; i < p.length; i++) {
            if (folds[i] == Splits.TRAIN_ONLY) {
                assertThat(p[i]).isNaN();
            } else {
                assertThat(p[i]).isBetween(0.0, 1.0);
                tested++;
            }
        }
        assertThat(tested).isBetween(700, 800);
        assertThat(e.result().foldRocAuc()).hasSize(1);
    }
}
