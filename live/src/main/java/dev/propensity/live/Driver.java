package dev.propensity.live;

import java.util.Objects;

/**
 * One feature's part of a live prediction: for a linear model, its contribution to the log-odds (the sum of
 * coefficient times encoded value over the model inputs built from it). Positive pushes towards a purchase.
 *
 * @param feature      the raw feature's name
 * @param contribution its part of the log-odds
 */
public record Driver(String feature, double contribution) {
    /** Validates. */
    public Driver {
        Objects.requireNonNull(feature, "feature");
    }
}
