package dev.propensity.model;

import dev.propensity.features.EncoderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the gradient-boosted trees trainer ({@link Trainers#xgboost(XGBoostConfig)}), run by XGBoost
 * (histogram tree method) with the parameters Tribuo's XGBoost trainer passes, into a Tribuo {@code XGBoostModel}.
 *
 * @param rounds         boosting rounds (trees), {@code >= 1}
 * @param maxDepth       the deepest a tree grows, {@code >= 1}
 * @param eta            the learning rate, in (0, 1]
 * @param subsample      the fraction of rows each tree sees, in (0, 1]
 * @param columnSample   the fraction of inputs each tree sees, in (0, 1]
 * @param minChildWeight the least hessian weight in a child node, {@code >= 0}
 * @param lambda         L2 penalty on leaf weights, {@code >= 0}
 * @param gamma          the least loss reduction for a split, {@code >= 0}
 * @param threads        the least number of XGBoost threads, {@code >= 1}: on training data of 10 million values
 *                       or more a trainer uses one per worker of its {@code Workers} when they have more; the trees
 *                       are the same on any number
 * @param minPositives   training refuses tables with fewer purchases than this, {@code >= 1}
 * @param seed           the seed
 * @param encoder        how raw features become model inputs (trees need no scaling)
 */
public record XGBoostConfig(int rounds, int maxDepth, double eta, double subsample, double columnSample,
                            double minChildWeight, double lambda, double gamma, int threads, int minPositives,
                            long seed, EncoderConfig encoder) {

    /** Validates; see the parameters. */
    public XGBoostConfig {
        Objects.requireNonNull(encoder, "encoder");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("eta must be in (0, 1], was " + eta);
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("subsample must be in (0, 1], was " + subsample);
        }
        if (!(columnSample > 0 && columnSample <= 1)) {
            throw new IllegalArgumentException("columnSample must be in (0, 1], was " + columnSample);
        }
        if (!(minChildWeight >= 0) || !(lambda >= 0) || !(gamma >= 0)) {
            throw new IllegalArgumentException("minChildWeight, lambda and gamma must be >= 0, were " + minChildWeight
                    + ", " + lambda + ", " + gamma);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (minPositives < 1) {
            throw new IllegalArgumentException("minPositives must be >= 1, was " + minPositives);
        }
    }

    /**
     * 400 rounds of depth-4 trees, eta 0.03, 80% rows and 60% inputs per tree, min child weight 2, lambda 1,
     * gamma 0, one thread (one per worker on training data of 10 million values or more), 10 positives, seed 42,
     * raw encoding.
     */
    public static XGBoostConfig defaults() {
        return new XGBoostConfig(400, 4, 0.03, 0.8, 0.6, 2, 1, 0, 1, 10, 42L, EncoderConfig.raw());
    }

    /** This configuration with another number of rounds. */
    public XGBoostConfig withRounds(int n) {
        return new XGBoostConfig(n, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another depth limit. */
    public XGBoostConfig withMaxDepth(int d) {
        return new XGBoostConfig(rounds, d, eta, subsample, columnSample, minChildWeight, lambda, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another learning rate. */
    public XGBoostConfig withEta(double e) {
        return new XGBoostConfig(rounds, maxDepth, e, subsample, columnSample, minChildWeight, lambda, gamma,
                threads, minPositives, seed, encoder);
    }

    /** This configuration with another row subsample fraction. */
    public XGBoostConfig withSubsample(double f) {
        return new XGBoostConfig(rounds, maxDepth, eta, f, columnSample, minChildWeight, lambda, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another column subsample fraction. */
    public XGBoostConfig withColumnSample(double f) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, f, minChildWeight, lambda, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another minimum child weight. */
    public XGBoostConfig withMinChildWeight(double w) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, w, lambda, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another L2 penalty on leaf weights. */
    public XGBoostConfig withLambda(double l) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, l, gamma, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another minimum split gain. */
    public XGBoostConfig withGamma(double g) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, g, threads,
                minPositives, seed, encoder);
    }

    /** This configuration with another number of threads. */
    public XGBoostConfig withThreads(int n) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, gamma, n,
                minPositives, seed, encoder);
    }

    /** This configuration with another minimum number of positives. */
    public XGBoostConfig withMinPositives(int n) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, gamma,
                threads, n, seed, encoder);
    }

    /** This configuration with another seed. */
    public XGBoostConfig withSeed(long s) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, gamma,
                threads, minPositives, s, encoder);
    }

    /** This configuration with another encoder. */
    public XGBoostConfig withEncoder(EncoderConfig e) {
        return new XGBoostConfig(rounds, maxDepth, eta, subsample, columnSample, minChildWeight, lambda, gamma,
                threads, minPositives, seed, e);
    }

    /** The settings by name, for model cards. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rounds", Integer.toString(rounds));
        m.put("maxDepth", Integer.toString(maxDepth));
        m.put("eta", Double.toString(eta));
        m.put("subsample", Double.toString(subsample));
        m.put("columnSample", Double.toString(columnSample));
        m.put("minChildWeight", Double.toString(minChildWeight));
        m.put("lambda", Double.toString(lambda));
        m.put("gamma", Double.toString(gamma));
        m.put("threads", Integer.toString(threads));
        m.put("minPositives", Integer.toString(minPositives));
        m.put("seed", Long.toString(seed));
        m.put("encoder", encoder.toString());
        return m;
    }
}
