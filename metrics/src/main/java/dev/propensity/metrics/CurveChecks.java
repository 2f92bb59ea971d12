package dev.propensity.metrics;

/** Shared validation of curve records. Package-private. */
final class CurveChecks {
    private CurveChecks() {
    }

    static void sameLength(int min, double[]... arrays) {
        int n = arrays[0].length;
        for (double[] a : arrays) {
            if (a.length != n) {
                throw new IllegalArgumentException("curve arrays differ in length: " + n + " vs " + a.length);
            }
        }
        if (n < min) {
            throw new IllegalArgumentException("a curve needs at least " + min + " points, got " + n);
        }
    }
}
