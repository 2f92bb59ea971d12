package dev.propensity.features;

/**
 * A numeric, count or binary feature's transform: {@code log1p} (optional), centre and scale, missing values
 * filled, an optional missing indicator, and optional quantile bins (one-hot).
 *
 * @param input            the raw feature's index
 * @param offset           the first output's index
 * @param log              whether {@code log(1 + max(v, 0))} is taken first
 * @param center           subtracted after the log
 * @param scale            divided by after centring, {@code > 0}
 * @param fill             the output for a missing value
 * @param missingIndicator whether an output {@code name:missing} follows
 * @param edges            the quantile bins' inner edges, or {@code null} for no bins
 */
record NumericTransform(int input, int offset, boolean log, double center, double scale, double fill,
                        boolean missingIndicator, double[] edges) implements ColumnTransform {

    /** Checks the scale. */
    NumericTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, was " + scale);
        }
    }

    @Override
    public int width() {
        return 1 + (missingIndicator ? 1 : 0) + (edges == null ? 0 : edges.length + 1);
    }

    @Override
    public NumericTransform at(int newOffset) {
        return new NumericTransform(input, newOffset, log, center, scale, fill, missingIndicator, edges);
    }

    /** The first output of a raw value. */
    double value(double v) {
        if (Double.isNaN(v)) {
            return fill;
        }
        double x = log ? Log1p.of(v > 0 ? v : 0.0) : v;
        return (x - center) * (1.0 / scale);
    }

    int binOffset() {
        return offset + 1 + (missingIndicator ? 1 : 0);
    }

    int bin(double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void emit(double v, int[] codeSlot, Sink sink) {
        sink.put(offset, value(v));
        if (Double.isNaN(v)) {
            if (missingIndicator) {
                sink.put(offset + 1, 1.0);
            }
        } else if (edges != null) {
            sink.put(binOffset() + bin(v), 1.0);
        }
    }

    @Override
    public void addLinear(double[] src, int from, int n, int[] codeSlot, double[] weights, double[] z) {
        // value(v) = (x - center) * (1 / scale), so w * value(v) = a * x - c
        double w = weights[offset];
        double inverseScale = 1.0 / scale;
        double a = w * inverseScale;
        double c = w * center * inverseScale;
        double wFill = w * fill + (missingIndicator ? weights[offset + 1] : 0.0);
        int bo = edges == null ? -1 : binOffset();
        if (!log && bo < 0) {
            // the common case, without the branches the compiler cannot hoist out of the loop
            for (int i = 0; i < n; i++) {
                double v = src[from + i];
                z[i] += Double.isNaN(v) ? wFill : a * v - c;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = src[from + i];
            if (Double.isNaN(v)) {
                z[i] += wFill;
            } else {
                double x = log ? Log1p.of(v > 0 ? v : 0.0) : v;
                z[i] += a * x - c;
                if (bo >= 0) {
                    z[i] += weights[bo + bin(v)];
                }
            }
        }
    }

    /** Equal when every parameter is, the edges by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NumericTransform t && input == t.input && offset == t.offset && log == t.log
                && Double.compare(center, t.center) == 0 && Double.compare(scale, t.scale) == 0
                && Double.compare(fill, t.fill) == 0 && missingIndicator == t.missingIndicator
                && java.util.Arrays.equals(edges, t.edges);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(input, offset, log, center, scale, fill, missingIndicator)
                + 31 * java.util.Arrays.hashCode(edges);
    }
}
