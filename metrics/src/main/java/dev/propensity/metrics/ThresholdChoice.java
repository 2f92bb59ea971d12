package dev.propensity.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * A decision threshold chosen by a criterion, with the figure it achieves and the confusion counts there.
 *
 * @param criterion what was optimised, e.g. "max F1" or "min cost (missed buyer 5.0, wasted offer 1.0)"
 * @param threshold predicted positive when score &gt;= threshold; finite (for "target nobody" it is just above the
 *                  highest score)
 * @param value     the figure at the threshold: F1 in [0, 1] for max F1, the total cost (&gt;= 0) for min cost
 * @param confusion the confusion counts at the threshold
 */
public record ThresholdChoice(String criterion, double threshold, double value, ConfusionMatrix confusion) {

    /** Validates. */
    public ThresholdChoice {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(confusion, "confusion");
        ClassificationMetrics.checkThreshold(threshold);
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("value must not be NaN");
        }
    }

    /** E.g. {@code max F1: threshold 0.3120 gives 0.6712 (precision 0.62, recall 0.73)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: threshold %.4f gives %.4f (precision %.2f, recall %.2f)", criterion,
                threshold, value, confusion.precision(), confusion.recall());
    }
}
