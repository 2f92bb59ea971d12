package dev.propensity.pipeline;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TrainerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A trainer for tests that works on any table, however small: it scores a session by the logistic of its
 * standardised value in the first column (missing values score 0.5), and refuses tables with fewer purchases than
 * its minimum, as real trainers do.
 */
final class ColumnTrainer implements ModelTrainer {
    static final String NAME = "first-column";
    private final int minPositives;

    private ColumnTrainer(int minPositives) {
        this.minPositives = minPositives;
    }

    /** A factory of trainers that need at least {@code minPositives} purchases in a training table. */
    static TrainerFactory needing(int minPositives) {
        return seed -> new ColumnTrainer(minPositives);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        if (table.positives() < minPositives) {
            throw new IllegalArgumentException(NAME + " needs at least " + minPositives + " purchases, the table has "
                    + table.positives());
        }
        double[] column = table.columnArray(0);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double v : column) {
            if (!Double.isNaN(v)) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double sd = n == 0 ? 1 : Math.sqrt(Math.max(sq / n - mean * mean, 1e-12));
        ModelCard card = ModelCard.trained(NAME, Map.of(), table.rows(), table.positives(), 0L, 0.0);
        return new Model(table.schema(), mean, sd, card);
    }

    /** The logistic of the standardised first column. */
    private record Model(FeatureSchema schema, double mean, double sd, ModelCard card) implements PurchaseModel {
        Model {
            Objects.requireNonNull(schema, "schema");
        }

        @Override
        public double[] predict(FeatureTable table) {
            schema.requireCompatible(table.schema());
            double[] column = table.column(schema.names().get(0));
            double[] p = new double[column.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = score(column[i]);
            }
            return p;
        }

        @Override
        public double probability(double[] rawRow) {
            return score(rawRow[0]);
        }

        private double score(double v) {
            return Double.isNaN(v) ? 0.5 : 1 / (1 + Math.exp(-(v - mean) / sd));
        }

        @Override
        public PurchaseModel withCard(ModelCard newCard) {
            return new Model(schema, mean, sd, newCard);
        }

        @Override
        public void save(Path file) throws IOException {
            Files.writeString(file, NAME + " mean=" + mean + " sd=" + sd + "\n", StandardCharsets.UTF_8);
        }
    }
}
