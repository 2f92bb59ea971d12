package dev.propensity.model;

import dev.propensity.features.FeatureTable;

/**
 * Trains a purchase model on labelled feature rows. Implementations are immutable and may be used from several
 * threads; each call to {@link #train(FeatureTable)} is independent and, for a fixed configuration (seed
 * included), gives the same model for the same table.
 *
 * <p>A user's own trainer implements this interface and is registered by name with
 * {@link Trainers#register(String, TrainerFactory)}.
 */
public interface ModelTrainer {

    /** The trainer's name as used on the command line, e.g. {@code logistic}. */
    String name();

    /**
     * Trains a model on every row of a table.
     *
     * @param table the training rows; their labels are the sessions' purchase outcomes
     * @return the trained model, expecting tables of {@code table.schema()}
     * @throws IllegalArgumentException when the table has no rows, a single class, fewer positives than the
     *                                  trainer's minimum, or non-finite values after encoding (naming the feature
     *                                  and the row)
     */
    PurchaseModel train(FeatureTable table);
}
