package dev.propensity.model;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model that gives each session its probability of ending in a purchase. Immutable and thread-safe.
 * Models that can explain their predictions also implement a capability interface such as
 * {@link LinearExplainable}.
 */
public interface PurchaseModel {

    /** The raw features this model expects, in the order {@link #probability(double[])} takes them. */
    FeatureSchema schema();

    /**
     * The purchase probability of every row of a table. The table's columns are matched by feature name, so their
     * order does not matter, but the set of features must equal {@link #schema()}.
     *
     * @param table the sessions to score
     * @return one probability in [0, 1] per row, in row order
     * @throws IllegalArgumentException when the table's schema does not match, naming the missing and extra
     *                                  features
     */
    double[] predict(FeatureTable table);

    /**
     * The purchase probability of one session.
     *
     * @param rawRow the raw feature values in {@link #schema()} order; categorical values are level codes of the
     *               schema's levels, {@code NaN} for missing
     * @return the probability in [0, 1]
     * @throws IllegalArgumentException when the row's length differs from the schema's size
     */
    double probability(double[] rawRow);

    /** What this model is, how it was trained and, when known, how well it did. */
    ModelCard card();

    /**
     * This model with another card, e.g. one that records evaluation figures.
     *
     * @param card the new card
     * @return a model that predicts the same and carries {@code card}
     */
    PurchaseModel withCard(ModelCard card);

    /**
     * Writes this model to one file that {@link PurchaseModels#load(Path)} reads back.
     *
     * @param file the file to write (replaced when it exists)
     * @throws IOException when writing fails
     */
    void save(Path file) throws IOException;
}
