/**
 * Leakage-safe feature extraction: {@link dev.propensity.features.FeatureExtractor}s see only an
 * {@link dev.propensity.features.ObservedSession} (the events before a {@link dev.propensity.features.Cutoff},
 * never the label), and write into a columnar {@link dev.propensity.features.FeatureTable}.
 */
package dev.propensity.features;
