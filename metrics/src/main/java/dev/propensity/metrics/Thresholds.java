package dev.propensity.metrics;

import java.util.Locale;

/**
 * Choosing a decision threshold from labels and scores. Every distinct score is a candidate threshold (a row is
 * predicted positive when its score is {@code >= threshold}); ties between candidates go to the higher threshold.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /**
     * The threshold with the highest F1.
     *
     * @param labels true for buyers; at least one buyer
     * @param scores any finite scores
     * @return the choice; its value is the F1 in [0, 1]
     * @throws IllegalArgumentException when there is no buyer (F1 would be 0 everywhere)
     */
    public static ThresholdChoice maxF1(boolean[] labels, double[] scores) {
        return maxF1(Ranked.of(labels, scores));
    }

    static ThresholdChoice maxF1(Ranked r) {
        if (r.positives == 0) {
            throw new IllegalArgumentException("max F1 needs at least one buyer, got 0 of " + r.n());
        }
        int best = 0;
        double bestF1 = -1;
        for (int k = 0; k < r.size(); k++) {
            long tp = r.cumTp[k];
            long fp = r.cumFp[k];
            long fn = r.positives - tp;
            double f1 = (2.0 * tp) / (2.0 * tp + fp + fn);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = k;
            }
        }
        return new ThresholdChoice("max F1", r.thresholds[best], bestF1, at(r, best));
    }

    /**
     * The threshold with the lowest total cost {@code costOfMissedBuyer x fn + costOfWastedOffer x fp}. Targeting
     * nobody is a candidate too (threshold just above the highest score), as is targeting everybody.
     *
     * @param labels            true for buyers
     * @param scores            any finite scores
     * @param costOfMissedBuyer the cost of a buyer not targeted (a false negative), finite and &gt;= 0
     * @param costOfWastedOffer the cost of an offer to a non-buyer (a false positive), finite and &gt;= 0
     * @return the choice; its value is the total cost over all rows, &gt;= 0
     */
    public static ThresholdChoice minCost(boolean[] labels, double[] scores, double costOfMissedBuyer,
                                          double costOfWastedOffer) {
        if (!(costOfMissedBuyer >= 0) || Double.isInfinite(costOfMissedBuyer)) {
            throw new IllegalArgumentException("cost of a missed buyer must be finite and >= 0, was " + costOfMissedBuyer);
        }
        if (!(costOfWastedOffer >= 0) || Double.isInfinite(costOfWastedOffer)) {
            throw new IllegalArgumentException("cost of a wasted offer must be finite and >= 0, was " + costOfWastedOffer);
        }
        Ranked r = Ranked.of(labels, scores);
        String criterion = String.format(Locale.ROOT, "min cost (missed buyer %s, wasted offer %s)",
                costOfMissedBuyer, costOfWastedOffer);
        // candidate -1: nobody targeted
        int best = -1;
        double bestCost = costOfMissedBuyer * r.positives;
        for (int k = 0; k < r.size(); k++) {
            double cost = costOfMissedBuyer * (r.positives - r.cumTp[k]) + costOfWastedOffer * r.cumFp[k];
            if (cost < bestCost) {
                bestCost = cost;
                best = k;
            }
        }
        if (best < 0) {
            double above = Math.nextUp(r.thresholds[0]);
            return new ThresholdChoice(criterion, above, bestCost,
                    new ConfusionMatrix(0, 0, r.negatives, r.positives));
        }
        return new ThresholdChoice(criterion, r.thresholds[best], bestCost, at(r, best));
    }

    private static ConfusionMatrix at(Ranked r, int k) {
        long tp = r.cumTp[k];
        long fp = r.cumFp[k];
        return new ConfusionMatrix(tp, fp, r.negatives - fp, r.positives - tp);
    }
}
