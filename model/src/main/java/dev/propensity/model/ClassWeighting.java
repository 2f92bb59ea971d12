package dev.propensity.model;

/** How a trainer weights the two classes, for data where purchases are rare. */
public enum ClassWeighting {
    /** Every row counts once: probabilities stay calibrated to the base rate. */
    NONE,
    /**
     * Each class gets the same total weight ({@code n / (2 n_class)} per row, as scikit-learn's "balanced"):
     * ranking is often a little better on rare positives, but probabilities are no longer calibrated.
     */
    BALANCED;

    /**
     * The per-row weights of the positive and negative class.
     *
     * @param rows      the number of rows
     * @param positives the number of positive rows, in [1, rows - 1]
     * @return {positive weight, negative weight}
     */
    public double[] weights(int rows, int positives) {
        if (this == NONE) {
            return new double[] {1.0, 1.0};
        }
        return new double[] {rows / (2.0 * positives), rows / (2.0 * (rows - positives))};
    }
}
