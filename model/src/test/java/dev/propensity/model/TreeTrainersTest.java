package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationMetrics;
import org.junit.jupiter.api.Test;

class TreeTrainersTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(3000, 13);

    @Test
    void xgboostLearnsTheSignalDeterministically() {
        ModelTrainer t = Trainers.xgboost(XGBoostConfig.defaults().withRounds(60));
        PurchaseModel m = t.train(MIXED);
        double[] p = m.predict(MIXED);
        for (double v : p) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.75);
        assertThat(java.util.Arrays.equals(t.train(MIXED).predict(MIXED), p)).as("same predictions").isTrue();
        assertThat(m.probability(MIXED.row(5))).isEqualTo(p[5]);
    }

    @Test
    void randomForestLearnsTheSignalDeterministically() {
        ModelTrainer t = Trainers.randomForest(TreeConfig.defaults().withTrees(20).withMaxDepth(8));
        PurchaseModel m = t.train(MIXED);
        double[] p = m.predict(MIXED);
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.75);
        assertThat(java.util.Arrays.equals(t.train(MIXED).predict(MIXED), p)).as("same predictions").isTrue();
    }

    @Test
    void aForestOfAnySizeIsTheSameForTheSameSeed() {
        for (int trees : new int[] {1, 3, 10}) {
            ModelTrainer t = Trainers.randomForest(TreeConfig.defaults().withTrees(trees).withMaxDepth(6));
            double[] p = t.train(MIXED).predict(MIXED);
            assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).as(trees + " trees").isGreaterThan(0.7);
            assertThat(t.train(MIXED).predict(MIXED)).as(trees + " trees").containsExactly(p);
        }
        PurchaseModel a = Trainers.randomForest(TreeConfig.defaults().withTrees(8).withSeed(1)).train(MIXED);
        PurchaseModel b = Trainers.randomForest(TreeConfig.defaults().withTrees(8).withSeed(2)).train(MIXED);
        assertThat(java.util.Arrays.equals(a.predict(MIXED), b.predict(MIXED))).as("another seed").isFalse();
    }

    @Test
    void treeTrainersTrainOnRowsInPlaceAsOnTheirCopy() {
        int[] rows = java.util.stream.IntStream.range(0, MIXED.rows()).filter(i -> i % 3 != 1).toArray();
        FeatureTable copy = MIXED.select(rows);
        for (ModelTrainer t : new ModelTrainer[] {Trainers.xgboost(XGBoostConfig.defaults().withRounds(20)),
                Trainers.randomForest(TreeConfig.defaults().withTrees(10).withMaxDepth(6)),
                Trainers.stack(StackConfig.defaults().withInnerFolds(2)
                        .withXGBoost(XGBoostConfig.defaults().withRounds(10)))}) {
            PurchaseModel inPlace = t.train(MIXED, rows);
            assertThat(inPlace.card().trainingRows()).as(t.name()).isEqualTo(rows.length);
            assertThat(inPlace.predict(MIXED)).as(t.name()).containsExactly(t.train(copy).predict(MIXED));
        }
    }

    @Test
    void treeTrainersRefuseASingleClass() {
        FeatureTable nonBuyers = MIXED.select(LogisticTrainerTest.rowsWithLabel(MIXED, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.xgboost(XGBoostConfig.defaults()).train(nonBuyers));
        assertThat(e.getMessage()).startsWith("xgboost:").contains("non-purchases");
    }

    @Test
    void configsRejectBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XGBoostConfig.defaults().withEta(0));
        assertThat(e.getMessage()).isEqualTo("eta must be in (0, 1], was 0.0");
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> TreeConfig.defaults().withFeatureFraction(1.5));
        assertThat(f.getMessage()).isEqualTo("featureFraction must be in (0, 1], was 1.5");
    }
}
