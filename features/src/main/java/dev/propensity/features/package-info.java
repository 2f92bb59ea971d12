/**
 * Leakage-safe feature extraction: {@link dev.propensity.features.FeatureExtractor}s see only an
 * {@link dev.propensity.features.ObservedSession} (the events before a {@link dev.propensity.features.Cutoff},
 * never the label), and write into a columnar {@link dev.propensity.features.FeatureTable}.
 *
 * <ul>
 *   <li>{@link dev.propensity.features.Cutoffs}: before the first purchase (default), first N events, first T
 *       minutes; every policy stops before the first purchase.</li>
 *   <li>{@link dev.propensity.features.StandardExtractors} and {@link dev.propensity.features.UciExtractor}: the
 *       standard features of event sessions and of the UCI session table.</li>
 *   <li>{@link dev.propensity.features.FeatureTables}: one streaming pass from sessions to a table and a
 *       {@link dev.propensity.features.BuildReport}; {@link dev.propensity.features.FeatureCsv}: tables or
 *       streamed rows as CSV.</li>
 *   <li>{@link dev.propensity.features.EncoderConfig} and {@link dev.propensity.features.FittedEncoding}: the
 *       transforms (log1p, standardisation, one-hot with an {@code (other)} level, quantile bins, missing
 *       indicators) fitted on training rows only and saved with a model as JSON.</li>
 * </ul>
 */
package dev.propensity.features;
