package dev.propensity.pipeline;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.Evaluation;
import java.util.Arrays;
import java.util.Objects;

/**
 * The out-of-sample predictions of the evaluated sessions, what {@code predictions.csv} holds: every session under
 * cross-validation (out of fold), the test sessions under holdout and time splits, in table order.
 *
 * @param ids           session ids
 * @param labels        true for a purchase, row for row
 * @param probabilities purchase probabilities in [0, 1], row for row
 * @param folds         the 0-based fold each session was tested in (0 for holdout and time splits), row for row
 */
public record Predictions(String[] ids, boolean[] labels, double[] probabilities, int[] folds) {

    /** Validates the lengths and copies the arrays. */
    public Predictions {
        int n = ids.length;
        if (labels.length != n || probabilities.length != n || folds.length != n) {
            throw new IllegalArgumentException("ids, labels, probabilities and folds differ in length: " + n + ", "
                    + labels.length + ", " + probabilities.length + ", " + folds.length);
        }
        ids = ids.clone();
        labels = labels.clone();
        probabilities = probabilities.clone();
        folds = folds.clone();
    }

    /** No predictions (a run without a model). */
    public static Predictions none() {
        return new Predictions(new String[0], new boolean[0], new double[0], new int[0]);
    }

    /**
     * The tested rows of an evaluation.
     *
     * @param table      the evaluated table
     * @param evaluation its evaluation, or {@code null} for none
     * @return the predictions of the tested rows, in table order
     */
    public static Predictions of(FeatureTable table, Evaluation evaluation) {
        Objects.requireNonNull(table, "table");
        if (evaluation == null) {
            return none();
        }
        int[] folds = evaluation.folds();
        double[] p = evaluation.probabilities();
        int[] tested = testedRows(folds);
        String[] ids = new String[tested.length];
        boolean[] labels = new boolean[tested.length];
        double[] probs = new double[tested.length];
        int[] testFolds = new int[tested.length];
        for (int i = 0; i < tested.length; i++) {
            int r = tested[i];
            ids[i] = table.id(r);
            labels[i] = table.label(r);
            probs[i] = p[r];
            testFolds[i] = folds[r];
        }
        return new Predictions(ids, labels, probs, testFolds);
    }

    /** The rows that were tested in some fold, ascending. */
    private static int[] testedRows(int[] folds) {
        return java.util.stream.IntStream.range(0, folds.length).filter(i -> folds[i] >= 0).toArray();
    }

    /** How many sessions were evaluated. */
    public int size() {
        return ids.length;
    }

    /** The session ids (a copy). */
    @Override
    public String[] ids() {
        return ids.clone();
    }

    /** The labels (a copy). */
    @Override
    public boolean[] labels() {
        return labels.clone();
    }

    /** The probabilities (a copy). */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The folds (a copy). */
    @Override
    public int[] folds() {
        return folds.clone();
    }

    /** The id of row {@code i}. */
    String id(int i) {
        return ids[i];
    }

    /** The label of row {@code i}. */
    boolean label(int i) {
        return labels[i];
    }

    /** The probability of row {@code i}. */
    double probability(int i) {
        return probabilities[i];
    }

    /** The fold of row {@code i}. */
    int fold(int i) {
        return folds[i];
    }

    /** Equal when every array is, by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && Arrays.equals(ids, p.ids) && Arrays.equals(labels, p.labels)
                && Arrays.equals(probabilities, p.probabilities) && Arrays.equals(folds, p.folds);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), Arrays.hashCode(labels), Arrays.hashCode(probabilities),
                Arrays.hashCode(folds));
    }

    /** E.g. {@code Predictions[3000 sessions]}. */
    @Override
    public String toString() {
        return "Predictions[" + ids.length + " sessions]";
    }
}
