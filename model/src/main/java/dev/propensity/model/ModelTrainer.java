package dev.propensity.model;

import dev.propensity.core.Workers;
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

    /**
     * Trains a model on some rows of a table (a fold's training rows): the same model as
     * {@code train(table.select(rows))}. The default does exactly that; a trainer that can read the rows in place
     * overrides it to save the copy.
     *
     * @param table the table
     * @param rows  the training rows, each in {@code [0, table.rows())}
     * @return the trained model, expecting tables of {@code table.schema()}
     * @throws IllegalArgumentException as {@link #train(FeatureTable)} does
     */
    default PurchaseModel train(FeatureTable table, int[] rows) {
        return train(table.select(rows));
    }

    /**
     * This trainer running its parallel work on the given workers (the same models as on any other workers). The
     * default returns this trainer unchanged: a trainer without parallel work of its own needs no workers.
     *
     * @param workers where the trainer's parallel work runs
     * @return a trainer with the same configuration on those workers
     */
    default ModelTrainer withWorkers(Workers workers) {
        java.util.Objects.requireNonNull(workers, "workers");
        return this;
    }
}
