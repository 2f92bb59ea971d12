package dev.propensity.examples;

import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a feature CSV written by {@code propensity features} back as a table ({@code --format features}), through
 * the features module's {@link FeatureCsv#read(Path)}. Such a table carries ids and labels only, so the dashboard
 * has no hour, duration, attribute breakdowns or funnel for it.
 */
final class FeatureCsvInput {
    private FeatureCsvInput() {
    }

    /**
     * Reads the file.
     *
     * @param file the CSV
     * @return the table
     * @throws IOException when reading fails
     * @throws dev.propensity.core.io.InputException naming the file and line of a bad row
     */
    static FeatureTable read(Path file) throws IOException {
        return FeatureCsv.read(file);
    }
}
