package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainersTest {

    @Test
    void builtInNamesGiveTrainersOfThatName() {
        assertThat(Trainers.names()).contains("logistic", "xgboost", "random-forest", "stack");
        assertThat(Trainers.byName("logistic").name()).isEqualTo("logistic");
        assertThat(Trainers.byName("XGBoost").name()).isEqualTo("xgboost");
        assertThat(Trainers.byName("random-forest").name()).isEqualTo("random-forest");
    }

    @Test
    void unknownNameListsTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainers.byName("svm"));
        assertThat(e.getMessage()).contains("unknown model 'svm'").contains("logistic, random-forest, stack, xgboost");
    }

    @Test
    void userTrainerPlugsInByName() {
        Trainers.register("always-half", ConstantTrainer::new);
        try {
            ModelTrainer t = Trainers.byName("always-half");
            FeatureTable table = SyntheticTables.mixed(200, 1);
            PurchaseModel m = t.train(table);
            assertThat(m.predict(table)).containsOnly(0.5);
            assertThat(Trainers.names()).contains("always-half");
        } finally {
            assertThat(Trainers.unregister("always-half")).isTrue();
        }
        assertThat(Trainers.names()).doesNotContain("always-half");
    }

    @Test
    void builtInNamesCannotBeReplacedAndNamesAreChecked() {
        IllegalArgumentException builtIn = assertThrows(IllegalArgumentException.class,
                () -> Trainers.register("logistic", ConstantTrainer::new));
        assertThat(builtIn.getMessage()).contains("built-in");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Trainers.register("My Model", ConstantTrainer::new));
        assertThat(bad.getMessage()).contains("'My Model'");
    }

    /** A user's trainer: predicts 0.5 for everyone. */
    private static final class ConstantTrainer implements ModelTrainer {
        @Override
        public String name() {
            return "always-half";
        }

        @Override
        public PurchaseModel train(FeatureTable table) {
            FeatureSchema schema = table.schema();
            ModelCard card = ModelCard.trained(name(), java.util.Map.of(), table.rows(), table.positives(), 0, 0);
            return new PurchaseModel() {
                @Override
                public FeatureSchema schema() {
                    return schema;
                }

                @Override
                public double[] predict(FeatureTable t) {
                    schema.requireCompatible(t.schema());
                    double[] p = new double[t.rows()];
                    java.util.Arrays.fill(p, 0.5);
                    return p;
                }

                @Override
                public double probability(double[] rawRow) {
                    return 0.5;
                }

                @Override
                public ModelCard card() {
                    return card;
                }

                @Override
                public PurchaseModel withCard(ModelCard c) {
                    return this;
                }

                @Override
                public void save(Path file) throws IOException {
                    throw new IOException("not saved");
                }
            };
        }
    }
}
