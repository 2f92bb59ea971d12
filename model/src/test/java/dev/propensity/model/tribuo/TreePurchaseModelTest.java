package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreePurchaseModelTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(2500, 4);

    @Test
    void xgboostScoredDirectlyGivesTribuosProbabilities() {
        TreePurchaseModel m = (TreePurchaseModel) Trainers.xgboost(XGBoostConfig.defaults().withRounds(40))
                .train(MIXED);
        assertDirectScoresAreTribuos(m);
    }

    @Test
    void aRandomForestScoredDirectlyGivesTribuosProbabilities() {
        TreePurchaseModel m = (TreePurchaseModel) Trainers.randomForest(TreeConfig.defaults().withTrees(25))
                .train(MIXED);
        assertDirectScoresAreTribuos(m);
    }

    private static void assertDirectScoresAreTribuos(TreePurchaseModel m) {
        assertThat(m.scoresDirectly()).isTrue();
        double[] direct = m.predict(MIXED);
        double[] tribuo = m.predictThroughTribuo(MIXED);
        assertThat(direct).containsExactly(tribuo);
        double[] raw = new double[MIXED.columnCount()];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < raw.length; j++) {
                raw[j] = MIXED.columnArray(j)[i];
            }
            assertThat(m.probability(raw)).isEqualTo(tribuo[i]);
        }
        double min = 1;
        double max = 0;
        for (double p : direct) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(max - min).as("the scores vary").isGreaterThan(0.5);
    }

    @Test
    void aLoadedXgboostModelScoresAsTheOneSaved(@TempDir Path dir) throws IOException {
        PurchaseModel m = Trainers.xgboost(XGBoostConfig.defaults().withRounds(20)).train(MIXED);
        Path file = dir.resolve("x.model");
        m.save(file);
        PurchaseModel back = PurchaseModels.load(file);
        assertThat(back.predict(MIXED)).containsExactly(m.predict(MIXED));
        assertThat(((TreePurchaseModel) back).predictThroughTribuo(MIXED)).containsExactly(m.predict(MIXED));
    }

    @Test
    void aLoadedRandomForestScoresAsTheOneSaved(@TempDir Path dir) throws IOException {
        PurchaseModel m = Trainers.randomForest(TreeConfig.defaults().withTrees(8)).train(MIXED);
        Path file = dir.resolve("f.model");
        m.save(file);
        TreePurchaseModel back = (TreePurchaseModel) PurchaseModels.load(file);
        assertThat(back.scoresDirectly()).isTrue();
        assertThat(back.predict(MIXED)).containsExactly(m.predict(MIXED));
        assertThat(back.predictThroughTribuo(MIXED)).containsExactly(m.predict(MIXED));
    }
}
