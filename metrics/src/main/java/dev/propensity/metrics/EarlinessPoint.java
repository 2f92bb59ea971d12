package dev.propensity.metrics;

import java.util.Objects;

/**
 * How well purchases are predicted at one {@link Checkpoint}, over the sessions that count there.
 *
 * @param checkpoint      the checkpoint's name: {@code events:k}, {@code minutes:m} or {@code all}
 * @param sessions        sessions that count at the checkpoint (still going, no purchase yet)
 * @param purchases       those among them that go on to buy
 * @param rocAuc          ROC AUC; NaN when one class is absent
 * @param prAuc           average precision; NaN without buyers
 * @param logLoss         mean log loss; NaN without sessions
 * @param ece             expected calibration error over 10 equal-width bins; NaN without sessions
 * @param meanProbability the mean predicted probability; NaN without sessions
 * @param purchaseRate    {@code purchases / sessions}; NaN without sessions. Against {@code meanProbability} it
 *                        shows whether the model under- or over-predicts sessions still in progress
 */
public record EarlinessPoint(String checkpoint, int sessions, int purchases, double rocAuc, double prAuc,
                             double logLoss, double ece, double meanProbability, double purchaseRate) {
    /** Validates. */
    public EarlinessPoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (sessions < 0 || purchases < 0 || purchases > sessions) {
            throw new IllegalArgumentException("need 0 <= purchases <= sessions, were " + purchases + " and "
                    + sessions);
        }
    }
}
