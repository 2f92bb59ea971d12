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
        assertThat(Trainers.byName("logistic", 1).name()).isEqualTo("logistic");
        assertThat(Trainers.byName(" XGBoost ", 1).name()).isEqualTo("xgboost");
        assertThat(Trainers.byName("random-forest", 1).name()).isEqualTo("random-forest");
        assertThat(Trainers.factory("stack").create(1).name()).isEqualTo("stack");
    }

    @Test
    void unknownNameListsTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainers.byName("svm", 1));
        assertThat(e.getMessage()).contains("unknown model 'svm'").contains("logistic, random-forest, stack, xgboost");
    }

    @Test
    void userTrainerPlugsInByName() {
        long[] seen = new long[1];
        Trainers.register("always-half", seed -> {
            seen[0] = seed;
            return new ConstantTrainer();
        });
        try {
            ModelTrainer t = Trainers.byName("always-half", 77);
            assertThat(seen[0]).as("the factory gets the run's seed").isEqualTo(77);
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
                () -> Trainers.register("logistic", seed -> new ConstantTrainer()));
        assertThat(builtIn.getMessage()).contains("built-in");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Trainers.register("My Model", seed -> new ConstantTrainer()));
        assertThat(bad.getMessage()).contains("'My Model'");
    }

    @Test
    void aFactoryThatMakesNullIsNamed() {
        Trainers.register("makes-null", seed -> null);
        try {
            NullPointerException e = assertThrows(NullPointerException.class, () -> Trainers.byName("makes-null", 1));
            assertThat(e).hasMessage("the trainer registered as 'makes-null' made null");
        } finally {
            Trainers.unregister("makes-null");
        }
    }

    @Test
    void builtInTrainersAreMadeWithTheSeedTheyAreGiven() {
        FeatureTable table = SyntheticTables.mixed(300, 3);
        double[] a = Trainers.byName("random-forest", 5).train(table).predict(table);
        double[] b = Trainers.byName("random-forest", 5).train(table).predict(table);
        double[] c = Trainers.byName("random-forest", 6).train(table).predict(table);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
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
