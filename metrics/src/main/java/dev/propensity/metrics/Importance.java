package dev.propensity.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How much one feature matters to a model.
 *
 * @param feature     the feature name
 * @param method      how {@code value} was measured: {@link #COEFFICIENT} or {@link #PERMUTATION}
 * @param value       for {@link #COEFFICIENT}, the standardised coefficient (signed: positive raises the purchase
 *                    probability); for {@link #PERMUTATION}, the mean drop in ROC AUC when the feature is shuffled
 *                    (about 0 for an unused feature, can be slightly negative by chance)
 * @param std         the standard deviation of the drop over repeats (sample, n - 1); 0 for coefficients or a
 *                    single repeat
 * @param repeats     how many shuffles were averaged; 0 for coefficients
 * @param nearOutcome whether the feature nearly is the outcome (such as checkout started), to be shown as such
 */
public record Importance(String feature, String method, double value, double std, int repeats, boolean nearOutcome) {
    /** The method name of standardised linear-model coefficients. */
    public static final String COEFFICIENT = "standardised coefficient";
    /** The method name of permutation importance (drop in ROC AUC). */
    public static final String PERMUTATION = "permutation (drop in ROC AUC)";

    /** Validates. */
    public Importance {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(method, "method");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("importance of '" + feature + "' must be finite, was " + value);
        }
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("std of '" + feature + "' must be finite and >= 0, was " + std);
        }
        if (repeats < 0) {
            throw new IllegalArgumentException("repeats of '" + feature + "' must be >= 0, was " + repeats);
        }
    }

    /** The size of the effect regardless of direction: |value|. */
    public double magnitude() {
        return Math.abs(value);
    }

    /**
     * Whether the effect is distinguishable from zero: always for coefficients (their value is the effect); for
     * permutation importance, value &gt; 2 std (and &gt; 0) over at least 2 repeats, or value &gt; 0 for 1 repeat.
     */
    public boolean significant() {
        if (repeats < 2) {
            return method.equals(COEFFICIENT) ? value != 0 : value > 0;
        }
        return value > 0 && value > 2 * std;
    }

    /**
     * Importances from a linear model's standardised coefficients (coefficient x standard deviation of the feature,
     * or the coefficients of a model fitted on standardised features), sorted by decreasing magnitude.
     *
     * @param names        the feature names
     * @param coefficients the standardised coefficients, same length, finite
     * @return one importance per feature
     */
    public static List<Importance> fromCoefficients(String[] names, double[] coefficients) {
        return fromCoefficients(names, coefficients, Set.of());
    }

    /**
     * Importances from standardised coefficients, marking the named near-outcome features.
     *
     * @param names        the feature names
     * @param coefficients the standardised coefficients, same length, finite
     * @param nearOutcome  the names of features that nearly are the outcome
     * @return one importance per feature, by decreasing magnitude
     */
    public static List<Importance> fromCoefficients(String[] names, double[] coefficients, Set<String> nearOutcome) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(nearOutcome, "nearOutcome");
        if (names.length != coefficients.length) {
            throw new IllegalArgumentException("names and coefficients differ in length: " + names.length + " vs "
                    + coefficients.length);
        }
        List<Importance> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            list.add(new Importance(names[i], COEFFICIENT, coefficients[i], 0, 0, nearOutcome.contains(names[i])));
        }
        list.sort(Comparator.comparingDouble(Importance::magnitude).reversed());
        return List.copyOf(list);
    }

    /**
     * Importances from a linear model's raw coefficients, standardised here: each coefficient times the standard
     * deviation (population, NaN values ignored) of its feature column, so that features on different scales compare.
     * Sorted by decreasing magnitude.
     *
     * @param names        the feature names
     * @param coefficients the raw coefficients (on the scale of the columns), same length, finite
     * @param columns      the feature columns the model was trained on, {@code columns[j][row]}, same count
     * @param nearOutcome  the names of features that nearly are the outcome
     * @return one importance per feature
     */
    public static List<Importance> fromRawCoefficients(String[] names, double[] coefficients, double[][] columns,
                                                       Set<String> nearOutcome) {
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(columns, "columns");
        if (columns.length != coefficients.length) {
            throw new IllegalArgumentException("columns and coefficients differ in count: " + columns.length + " vs "
                    + coefficients.length);
        }
        double[] standardised = new double[coefficients.length];
        for (int j = 0; j < columns.length; j++) {
            standardised[j] = coefficients[j] * std(columns[j]);
        }
        return fromCoefficients(names, standardised, nearOutcome);
    }

    /** Population standard deviation of the non-NaN values; 0 when fewer than one value. */
    static double std(double[] column) {
        double mean = 0;
        long n = 0;
        for (double v : column) {
            if (!Double.isNaN(v)) {
                n++;
                mean += (v - mean) / n;
            }
        }
        if (n == 0) {
            return 0;
        }
        double ss = 0;
        for (double v : column) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return Math.sqrt(ss / n);
    }

    /** E.g. {@code PageValues  +1.234 (standardised coefficient)}. */
    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "%s %+.4f", feature, value);
        if (repeats > 1) {
            s += String.format(Locale.ROOT, " +/- %.4f", std);
        }
        return s + " (" + method + (nearOutcome ? ", near the outcome" : "") + ")";
    }
}
