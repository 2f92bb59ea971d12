package dev.propensity.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A short sentence generated from the data by {@link Insights}, with the numbers behind it.
 *
 * @param kind     which rule produced it
 * @param sentence the sentence, plain text, built only from the data
 * @param numbers  the figures the sentence rests on, by name, in a stable order (copied, unmodifiable)
 */
public record Insight(Kind kind, String sentence, Map<String, Double> numbers) {

    /** The rules. */
    public enum Kind {
        /** How many sessions purchased, with the interval. */
        BASE_RATE(false),
        /** Hours whose conversion interval lies above the overall rate. */
        PEAK_HOURS(false),
        /** Days of week whose conversion interval lies above the overall rate. */
        PEAK_DAYS(false),
        /** Conversion rising (or falling) from the shortest to the longest sessions, intervals apart. */
        DURATION_TREND(false),
        /** The attribute group with the highest conversion whose interval lies above the overall rate. */
        STRONG_SEGMENT(false),
        /** The funnel step where most sessions leave. */
        FUNNEL_DROP(false),
        /** The feature that predicts purchase most strongly. */
        TOP_PREDICTOR(false),
        /** Warning: accuracy barely above always predicting the majority class. */
        ACCURACY_NEAR_BASELINE(true),
        /** Warning: a near-perfect ROC AUC, which on real data suggests leakage. */
        POSSIBLE_LEAKAGE(true);

        private final boolean warning;

        Kind(boolean warning) {
            this.warning = warning;
        }

        /** Whether insights of this kind are warnings about the model rather than findings. */
        public boolean isWarning() {
            return warning;
        }
    }

    /** Validates and copies the numbers, keeping their order. */
    public Insight {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentence, "sentence");
        if (sentence.isBlank()) {
            throw new IllegalArgumentException("insight sentence must not be blank");
        }
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(numbers, "numbers")));
    }

    /** Whether this insight is a warning ({@link Kind#isWarning()}). */
    public boolean warning() {
        return kind.isWarning();
    }

    /** The sentence. */
    @Override
    public String toString() {
        return (warning() ? "WARNING: " : "") + sentence;
    }
}
