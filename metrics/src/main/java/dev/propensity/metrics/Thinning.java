package dev.propensity.metrics;

/** Index selection for thinning curves. Package-private. */
final class Thinning {
    private Thinning() {
    }

    /**
     * At most {@code maxPoints} indices into a curve of {@code size} points, evenly spaced, always keeping the first
     * and the last; all indices when the curve is small enough.
     */
    static int[] indices(int size, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a thinned curve keeps at least 2 points, was asked for " + maxPoints);
        }
        int m = Math.min(size, maxPoints);
        int[] idx = new int[m];
        if (m == size) {
            for (int i = 0; i < m; i++) {
                idx[i] = i;
            }
            return idx;
        }
        for (int i = 0; i < m; i++) {
            idx[i] = (int) Math.round((double) i * (size - 1) / (m - 1));
        }
        return idx;
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
