package dev.propensity.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.EncoderConfig;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;

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

    /**
     * Our logistic regression configured as the scikit-learn peer's {@code LogisticRegression()}: L2 with C = 1
     * (so {@code l2 = 1 / rows}), the same stopping rule (L-BFGS stops when no gradient entry of the mean loss exceeds
     * {@code tol = 1e-4}), no quantile bins, no segment gate; the default encoder standardises (the synthetic features are
     * standard normal already, so this changes nothing but the scale of the solve).
     */
    static PurchaseModel trainLogistic(FeatureTable table) {
        return trainLogistic(table, 1e-4);
    }

    /** {@link #trainLogistic(FeatureTable)} with another gradient tolerance (the library's default is 1e-5). */
    static PurchaseModel trainLogistic(FeatureTable table, double tolerance) {
        LogisticConfig config = LogisticConfig.defaults()
                .withL2(1.0 / table.rows())
                .withTolerance(tolerance)
                .withEncoder(EncoderConfig.defaults())
                .withGate("");
        return Trainers.logisticRegression(config).train(table);
    }
}
