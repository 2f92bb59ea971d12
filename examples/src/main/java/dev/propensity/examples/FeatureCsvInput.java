package dev.propensity.examples;

import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a feature CSV written by {@code propensity features} back as a table ({@code --format features}). */
final class FeatureCsvInput {
    private FeatureCsvInput() {
    }

    /**
     * Reads the file.
     *
     * @param file the CSV
     * @return the table
     * @throws IOException when reading fails
     */
    static FeatureTable read(Path file) throws IOException {
        return FeatureCsv.read(file);
    }
}
