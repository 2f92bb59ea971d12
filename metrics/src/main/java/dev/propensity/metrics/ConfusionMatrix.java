package dev.propensity.metrics;

import java.util.Locale;

/**
 * The four counts of a binary classification at one threshold. "Positive" means "purchased".
 *
 * <p>Every ratio below follows scikit-learn's convention for a zero denominator: it is 0 (not NaN), and says so.
 *
 * @param tp buyers predicted to buy (true positives), at least 0
 * @param fp non-buyers predicted to buy (false positives, wasted offers), at least 0
 * @param tn non-buyers predicted not to buy (true negatives), at least 0
 * @param fn buyers predicted not to buy (false negatives, missed buyers), at least 0
 */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    /** Validates that no count is negative. */
    public ConfusionMatrix {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("confusion counts must be >= 0, were tp=" + tp + " fp=" + fp
                    + " tn=" + tn + " fn=" + fn);
        }
    }

    /** The number of rows counted: tp + fp + tn + fn. */
    public long n() {
        return tp + fp + tn + fn;
    }

    /** The number of actual buyers: tp + fn. */
    public long positives() {
        return tp + fn;
    }

    /** The number of actual non-buyers: fp + tn. */
    public long negatives() {
        return fp + tn;
    }

    /** The number predicted to buy: tp + fp. */
    public long predictedPositives() {
        return tp + fp;
    }

    /** (tp + tn) / n in [0, 1]; 0 when n = 0. */
    public double accuracy() {
        return ratio(tp + tn, n());
    }

    /** tp / (tp + fp) in [0, 1]; 0 when nothing is predicted positive. */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** tp / (tp + fn) in [0, 1] (true positive rate, sensitivity); 0 when there are no actual positives. */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** fp / (fp + tn) in [0, 1] (false positive rate); 0 when there are no actual negatives. */
    public double falsePositiveRate() {
        return ratio(fp, fp + tn);
    }

    /** tn / (tn + fp) in [0, 1] (specificity); 0 when there are no actual negatives. */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    /**
     * F1 = 2 tp / (2 tp + fp + fn) in [0, 1], the harmonic mean of precision and recall; 0 when tp + fp + fn = 0
     * (scikit-learn's {@code zero_division=0}).
     */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * Matthews correlation coefficient in [-1, 1]: (tp tn - fp fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)); 0 when any
     * of the four sums is 0 (scikit-learn's convention).
     */
    public double mcc() {
        double a = tp + fp;
        double b = tp + fn;
        double c = tn + fp;
        double d = tn + fn;
        double den = Math.sqrt(a) * Math.sqrt(b) * Math.sqrt(c) * Math.sqrt(d);
        if (den == 0) {
            return 0;
        }
        return ((double) tp * tn - (double) fp * fn) / den;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }

    /** A 2x2 table, actual by row, predicted by column. */
    @Override
    public String toString() {
        int w = Math.max(9, Long.toString(Math.max(Math.max(tp, fp), Math.max(tn, fn))).length() + 2);
        String f = "%-16s%" + w + "s%" + w + "s%n";
        return String.format(Locale.ROOT, f, "", "pred buy", "pred no")
                + String.format(Locale.ROOT, f, "actual buy", tp, fn)
                + String.format(Locale.ROOT, f, "actual no", fp, tn);
    }
}
