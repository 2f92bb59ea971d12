package dev.propensity.examples;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A user's own {@link ModelTrainer}, registered by name and used by the dashboard like the built-in ones: a
 * rule that predicts the smoothed purchase rate of sessions with the same number of add-to-carts (0, 1, 2, 3+).
 * A baseline every shop understands, to set the logistic regression against.
 *
 * <p>Run: {@code java ... dev.propensity.examples.CustomTrainer [OUT_DIR]}; afterwards
 * {@code propensity dashboard --model cart-rule} would work too in a program that registered it.
 */
public final class CustomTrainer {
    /** The name the trainer is registered under. */
    public static final String NAME = "cart-rule";
    /** The feature the rule groups sessions by. */
    public static final String FEATURE = "cart_adds";

    private CustomTrainer() {
    }

    /** Groups sessions by add-to-cart count and learns each group's purchase rate. */
    public static final class CartRuleTrainer implements ModelTrainer {
        /** Creates the trainer. */
        public CartRuleTrainer() {
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PurchaseModel train(FeatureTable table) {
            long t0 = System.nanoTime();
            int column = table.schema().indexOf(FEATURE);
            if (column < 0) {
                throw new IllegalArgumentException(NAME + " needs the feature " + FEATURE + ", the table has "
                        + table.schema().names());
            }
            if (table.rows() == 0) {
                throw new IllegalArgumentException(NAME + " needs at least one row, the table has none");
            }
            double[] sessions = new double[4];
            double[] purchases = new double[4];
            for (int i = 0; i < table.rows(); i++) {
                int g = CartRuleModel.group(table.value(i, column));
                sessions[g]++;
                purchases[g] += table.label(i) ? 1 : 0;
            }
            double prior = (double) table.positives() / table.rows();
            double[] rates = new double[4];
            for (int g = 0; g < 4; g++) {
                rates[g] = (purchases[g] + 2 * prior) / (sessions[g] + 2); // shrunk towards the overall rate
            }
            ModelCard card = ModelCard.trained(NAME, Map.of("groups", "0,1,2,3+", "smoothing", "2 sessions"),
                    table.rows(), table.positives(), 0L, (System.nanoTime() - t0) / 1e9);
            return new CartRuleModel(table.schema(), rates, card);
        }
    }

    /** The learnt rates by add-to-cart group. */
    static final class CartRuleModel implements PurchaseModel {
        private final FeatureSchema schema;
        private final double[] rates;
        private final ModelCard card;

        CartRuleModel(FeatureSchema schema, double[] rates, ModelCard card) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.rates = rates.clone();
            this.card = Objects.requireNonNull(card, "card");
        }

        static int group(double cartAdds) {
            return Double.isNaN(cartAdds) ? 0 : (int) Math.min(3, Math.max(0, cartAdds));
        }

        @Override
        public FeatureSchema schema() {
            return schema;
        }

        @Override
        public double[] predict(FeatureTable table) {
            schema.requireCompatible(table.schema());
            double[] column = table.columnArray(table.schema().indexOf(FEATURE));
            double[] p = new double[table.rows()];
            for (int i = 0; i < p.length; i++) {
                p[i] = rates[group(column[i])];
            }
            return p;
        }

        @Override
        public double probability(double[] rawRow) {
            if (rawRow.length != schema.size()) {
                throw new IllegalArgumentException("row has " + rawRow.length + " values, the schema " + schema.size());
            }
            return rates[group(rawRow[schema.indexOf(FEATURE)])];
        }

        @Override
        public ModelCard card() {
            return card;
        }

        @Override
        public PurchaseModel withCard(ModelCard newCard) {
            return new CartRuleModel(schema, rates, newCard);
        }

        /** Writes the rates as text (this format is the example's own; {@code PurchaseModels.load} does not read it). */
        @Override
        public void save(Path file) throws IOException {
            Files.writeString(file, NAME + " rates by add-to-cart count 0,1,2,3+: " + Arrays.toString(rates) + "\n",
                    StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CartRuleModel[p(buy | 0, 1, 2, 3+ carts) = %.3f, %.3f, %.3f, %.3f]",
                    rates[0], rates[1], rates[2], rates[3]);
        }
    }

    /**
     * Registers the trainer as {@value #NAME} and runs the dashboard on simulated sessions with it, by name as the
     * command's {@code --model} would.
     *
     * @param out the output directory
     * @return what was written, with the report
     * @throws IOException when writing fails
     */
    public static OutputWriter.Written run(Path out) throws IOException {
        Trainers.register(NAME, seed -> new CartRuleTrainer());
        OutputWriter writer = OutputWriter.into(out);
        return writer.write(DashboardPipeline.builder(InputSource.simulated(5_000, 42))
                .trainer(Trainers.factory(NAME))
                .build()
                .run());
    }

    /**
     * Runs the example.
     *
     * @param args optional: the output directory
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Path.of("propensity-out", "custom-trainer");
        Summary.print(Examples.stdout(), run(out));
    }
}
