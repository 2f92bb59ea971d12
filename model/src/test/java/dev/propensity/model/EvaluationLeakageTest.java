package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fold must never train on its own test rows. A memorising trainer knows the label of every session it trained
 * on and says 0.5 for any other: out of fold it can only say 0.5 (AUC exactly 0.5); trained on its test rows, it
 * would be perfect (AUC 1).
 */
class EvaluationLeakageTest {
    private static final FeatureTable TABLE = SyntheticTables.mixed(1200, 4);

    /** Remembers each training session's label by id. */
    static final class Memorising implements ModelTrainer {
        @Override
        public String name() {
            return "memorising";
        }

        @Override
        public PurchaseModel train(FeatureTable table) {
            Map<String, Boolean> seen = new HashMap<>();
            for (int i = 0; i < table.rows(); i++) {
                seen.put(table.id(i), table.label(i));
            }
            return new Memory(table.schema(), seen, card(table));
        }

        private static ModelCard card(FeatureTable t) {
            return new ModelCard("test", "memorising", Map.of(), t.rows(), t.positives(), 0, Instant.EPOCH, 0, "",
                    Map.of());
        }
    }

    record Memory(FeatureSchema schema, Map<String, Boolean> seen, ModelCard card) implements PurchaseModel {
        @Override
        public double[] predict(FeatureTable table) {
            double[] p = new double[table.rows()];
            for (int i = 0; i < p.length; i++) {
                Boolean y = seen.get(table.id(i));
                p[i] = y == null ? 0.5 : y ? 1 : 0;
            }
            return p;
        }

        @Override
        public double probability(double[] rawRow) {
            return 0.5;
        }

        @Override
        public PurchaseModel withCard(ModelCard newCard) {
            return new Memory(schema, seen, newCard);
        }

        @Override
        public void save(Path file) {
            throw new UnsupportedOperationException("not saved");
        }
    }

    @Test
    void noFoldSeesItsTestRows() {
        for (EvaluationProtocol protocol : new EvaluationProtocol[] {EvaluationProtocol.crossValidation(5, 3),
                EvaluationProtocol.holdout(0.3, 3)}) {
            for (boolean parallel : new boolean[] {false, true}) {
                Evaluation e = Evaluation.run(new Memorising(), TABLE, protocol, parallel);
                assertThat(e.rocAuc()).as(protocol.describe()).isCloseTo(0.5, within(1e-12));
                for (double p : e.probabilities()) {
                    assertThat(Double.isNaN(p) || p == 0.5).as(protocol.describe()).isTrue();
                }
            }
        }
        // the final model, trained on every row, does remember them: the trainer itself works
        Evaluation e = Evaluation.run(new Memorising(), TABLE, EvaluationProtocol.crossValidation(3, 1));
        assertThat(dev.propensity.metrics.ClassificationMetrics.rocAuc(TABLE.labels(), e.model().predict(TABLE)))
                .isEqualTo(1.0);
    }
}
