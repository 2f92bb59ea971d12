package dev.propensity.features;

/**
 * {@code Math.log(1.0 + v)}, bit for bit, with the values of small whole numbers read from a table: most session
 * features are counts, and the encoding takes this logarithm of every value of a logged column once per fold.
 */
final class Log1p {
    private static final int TABLE = 1024;
    private static final double[] LOGS = new double[TABLE];

    static {
        for (int i = 0; i < TABLE; i++) {
            LOGS[i] = Math.log(1.0 + i);
        }
    }

    private Log1p() {
    }

    /** {@code Math.log(1.0 + v)}: the same double for every {@code v}, NaN and the infinities included. */
    static double of(double v) {
        int i = (int) v;
        if (i == v && i >= 0 && i < TABLE) {
            return LOGS[i]; // -0.0 reads LOGS[0] = 0.0, as Math.log(1.0 + -0.0) is
        }
        return Math.log(1.0 + v);
    }
}
