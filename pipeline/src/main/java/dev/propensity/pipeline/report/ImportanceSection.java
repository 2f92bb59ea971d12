package dev.propensity.pipeline.report;

import dev.propensity.metrics.Importance;
import java.util.List;
import java.util.Objects;

/**
 * What drives the model's predictions.
 *
 * @param coefficients    a linear model's standardised coefficients, by decreasing magnitude (empty for other
 *                        models and without a model)
 * @param permutation     permutation importance of the final model, by decreasing drop in ROC AUC (empty without a
 *                        model, or when scoring was too slow: see the notes)
 * @param permutationNote how permutation importance was measured (sample size, shuffles per feature)
 */
public record ImportanceSection(List<Importance> coefficients, List<Importance> permutation, String permutationNote) {

    /** Validates and copies. */
    public ImportanceSection {
        coefficients = List.copyOf(coefficients);
        permutation = List.copyOf(permutation);
        Objects.requireNonNull(permutationNote, "permutationNote");
    }
}
