package dev.propensity.metrics;

import dev.propensity.core.Workers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Permutation importance for any model: the drop in ROC AUC when one feature column is shuffled (breaking its link
 * with the label while keeping its distribution), repeated with different seeds. Measure it on held-out rows.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /**
     * Permutation importance of every column.
     *
     * @param columns feature columns {@code columns[j][row]}, equal lengths matching {@code labels}; not modified
     * @param names   one name per column
     * @param labels  true for buyers; both classes present
     * @param scorer  the fitted model
     * @param repeats shuffles per column, at least 1 (5 is usual)
     * @param seed    the seed; the same seed gives the same result
     * @return one importance per column, by decreasing mean drop
     */
    public static List<Importance> compute(double[][] columns, String[] names, boolean[] labels, BatchScorer scorer,
                                           int repeats, long seed) {
        return compute(columns, names, labels, scorer, repeats, seed, Set.of());
    }

    /**
     * Permutation importance of every column, marking near-outcome features.
     *
     * @param columns     feature columns {@code columns[j][row]}; not modified
     * @param names       one name per column
     * @param labels      true for buyers; both classes present
     * @param scorer      the fitted model
     * @param repeats     shuffles per column, at least 1
     * @param seed        the seed
     * @param nearOutcome names of features that nearly are the outcome
     * @return one importance per column, by decreasing mean drop
     */
    public static List<Importance> compute(double[][] columns, String[] names, boolean[] labels, BatchScorer scorer,
                                           int repeats, long seed, Set<String> nearOutcome) {
        return compute(columns, names, labels, scorer, repeats, seed, nearOutcome, Workers.callerOnly());
    }

    /**
     * Permutation importance of every column, the columns measured as parallel tasks on the given workers. Each
     * shuffle has its own seed (from {@code seed}, the column and the repeat), so the result is the same on any
     * workers, {@link Workers#callerOnly()} included. The scorer is called from several threads at once unless the
     * workers are {@link Workers#callerOnly()}; it must be thread-safe then (a {@code PurchaseModel} is).
     *
     * @param columns     feature columns {@code columns[j][row]}; not modified
     * @param names       one name per column
     * @param labels      true for buyers; both classes present
     * @param scorer      the fitted model
     * @param repeats     shuffles per column, at least 1
     * @param seed        the seed
     * @param nearOutcome names of features that nearly are the outcome
     * @param workers     where the columns are measured
     * @return one importance per column, by decreasing mean drop
     */
    public static List<Importance> compute(double[][] columns, String[] names, boolean[] labels, BatchScorer scorer,
                                           int repeats, long seed, Set<String> nearOutcome, Workers workers) {
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(nearOutcome, "nearOutcome");
        if (names.length != columns.length) {
            throw new IllegalArgumentException("names and columns differ in length: " + names.length + " vs "
                    + columns.length);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
        }
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != labels.length) {
                throw new IllegalArgumentException("column '" + names[j] + "' has " + columns[j].length
                        + " rows but there are " + labels.length + " labels");
            }
        }
        double base = auc(labels, scorer.score(columns.clone()));
        if (Double.isNaN(base)) {
            throw new IllegalArgumentException("permutation importance needs both buyers and non-buyers");
        }
        List<Workers.Task<Importance>> tasks = new ArrayList<>(columns.length);
        for (int c = 0; c < columns.length; c++) {
            int j = c;
            tasks.add(() -> column(columns, names, labels, scorer, repeats, seed, nearOutcome, base, j));
        }
        List<Importance> list = new ArrayList<>(workers.compute(tasks));
        list.sort(Comparator.comparingDouble(Importance::value).reversed());
        return List.copyOf(list);
    }

    /** The importance of column {@code j}: its mean drop in ROC AUC from {@code base} over the repeats. */
    private static Importance column(double[][] columns, String[] names, boolean[] labels, BatchScorer scorer,
                                     int repeats, long seed, Set<String> nearOutcome, double base, int j) {
        double[] drops = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            SplittableRandom rnd = new SplittableRandom(seed + 1_000_003L * j + r);
            double[] shuffled = columns[j].clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int k = rnd.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[k];
                shuffled[k] = t;
            }
            double[][] view = columns.clone();
            view[j] = shuffled;
            drops[r] = base - auc(labels, scorer.score(view));
        }
        double mean = 0;
        for (double d : drops) {
            mean += d;
        }
        mean /= repeats;
        double var = 0;
        for (double d : drops) {
            var += (d - mean) * (d - mean);
        }
        double std = repeats > 1 ? Math.sqrt(var / (repeats - 1)) : 0;
        return new Importance(names[j], Importance.PERMUTATION, mean, std, repeats, nearOutcome.contains(names[j]));
    }

    private static double auc(boolean[] labels, double[] scores) {
        if (scores == null || scores.length != labels.length) {
            throw new IllegalStateException("the scorer returned " + (scores == null ? "null" : scores.length + " scores")
                    + " for " + labels.length + " rows");
        }
        return ClassificationMetrics.rocAuc(labels, scores);
    }
}
