package dev.propensity.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A reliability diagram: per bin of predicted probability, the mean prediction against the observed purchase rate
 * and the number of sessions (with its Wilson 95% interval). A well-calibrated model lies on the diagonal. Empty
 * bins are left out (as scikit-learn's {@code calibration_curve} does). Built by {@link Curves#calibration}.
 *
 * @param binning       how the bins were cut
 * @param meanPredicted x: the mean predicted probability in each non-empty bin, increasing bin order, in [0, 1]
 * @param observedRate  y: the share of buyers in each bin, in [0, 1]
 * @param counts        sessions in each bin, each &gt;= 1
 * @param low           lower Wilson 95% bound of each observed rate
 * @param high          upper Wilson 95% bound of each observed rate
 */
public record CalibrationCurve(Binning binning, double[] meanPredicted, double[] observedRate, long[] counts,
                               double[] low, double[] high) {

    /** How probabilities are cut into bins. */
    public enum Binning {
        /** Equal-width bins over [0, 1] (scikit-learn's {@code strategy="uniform"}, the default). */
        UNIFORM,
        /** Bins holding about equally many sessions, cut at the quantiles of the predictions
         * (scikit-learn's {@code strategy="quantile"}). */
        QUANTILE
    }

    /** Validates equal lengths and copies the arrays. */
    public CalibrationCurve {
        Objects.requireNonNull(binning, "binning");
        meanPredicted = Objects.requireNonNull(meanPredicted, "meanPredicted").clone();
        observedRate = Objects.requireNonNull(observedRate, "observedRate").clone();
        counts = Objects.requireNonNull(counts, "counts").clone();
        low = Objects.requireNonNull(low, "low").clone();
        high = Objects.requireNonNull(high, "high").clone();
        CurveChecks.sameLength(1, meanPredicted, observedRate, low, high);
        if (counts.length != meanPredicted.length) {
            throw new IllegalArgumentException("curve arrays differ in length: " + meanPredicted.length + " vs "
                    + counts.length);
        }
        for (long c : counts) {
            if (c < 1) {
                throw new IllegalArgumentException("every calibration bin needs at least one session, got " + c);
            }
        }
    }

    /** A copy of the mean predictions. */
    @Override
    public double[] meanPredicted() {
        return meanPredicted.clone();
    }

    /** A copy of the observed rates. */
    @Override
    public double[] observedRate() {
        return observedRate.clone();
    }

    /** A copy of the counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** A copy of the lower bounds. */
    @Override
    public double[] low() {
        return low.clone();
    }

    /** A copy of the upper bounds. */
    @Override
    public double[] high() {
        return high.clone();
    }

    /** The number of non-empty bins. */
    public int size() {
        return counts.length;
    }

    /**
     * The expected calibration error: the session-weighted mean of |observed - predicted| over bins, in [0, 1].
     */
    public double expectedCalibrationError() {
        double total = 0;
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i] * Math.abs(observedRate[i] - meanPredicted[i]);
            total += counts[i];
        }
        return sum / total;
    }

    /** Compares contents. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CalibrationCurve)) {
            return false;
        }
        CalibrationCurve c = (CalibrationCurve) o;
        return binning == c.binning && Arrays.equals(meanPredicted, c.meanPredicted)
                && Arrays.equals(observedRate, c.observedRate) && Arrays.equals(counts, c.counts)
                && Arrays.equals(low, c.low) && Arrays.equals(high, c.high);
    }

    /** Hashes contents. */
    @Override
    public int hashCode() {
        return Objects.hash(binning, Arrays.hashCode(meanPredicted), Arrays.hashCode(observedRate),
                Arrays.hashCode(counts));
    }

    /** One line per bin. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CalibrationCurve[" + binning + "]\n");
        sb.append(String.format(Locale.ROOT, "%10s %10s %8s%n", "predicted", "observed", "count"));
        for (int i = 0; i < counts.length; i++) {
            sb.append(String.format(Locale.ROOT, "%10.4f %10.4f %8d%n", meanPredicted[i], observedRate[i], counts[i]));
        }
        return sb.toString();
    }
}
