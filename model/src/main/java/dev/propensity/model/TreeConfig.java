package dev.propensity.model;

import dev.propensity.features.EncoderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the random forest trainer ({@link Trainers#randomForest(TreeConfig)}): trees grown by XGBoost, each
 * on 63.2% of the rows drawn without replacement, each leaf holding the share of purchases of its in-bag rows,
 * those shares averaged over the trees.
 *
 * @param trees            the number of trees, {@code >= 1}
 * @param maxDepth         the deepest a tree grows, {@code >= 1}
 * @param minChildWeight   the least number of in-bag rows in a child node, {@code > 0}
 * @param featureFraction  the fraction of inputs considered at each split, in (0, 1]
 * @param minPositives     training refuses tables with fewer purchases than this, {@code >= 1}
 * @param seed             the seed of the row samples and feature choices
 * @param encoder          how raw features become model inputs (trees need no scaling)
 */
public record TreeConfig(int trees, int maxDepth, double minChildWeight, double featureFraction, int minPositives,
                         long seed, EncoderConfig encoder) {

    /** Validates; see the parameters. */
    public TreeConfig {
        Objects.requireNonNull(encoder, "encoder");
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be >= 1, was " + trees);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
        }
        if (!(minChildWeight > 0)) {
            throw new IllegalArgumentException("minChildWeight must be > 0, was " + minChildWeight);
        }
        if (!(featureFraction > 0 && featureFraction <= 1)) {
            throw new IllegalArgumentException("featureFraction must be in (0, 1], was " + featureFraction);
        }
        if (minPositives < 1) {
            throw new IllegalArgumentException("minPositives must be >= 1, was " + minPositives);
        }
    }

    /**
     * 100 trees of depth at most 12, child weight at least 3, 30% of inputs per split, 10 positives, seed 42, raw
     * encoding. XGBoost grows them on one thread at this size: the 12,330 rows of the UCI table take under 2 s.
     */
    public static TreeConfig defaults() {
        return new TreeConfig(100, 12, 3, 0.3, 10, 42L, EncoderConfig.raw());
    }

    /** This configuration with another number of trees. */
    public TreeConfig withTrees(int n) {
        return new TreeConfig(n, maxDepth, minChildWeight, featureFraction, minPositives, seed, encoder);
    }

    /** This configuration with another depth limit. */
    public TreeConfig withMaxDepth(int d) {
        return new TreeConfig(trees, d, minChildWeight, featureFraction, minPositives, seed, encoder);
    }

    /** This configuration with another minimum child weight. */
    public TreeConfig withMinChildWeight(double w) {
        return new TreeConfig(trees, maxDepth, w, featureFraction, minPositives, seed, encoder);
    }

    /** This configuration with another feature fraction. */
    public TreeConfig withFeatureFraction(double f) {
        return new TreeConfig(trees, maxDepth, minChildWeight, f, minPositives, seed, encoder);
    }

    /** This configuration with another minimum number of positives. */
    public TreeConfig withMinPositives(int n) {
        return new TreeConfig(trees, maxDepth, minChildWeight, featureFraction, n, seed, encoder);
    }

    /** This configuration with another seed. */
    public TreeConfig withSeed(long s) {
        return new TreeConfig(trees, maxDepth, minChildWeight, featureFraction, minPositives, s, encoder);
    }

    /** This configuration with another encoder. */
    public TreeConfig withEncoder(EncoderConfig e) {
        return new TreeConfig(trees, maxDepth, minChildWeight, featureFraction, minPositives, seed, e);
    }

    /** The settings by name, for model cards. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trees", Integer.toString(trees));
        m.put("maxDepth", Integer.toString(maxDepth));
        m.put("minChildWeight", Double.toString(minChildWeight));
        m.put("featureFraction", Double.toString(featureFraction));
        m.put("minPositives", Integer.toString(minPositives));
        m.put("seed", Long.toString(seed));
        m.put("encoder", encoder.toString());
        return m;
    }
}
