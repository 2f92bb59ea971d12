package dev.propensity.model.tribuo;

import dev.propensity.model.design.TrainingData;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.Splits;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.StackConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a stacked model (see {@link StackConfig}): the members' inner out-of-fold predictions on the training
 * rows choose the averaging weights (highest ROC AUC on a grid), then the members are retrained on every
 * training row.
 */
final class StackTrainer implements ModelTrainer {
    private final List<ModelTrainer> members;
    private final int innerFolds;
    private final int weightSteps;
    private final long seed;
    private final int minPositives;
    private final Map<String, String> description;

    StackTrainer(List<ModelTrainer> members, int innerFolds, int weightSteps, long seed, int minPositives,
                 Map<String, String> description) {
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one member");
        }
        this.innerFolds = innerFolds;
        this.weightSteps = weightSteps;
        this.seed = seed;
        this.minPositives = minPositives;
        this.description = Objects.requireNonNull(description, "description");
    }

    static StackTrainer of(StackConfig c) {
        return new StackTrainer(List.of(new LogisticTrainer(c.logistic()), TreeTrainer.xgboost(c.xgboost())),
                c.innerFolds(), c.weightSteps(), c.seed(),
                Math.max(c.innerFolds(), Math.max(c.logistic().minPositives(), c.xgboost().minPositives())),
                c.describe());
    }

    @Override
    public String name() {
        return StackPurchaseModel.KIND;
    }

    /** This stack with its members' parallel work on other workers (the same models). */
    @Override
    public ModelTrainer withWorkers(dev.propensity.core.Workers w) {
        Objects.requireNonNull(w, "workers");
        return new StackTrainer(members.stream().map(t -> t.withWorkers(w)).toList(), innerFolds, weightSteps, seed,
                minPositives, description);
    }

    /**
     * Trains on some rows of the table ({@code null}: all) without copying them: each member trains on its inner
     * folds' rows in place, and only an inner fold's test rows are copied, to be scored.
     */
    @Override
    public PurchaseModel train(FeatureTable table, int[] rows) {
        long t0 = System.nanoTime();
        boolean[] labels = TrainingData.labels(table, rows);
        int positives = TrainingData.checkLabels(labels, minPositives, name());
        int n = labels.length;
        int m = members.size();
        // inner out-of-fold probabilities: column k holds member k's prediction of each row by a model that never saw it
        // above INNER_MAX_ROWS the weights are chosen on a stratified sample of the training rows
        int[] inner = innerSample(labels, seed);
        int[] innerRows = inner == null ? rows : tableRows(rows, inner);
        boolean[] innerLabels = inner == null ? labels : TrainingData.labels(table, innerRows);
        double[][] z = new double[m][innerLabels.length];
        int[] folds = Splits.stratifiedFolds(innerLabels, innerFolds, seed);
        for (int f = 0; f < innerFolds; f++) {
            int[] train = tableRows(innerRows, Splits.trainRows(folds, f));
            int[] test = Splits.testRows(folds, f);
            FeatureTable testTable = table.select(tableRows(innerRows, test));
            for (int k = 0; k < m; k++) {
                double[] p;
                try {
                    p = members.get(k).train(table, train).predict(testTable);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name() + ": inner fold " + f + " of " + innerFolds
                            + ", member " + members.get(k).name() + ": " + e.getMessage(), e);
                }
                for (int i = 0; i < test.length; i++) {
                    z[k][test[i]] = p[i];
                }
            }
        }
        double[] weights = bestWeights(z, innerLabels, weightSteps);
        PurchaseModel[] fitted = new PurchaseModel[m];
        for (int k = 0; k < m; k++) {
            fitted[k] = rows == null ? members.get(k).train(table) : members.get(k).train(table, rows);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = ModelCard.trained(name(), description, n, positives, seed, seconds);
        return new StackPurchaseModel(List.of(fitted), weights, card);
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        return train(table, null);
    }

    /**
     * The most training rows the inner cross-validation runs on: above it, on a stratified sample of this many (the
     * weights are one of {@code weightSteps + 1} points, which a sample of this size chooses as well as all rows
     * do), while the members are still trained on every row. At 1.6 million training rows it spares four fifths of
     * the inner folds' training.
     */
    static final int INNER_MAX_ROWS = 200_000;

    /**
     * The positions of a stratified sample of {@link #INNER_MAX_ROWS} rows (each class in proportion, drawn by the
     * seed, in ascending order), or {@code null} when there are not more rows than that.
     */
    static int[] innerSample(boolean[] labels, long seed) {
        int n = labels.length;
        if (n <= INNER_MAX_ROWS) {
            return null;
        }
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        int wantPositives = (int) Math.round((double) positives * INNER_MAX_ROWS / n);
        int[] want = {INNER_MAX_ROWS - wantPositives, wantPositives};
        int[] have = {n - positives, positives};
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean[] keep = new boolean[n];
        // selection sampling (Knuth's algorithm S) per class, in row order
        for (int i = 0; i < n; i++) {
            int c = labels[i] ? 1 : 0;
            if (r.nextInt(have[c]) < want[c]) {
                keep[i] = true;
                want[c]--;
            }
            have[c]--;
        }
        int[] out = new int[INNER_MAX_ROWS];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The table rows at some positions of a row selection ({@code null}: the identity). */
    private static int[] tableRows(int[] rows, int[] positions) {
        if (rows == null) {
            return positions;
        }
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = rows[positions[i]];
        }
        return out;
    }

    /**
     * The weights, multiples of {@code 1 / steps} summing to 1, whose average of the columns has the highest ROC
     * AUC; the first in grid order among equals (the grid puts the most weight on the first member first).
     */
    static double[] bestWeights(double[][] z, boolean[] labels, int steps) {
        int m = z.length;
        int n = labels.length;
        double[] best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        int[] units = new int[m];
        units[0] = steps;
        double[] blend = new double[n];
        while (units != null) {
            java.util.Arrays.fill(blend, 0);
            for (int k = 0; k < m; k++) {
                double w = units[k] / (double) steps;
                if (w != 0) {
                    double[] col = z[k];
                    for (int i = 0; i < n; i++) {
                        blend[i] += w * col[i];
                    }
                }
            }
            double auc = ClassificationMetrics.rocAuc(labels, blend);
            if (auc > bestAuc) {
                bestAuc = auc;
                best = new double[m];
                for (int k = 0; k < m; k++) {
                    best[k] = units[k] / (double) steps;
                }
            }
            units = nextComposition(units);
        }
        return best;
    }

    /** The next composition of the same total in reverse lexicographic order, or {@code null} after the last. */
    private static int[] nextComposition(int[] u) {
        int m = u.length;
        // find the rightmost position before the last with a positive count; move one unit right of it and gather
        // everything after it there
        for (int k = m - 2; k >= 0; k--) {
            if (u[k] > 0) {
                int[] v = u.clone();
                int tail = 0;
                for (int j = k + 1; j < m; j++) {
                    tail += v[j];
                    v[j] = 0;
                }
                v[k]--;
                v[k + 1] = tail + 1;
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "StackTrainer[" + description + "]";
    }
}
