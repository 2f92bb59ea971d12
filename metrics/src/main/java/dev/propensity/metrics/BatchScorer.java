package dev.propensity.metrics;

/**
 * A fitted model seen as a function from feature columns to purchase scores, so that metrics can measure
 * permutation importance without depending on the model module.
 */
@FunctionalInterface
public interface BatchScorer {
    /**
     * Scores every row.
     *
     * @param columns feature columns, {@code columns[j][row]}, all of the same length; must not be modified
     * @return one finite score per row
     */
    double[] score(double[][] columns);
}
