package dev.propensity.model;

import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes saved tree-model fixtures ({@code xgboost-vN.zip}, {@code random-forest-vN.zip}) and the probabilities each
 * must reproduce, so that later versions of the library are checked to load and score them the same. The committed
 * ones were written by the library before XGBoost trained from float columns and before {@code random-forest}
 * became XGBoost's forest mode (a Tribuo CART forest), from the repository root:
 * <pre>
 * java -cp "$CP" dev.propensity.model.TreeFixtureWriterMain model/src/test/resources/dev/propensity/model
 * </pre>
 */
public final class TreeFixtureWriterMain {
    private TreeFixtureWriterMain() {
    }

    /**
     * Writes the two model files and their expected probabilities on {@link FixtureWriterMain#table()}.
     *
     * @param args the output folder
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int v = PurchaseModels.FORMAT_VERSION;
        FeatureTable t = FixtureWriterMain.table();
        write(dir, "xgboost-v" + v, Trainers.xgboost(XGBoostConfig.defaults().withRounds(30)).train(t), t);
        write(dir, "random-forest-v" + v, Trainers.randomForest(TreeConfig.defaults().withTrees(8).withMaxDepth(5))
                .train(t), t);
    }

    private static void write(Path dir, String name, PurchaseModel m, FeatureTable t) throws IOException {
        m.save(dir.resolve(name + ".zip"));
        double[] p = m.predict(t);
        StringBuilder sb = new StringBuilder("row,probability\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", p[i])).append('\n');
        }
        Files.writeString(dir.resolve(name + "-expected.csv"), sb.toString());
    }
}
