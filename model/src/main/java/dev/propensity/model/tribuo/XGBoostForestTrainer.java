package dev.propensity.model.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * A Tribuo {@link Trainer} of random forests grown natively by XGBoost (labels {@code true} / {@code false}): its
 * trees in one round ({@code num_parallel_tree}), each on a sample of the rows drawn without replacement and
 * choosing each split among a fraction of the inputs, each leaf holding the share of purchases of the in-bag rows
 * that reach it; the forest's probability is the average of those shares (see {@link NativeBooster#forest}). The
 * model is a Tribuo {@link XGBoostModel} whose outputs {@link ForestConverter} reads.
 *
 * <p>Propensity's {@code random-forest} trainer calls it on encoded {@code float} columns; {@link #train(Dataset,
 * Map)} lets Tribuo users grow the same forest on a Tribuo dataset, on one thread. A seed gives the same forest on
 * any number of threads and any machine.
 */
public final class XGBoostForestTrainer implements Trainer<Label> {

    @Config(description = "Number of trees")
    private int trees = 100;

    @Config(description = "Deepest a tree grows")
    private int maxDepth = 12;

    @Config(description = "Least number of in-bag rows in a child node")
    private double minChildWeight = 3;

    @Config(description = "Fraction of the inputs a split chooses among")
    private double featureFraction = 0.3;

    @Config(description = "Fraction of the rows each tree sees, drawn without replacement")
    private double subsample = 0.632;

    @Config(description = "The seed of the row samples and the input choices")
    private long seed = 42L;

    private int invocationCount = 0;

    /** For OLCUT configuration; use the other constructor. */
    private XGBoostForestTrainer() {
    }

    /**
     * A trainer.
     *
     * @param trees           number of trees, {@code >= 1}
     * @param maxDepth        deepest a tree grows, {@code >= 1}
     * @param minChildWeight  least number of in-bag rows in a child node, {@code > 0}
     * @param featureFraction fraction of the inputs each split chooses among, in (0, 1]
     * @param subsample       fraction of the rows each tree sees, in (0, 1)
     * @param seed            the seed
     */
    public XGBoostForestTrainer(int trees, int maxDepth, double minChildWeight, double featureFraction,
                                double subsample, long seed) {
        if (trees < 1 || maxDepth < 1 || !(minChildWeight > 0) || !(featureFraction > 0 && featureFraction <= 1)
                || !(subsample > 0 && subsample < 1)) {
            throw new IllegalArgumentException("need trees >= 1, maxDepth >= 1, minChildWeight > 0, featureFraction "
                    + "in (0, 1] and subsample in (0, 1); were " + trees + ", " + maxDepth + ", " + minChildWeight
                    + ", " + featureFraction + ", " + subsample);
        }
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.minChildWeight = minChildWeight;
        this.featureFraction = featureFraction;
        this.subsample = subsample;
        this.seed = seed;
    }

    int trees() {
        return trees;
    }

    int maxDepth() {
        return maxDepth;
    }

    double minChildWeight() {
        return minChildWeight;
    }

    double featureFraction() {
        return featureFraction;
    }

    double subsample() {
        return subsample;
    }

    long seed() {
        return seed;
    }

    /** Grows the forest on encoded data, on one thread. */
    XGBoostModel<Label> train(NativeBooster.Data data) {
        return train(data, 1);
    }

    /** Grows the forest on encoded data, on XGBoost threads (the same forest on any number). */
    XGBoostModel<Label> train(NativeBooster.Data data, int threads) {
        XGBoostModel<Label> m = NativeBooster.forest(this, data, threads);
        invocationCount++;
        return m;
    }

    @Override
    public XGBoostModel<Label> train(Dataset<Label> dataset) {
        return train(dataset, Map.of());
    }

    /**
     * Grows the forest on a Tribuo dataset: one column per feature of its feature map, a feature absent from an
     * example being 0.
     *
     * @param dataset       examples labelled {@code true} or {@code false}
     * @param runProvenance not recorded (the model's provenance names this trainer and the data)
     * @return the model
     * @throws IllegalArgumentException for another label
     */
    @Override
    public XGBoostModel<Label> train(Dataset<Label> dataset, Map<String, Provenance> runProvenance) {
        return train(NativeBooster.of(dataset));
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "XGBoostForestTrainer(trees=" + trees + ",maxDepth=" + maxDepth + ",minChildWeight=" + minChildWeight
                + ",featureFraction=" + featureFraction + ",subsample=" + subsample + ",seed=" + seed + ")";
    }
}
