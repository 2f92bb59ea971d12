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
 * rows, {@code repeats} shuffles per feature, and at most {@code scoredRows} rows scored in all (the sample once,
 * then once per feature and shuffle). When the sample would pass that, it shrinks (down to {@code minRows} rows),
 * then the shuffles (down to 1); when even that passes it, permutation importance is left out and a note says so.
 * Everything is fixed by the row and feature counts and the seed, never by the clock: the same input and seed give
 * the same importances on any machine and thread count. A sample smaller than the table, or fewer shuffles, is
 * recorded in a note of the report.
 *
 * @param maxRows    the most rows measured on, at least 1
 * @param repeats    shuffles per feature, at least 1
 * @param scoredRows the most rows scored in all, at least {@code minRows}
 * @param minRows    the fewest rows measured on before giving up, in [1, maxRows]
 */
public record PermutationBudget(int maxRows, int repeats, long scoredRows, int minRows) {

    /** Validates. */
    public PermutationBudget {
        if (maxRows < 1 || repeats < 1 || minRows < 1 || minRows > maxRows) {
            throw new IllegalArgumentException("need maxRows >= 1, repeats >= 1 and 1 <= minRows <= maxRows, was "
                    + "maxRows=" + maxRows + " repeats=" + repeats + " minRows=" + minRows);
        }
        if (scoredRows < minRows) {
            throw new IllegalArgumentException("scoredRows must be >= minRows, was " + scoredRows);
        }
    }

    /**
     * The dashboard's budget: at most 10,000 rows, 3 shuffles a feature, at most 3,000,000 rows scored (the full
     * sample and shuffles for up to 99 features), at least 1,000 rows.
     *
     * @return the budget
     */
    public static PermutationBudget defaults() {
        return new PermutationBudget(10_000, 3, 3_000_000, 1_000);
    }

    /**
     * How permutation importance is measured, in words (the report's {@code importance.permutationNote}).
     *
     * @return the description
     */
    public String describe() {
        return "permutation importance of the final model (trained on all rows), on a seeded sample of at most "
                + maxRows + " rows, " + repeats + " shuffles a feature, at most " + scoredRows + " rows scored in all "
                + "(fewer rows, then fewer shuffles, for many features; fixed by the row and feature counts)";
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
        int features = table.schema().size();
        int rows = Math.min(maxRows, table.rows());
        int shuffles = repeats;
        if (cost(rows, features, shuffles) > scoredRows) {
            rows = (int) Math.max(Math.min(minRows, rows), scoredRows / (1 + (long) features * shuffles));
            if (cost(rows, features, shuffles) > scoredRows) {
                shuffles = 1;
            }
            if (cost(rows, features, shuffles) > scoredRows) {
                return new Measured(List.of(), List.of(String.format(Locale.ROOT, "permutation importance left out: "
                        + "%,d rows and %d features need %,d rows scored, over the budget of %,d", rows, features,
                        cost(rows, features, shuffles), scoredRows)));
            }
        }
        FeatureTable sample = sample(table, rows, seed);
        List<String> notes = rows < table.rows() || shuffles < repeats
                ? List.of(String.format(Locale.ROOT, "permutation importance on a seeded sample of %,d of %,d rows, "
                + "%d shuffle%s a feature (seed %d)", rows, table.rows(), shuffles, shuffles == 1 ? "" : "s", seed))
                : List.of();
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
                notes);
    }

    /** Rows scored: the sample once, then once per feature and shuffle. */
    private static long cost(int rows, int features, int shuffles) {
        return rows * (1 + (long) features * shuffles);
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
