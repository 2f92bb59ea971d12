package dev.propensity.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;

/**
 * Every call the benchmarks make into the library, in one place: building a feature table from columns, training
 * the logistic model the way the benchmark compares it with scikit-learn.
 */
final class OursApi {
    private OursApi() {
    }

    /** The synthetic rows as a feature table (numeric features {@code f00...}, ids {@code s0...}). */
    static FeatureTable table(SyntheticLogistic data) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (int j = 0; j < data.features(); j++) {
            specs.add(FeatureSpec.numeric(SyntheticLogistic.name(j), "synthetic standard normal feature " + j));
        }
        SessionFacts.Builder facts = SessionFacts.builder();
        for (int i = 0; i < data.rows(); i++) {
            facts.addRow(Integer.toString(i), data.labels[i], SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        return FeatureTable.of(new FeatureSchema(specs), data.columns, facts.build());
    }

    /** Our logistic regression, configured as the scikit-learn peer: raw features, L2 with C = 1. */
    static PurchaseModel trainLogistic(FeatureTable table) {
        throw new UnsupportedOperationException("pending the model module's trainer API");
    }
}
