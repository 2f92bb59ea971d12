package dev.propensity.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * How a model's figures were obtained: stratified K-fold cross-validation with pooled out-of-fold predictions, a
 * random (stratified) holdout, or a time-based split that trains on earlier sessions and tests on later ones.
 * Every reported figure carries the protocol it came from ({@link #describe()}).
 *
 * @param kind     the protocol
 * @param folds    the number of folds for {@link Kind#CROSS_VALIDATION} (at least 2); 1 otherwise
 * @param fraction the test fraction for holdout and time splits, in (0, 1); 0 for cross-validation
 * @param seed     the seed of the random assignment (unused by time splits)
 */
public record EvaluationProtocol(Kind kind, int folds, double fraction, long seed) {

    /** The kinds of protocol. */
    public enum Kind {
        /** Stratified K-fold cross-validation, pooled out-of-fold predictions. */
        CROSS_VALIDATION,
        /** A random stratified holdout. */
        HOLDOUT,
        /** Train on the earliest sessions, test on the latest. */
        TIME
    }

    /** Validates; see the parameters. */
    public EvaluationProtocol {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.CROSS_VALIDATION) {
            if (folds < 2) {
                throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
            }
            if (fraction != 0) {
                throw new IllegalArgumentException("cross-validation takes no test fraction, was " + fraction);
            }
        } else {
            if (folds != 1) {
                throw new IllegalArgumentException(kind + " has exactly one split, folds was " + folds);
            }
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("test fraction must be in (0, 1), was " + fraction);
            }
        }
    }

    /** Stratified K-fold cross-validation. */
    public static EvaluationProtocol crossValidation(int folds, long seed) {
        return new EvaluationProtocol(Kind.CROSS_VALIDATION, folds, 0, seed);
    }

    /** A random stratified holdout of the given test fraction. */
    public static EvaluationProtocol holdout(double testFraction, long seed) {
        return new EvaluationProtocol(Kind.HOLDOUT, 1, testFraction, seed);
    }

    /** A time split: the latest {@code testFraction} of sessions by start time are the test set. */
    public static EvaluationProtocol timeSplit(double testFraction) {
        return new EvaluationProtocol(Kind.TIME, 1, testFraction, 0);
    }

    /**
     * This protocol with another seed for its random assignment, as a command does once it knows the run's seed.
     * A time split has no randomness: it is returned unchanged (its seed stays 0).
     *
     * @param newSeed the seed
     * @return the protocol with the seed
     */
    public EvaluationProtocol withSeed(long newSeed) {
        return kind == Kind.TIME ? this : new EvaluationProtocol(kind, folds, fraction, newSeed);
    }

    /**
     * Parses the command-line form: {@code cv:K}, {@code holdout:F} or {@code time:F}.
     *
     * @param text the text
     * @param seed the seed for random protocols
     * @return the protocol
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static EvaluationProtocol parse(String text, long seed) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("evaluation '" + text + "' must be cv:K, holdout:F or time:F");
        }
        String name = t.substring(0, colon);
        String arg = t.substring(colon + 1);
        try {
            switch (name) {
                case "cv":
                    return crossValidation(Integer.parseInt(arg), seed);
                case "holdout":
                    return holdout(Double.parseDouble(arg), seed);
                case "time":
                    return timeSplit(Double.parseDouble(arg));
                default:
                    throw new IllegalArgumentException("evaluation '" + text + "' must be cv:K, holdout:F or time:F");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("evaluation '" + text + "': '" + arg + "' is not a number");
        }
    }

    /** The command-line form, e.g. {@code cv:5}. */
    public String code() {
        switch (kind) {
            case CROSS_VALIDATION:
                return "cv:" + folds;
            case HOLDOUT:
                return "holdout:" + fraction;
            default:
                return "time:" + fraction;
        }
    }

    /** A phrase for reports, e.g. "stratified 5-fold cross-validation (pooled out-of-fold), seed 42". */
    public String describe() {
        switch (kind) {
            case CROSS_VALIDATION:
                return "stratified " + folds + "-fold cross-validation (pooled out-of-fold), seed " + seed;
            case HOLDOUT:
                return String.format(Locale.ROOT, "stratified random holdout, %.0f%% test, seed %d", fraction * 100, seed);
            default:
                return String.format(Locale.ROOT, "time split: trained on the earliest %.0f%%, tested on the latest %.0f%% of sessions",
                        (1 - fraction) * 100, fraction * 100);
        }
    }
}
