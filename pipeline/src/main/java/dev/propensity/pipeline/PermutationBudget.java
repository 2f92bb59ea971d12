package dev.propensity.pipeline;

import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.PermutationImportance;
import dev.propensity.model.PurchaseModel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * How much work permutation importance of the final model may take: a seeded sample of at most {@code maxRows}
 * rows, {@code repeats} shuffles per feature, and about {@code seconds} of scoring. One scoring pass of the sample
 * is timed first; for a model that scores slowly the sample shrinks (down to {@code minRows} rows) and then the
 * repeats (down to 1); when even that would take more than twice the budget, permutation importance is left out
 * and a note says so. The shrinking depends on the machine's speed, so a slow model's importances can differ
 * between machines; a fast model (logistic regression on up to {@code maxRows} rows) always gets the full sample.
 *
 * @param maxRows the most rows measured on, at least 1
 * @param repeats shuffles per feature, at least 1
 * @param seconds the scoring time aimed for, in seconds, &gt; 0
 * @param minRows the fewest rows a slow model is measured on, in [1, maxRows]
 */
public record PermutationBudget(int maxRows, int repeats, double seconds, int minRows) {

    /** Validates. */
    public PermutationBudget {
        if (maxRows < 1 || repeats < 1 || minRows < 1 || minRows > maxRows) {
            throw new IllegalArgumentException("need maxRows >= 1, repeats >= 1 and 1 <= minRows <= maxRows, was "
                    + "maxRows=" + maxRows + " repeats=" + repeats + " minRows=" + minRows);
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite and > 0, was " + seconds);
        }
    }

    /**
     * The dashboard's budget: at most 10,000 rows, 3 shuffles a feature, about 15 seconds, at least 1,000 rows.
     *
     * @return the budget
     */
    public static PermutationBudget defaults() {
        return new PermutationBudget(10_000, 3, 15, 1_000);
    }

    /**
     * How permutation importance is measured, in words (the report's {@code importance.permutationNote}).
     *
     * @return the description
     */
    public String describe() {
        return "permutation importance of the final model (trained on all rows), on a seeded sample of at most "
                + maxRows + " rows, " + repeats + " shuffles a feature (fewer rows and shuffles for a model that "
                + "scores slowly)";
    }

    /**
     * Permutation importances, and a note when they were left out.
     *
     * @param importances one per feature by decreasing drop in ROC AUC; empty when left out, or when the sample
     *                    holds a single class
     * @param notes       why they were left out (at most one note)
     */
    public record Measured(List<Importance> importances, List<String> notes) {
        /** Copies. */
        public Measured {
            importances = List.copyOf(importances);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Measures the permutation importance of a model within this budget.
     *
     * @param table       the rows to sample from (the model's training rows)
     * @param model       the model
     * @param nearOutcome the features that nearly are the outcome, to be marked
     * @param seed        the seed of the sample and the shuffles
     * @param workers     where the features are measured (several at a time)
     * @return the importances, or a note why there are none
     */
    public Measured measure(FeatureTable table, PurchaseModel model, Set<String> nearOutcome, long seed,
                            Workers workers) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(nearOutcome, "nearOutcome");
        Objects.requireNonNull(workers, "workers");
        FeatureTable sample = sample(table, maxRows, seed);
        long t0 = System.nanoTime();
        model.predict(sample);
        double perPass = (System.nanoTime() - t0) / 1e9;
        int features = table.schema().size();
        int shuffles = repeats;
        double estimate = perPass * (1 + features * shuffles);
        if (estimate > seconds) {
            int rows = (int) Math.max(minRows, sample.rows() * seconds / estimate);
            if (rows < sample.rows()) {
                perPass *= (double) rows / sample.rows();
                sample = sample(table, rows, seed);
            }
            estimate = perPass * (1 + features * shuffles);
            if (estimate > seconds) {
                shuffles = 1;
                estimate = perPass * (1 + features);
            }
            if (estimate > 2 * seconds) {
                return new Measured(List.of(), List.of(String.format(Locale.ROOT, "permutation importance left out: "
                        + "scoring is too slow (about %.0f s for %,d rows and %d features)", estimate, sample.rows(),
                        features)));
            }
        }
        boolean[] labels = sample.labels();
        int pos = 0;
        for (boolean b : labels) {
            pos += b ? 1 : 0;
        }
        if (pos == 0 || pos == labels.length) {
            return new Measured(List.of(), List.of());
        }
        FeatureSchema schema = sample.schema();
        double[][] columns = new double[schema.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = sample.columnArray(j);
        }
        SessionFacts facts = sample.facts();
        return new Measured(PermutationImportance.compute(columns, schema.names().toArray(new String[0]), labels,
                cols -> model.predict(FeatureTable.of(schema, cols, facts)), shuffles, seed, nearOutcome, workers),
                List.of());
    }

    /** A seeded sample of at most {@code rows} rows, in table order (the table itself when it is small enough). */
    private static FeatureTable sample(FeatureTable table, int rows, long seed) {
        if (table.rows() <= rows) {
            return table;
        }
        int[] picked = new Random(seed).ints(0, table.rows()).distinct().limit(rows).sorted().toArray();
        return table.select(picked);
    }
}
