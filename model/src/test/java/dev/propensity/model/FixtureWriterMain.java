package dev.propensity.model;

import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the saved-model fixture of the current format version and the probabilities it must reproduce. Run once
 * per new format version (from the repository root), then commit the two files:
 * <pre>
 * java -cp "$CP" dev.propensity.model.FixtureWriterMain model/src/test/resources/dev/propensity/model
 * </pre>
 */
public final class FixtureWriterMain {
    private FixtureWriterMain() {
    }

    /** The table the fixture was trained on and is checked against. */
    static FeatureTable table() {
        return SyntheticTables.mixed(600, 99);
    }

    /**
     * Writes {@code logistic-vN.zip} and {@code logistic-vN-expected.csv}.
     *
     * @param args the output folder
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int v = PurchaseModels.FORMAT_VERSION;
        FeatureTable t = table();
        PurchaseModel m = Trainers.logisticRegression().train(t);
        m.save(dir.resolve("logistic-v" + v + ".zip"));
        double[] p = m.predict(t);
        StringBuilder sb = new StringBuilder("row,probability\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(',').append(String.format(Locale.ROOT, "%.17g", p[i])).append('\n');
        }
        Files.writeString(dir.resolve("logistic-v" + v + "-expected.csv"), sb.toString());
    }
}
