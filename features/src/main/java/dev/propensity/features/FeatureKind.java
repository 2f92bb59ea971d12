package dev.propensity.features;

/** What kind of value a feature holds; transforms and charts treat each kind differently. */
public enum FeatureKind {
    /** A real number (durations, prices, rates). */
    NUMERIC,
    /** A non-negative whole number of things (events, product views). */
    COUNT,
    /** 0 or 1. */
    BINARY,
    /** One level of a fixed or discovered set, stored as the level's index (see {@link FeatureSpec#levels()}). */
    CATEGORICAL
}
