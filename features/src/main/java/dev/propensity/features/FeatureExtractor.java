package dev.propensity.features;

import java.util.List;

/**
 * Turns what is visible of a session into named values. Implement this to add your own features; the standard
 * extractors live in {@link StandardExtractors}.
 *
 * <p>An extractor declares its features once ({@link #features()}) and then, per session, writes one value per
 * feature into the row it is given, addressing them by their index in its own list. Unset values are missing
 * ({@code NaN}). Implementations must be stateless or thread-safe: tables may be built on several threads.
 */
public interface FeatureExtractor {

    /** The features this extractor produces, in the order {@link #extract} addresses them. */
    List<FeatureSpec> features();

    /**
     * Computes the features of one session.
     *
     * @param session the visible part of the session (cut before its outcome)
     * @param out     where to write: {@code out.set(i, value)} or {@code out.setLevel(i, level)} for the
     *                i-th feature of {@link #features()}
     */
    void extract(ObservedSession session, FeatureRow out);

    /** The row an extractor writes one session's values into. */
    interface FeatureRow {
        /**
         * Sets a numeric, count or binary value ({@code NaN} for missing).
         *
         * @param feature the index in the extractor's {@link #features()}
         * @param value   the value
         */
        void set(int feature, double value);

        /**
         * Sets a categorical value by level name; a level not yet known is added when the feature's levels are
         * discovered, and is an error when they are fixed.
         *
         * @param feature the index in the extractor's {@link #features()}
         * @param level   the level, or {@code null} for missing
         */
        void setLevel(int feature, String level);
    }
}
