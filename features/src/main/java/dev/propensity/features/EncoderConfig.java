package dev.propensity.features;

/**
 * How raw features become model inputs; fitted on training rows only by
 * {@link FittedEncoding#fit(FeatureTable, int[], EncoderConfig)}.
 *
 * <ul>
 *   <li>{@code log1p}: a {@link FeatureKind#NUMERIC} or {@link FeatureKind#COUNT} feature whose training values are
 *       all {@code >= 0} is replaced by {@code ln(1 + x)}; at apply time a negative value counts as 0.</li>
 *   <li>{@code standardize}: numeric and count features (after the log) are centred on their training mean and
 *       divided by their training standard deviation (1 when it is 0). {@link FeatureKind#BINARY} features keep
 *       their 0/1 values.</li>
 *   <li>{@code minCount}: a categorical level seen in fewer training rows than this is merged into the level
 *       {@code (other)}, which also receives levels never seen in training. Each kept level becomes a one-hot
 *       output {@code name=level}.</li>
 *   <li>{@code quantileBins}: when {@code >= 2}, each numeric or count feature additionally gets one-hot outputs
 *       {@code name:bin0 ... name:binK-1} for its training quantile bins (fewer when values tie); 0 turns bins off.</li>
 *   <li>{@code missingIndicators}: a non-categorical feature with missing ({@code NaN}) training values gets an
 *       extra output {@code name:missing} (1 when missing). A missing value itself becomes the training mean (0
 *       after standardisation). Missing categorical values form a level {@code (missing)} when at least
 *       {@code minCount} training rows lack the value, and go to {@code (other)} otherwise.</li>
 * </ul>
 *
 * @param log1p             whether non-negative numeric and count features are log-transformed
 * @param standardize       whether numeric and count features are standardised
 * @param minCount          the fewest training rows a categorical level needs to keep its own output, {@code >= 1}
 * @param quantileBins      the number of quantile bins per numeric feature, 0 (off) or 2..100
 * @param missingIndicators whether features with missing training values get a {@code :missing} output
 */
public record EncoderConfig(boolean log1p, boolean standardize, int minCount, int quantileBins,
                            boolean missingIndicators) {

    /** Validates; see the parameters. */
    public EncoderConfig {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        }
        if (quantileBins != 0 && (quantileBins < 2 || quantileBins > 100)) {
            throw new IllegalArgumentException("quantileBins must be 0 (off) or 2..100, was " + quantileBins);
        }
    }

    /** log1p on, standardisation on, {@code minCount} 10, no quantile bins, missing indicators on. */
    public static EncoderConfig defaults() {
        return new EncoderConfig(true, true, 10, 0, true);
    }

    /**
     * Values as they are (no log, no standardisation, every level kept, no bins), still one-hot for categorical
     * features and with missing indicators: for tree models that need no scaling.
     */
    public static EncoderConfig raw() {
        return new EncoderConfig(false, false, 1, 0, true);
    }

    /** This configuration with log1p on or off. */
    public EncoderConfig withLog1p(boolean on) {
        return new EncoderConfig(on, standardize, minCount, quantileBins, missingIndicators);
    }

    /** This configuration with standardisation on or off. */
    public EncoderConfig withStandardize(boolean on) {
        return new EncoderConfig(log1p, on, minCount, quantileBins, missingIndicators);
    }

    /** This configuration with another minimum level count. */
    public EncoderConfig withMinCount(int n) {
        return new EncoderConfig(log1p, standardize, n, quantileBins, missingIndicators);
    }

    /** This configuration with {@code k} quantile bins per numeric feature (0 turns them off). */
    public EncoderConfig withQuantileBins(int k) {
        return new EncoderConfig(log1p, standardize, minCount, k, missingIndicators);
    }

    /** This configuration with missing indicators on or off. */
    public EncoderConfig withMissingIndicators(boolean on) {
        return new EncoderConfig(log1p, standardize, minCount, quantileBins, on);
    }
}
