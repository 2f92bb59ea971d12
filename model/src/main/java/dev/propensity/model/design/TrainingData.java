package dev.propensity.model.design;

import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks and encodes a training table. */
public final class TrainingData {
    private TrainingData() {
    }

    /**
     * Refuses tables a trainer cannot learn from.
     *
     * @return the number of positives
     */
    public static int checkLabels(FeatureTable table, int minPositives, String trainer) {
        return checkLabels(table.labels(), minPositives, trainer);
    }

    /**
     * Refuses training labels a trainer cannot learn from.
     *
     * @return the number of positives
     */
    public static int checkLabels(boolean[] labels, int minPositives, String trainer) {
        int rows = labels.length;
        if (rows == 0) {
            throw new IllegalArgumentException(trainer + ": cannot train on a table with no rows");
        }
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        if (positives == 0 || positives == rows) {
            throw new IllegalArgumentException(trainer + ": training needs both purchases and non-purchases, but all "
                    + rows + " rows are " + (positives == 0 ? "non-purchases" : "purchases"));
        }
        if (positives < minPositives) {
            throw new IllegalArgumentException(trainer + ": training needs at least " + minPositives
                    + " purchases (minPositives), the table has " + positives + " in " + rows + " rows");
        }
        return positives;
    }

    /** The labels of some rows of a table ({@code null}: all rows). */
    public static boolean[] labels(FeatureTable table, int[] rows) {
        if (rows == null) {
            return table.labels();
        }
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = table.label(rows[i]);
        }
        return y;
    }

    /**
     * Encodes every row and refuses non-finite encoded values, naming the feature, the row and the raw value.
     *
     * @return one array per encoded input
     */
    public static double[][] encode(FittedEncoding encoding, FeatureTable table, String trainer) {
        double[][] cols = encoding.encodeColumns(table);
        for (int k = 0; k < cols.length; k++) {
            double[] c = cols[k];
            for (int i = 0; i < c.length; i++) {
                if (!Double.isFinite(c[i])) {
                    throw notFinite(encoding, table, trainer, k, i, c[i]);
                }
            }
        }
        return cols;
    }

    /**
     * Encodes every row into {@code float} columns, a block of rows at a time (so the {@code double} encoding of
     * the whole table never exists), refusing non-finite values as {@link #encode} does.
     *
     * @return one array per encoded input
     */
    public static float[][] encodeFloat(FittedEncoding encoding, FeatureTable table, String trainer, Workers workers) {
        return encodeFloat(encoding, table, null, trainer, workers);
    }

    /**
     * Encodes some rows of a table ({@code null}: every row) into {@code float} columns, as
     * {@link #encodeFloat(FittedEncoding, FeatureTable, String, Workers)} does; entry {@code i} is row
     * {@code rows[i]}.
     *
     * <p>One feature's outputs are encoded at a time, and a column that is zero on every row, or bit for bit equal
     * to an earlier column, is not kept: its entry is then the same array as another entry (one shared array of
     * zeros, or the earlier column). An encoded session table has many such columns (levels that never occur, the
     * missing indicators of features never missing or missing together), so the design takes only the memory of its
     * distinct columns. Callers must not write into the arrays.
     *
     * @return one array per encoded input; equal columns may be the same array
     */
    public static float[][] encodeFloat(FittedEncoding encoding, FeatureTable table, int[] rows, String trainer,
                                 Workers workers) {
        int n = rows == null ? table.rows() : rows.length;
        int width = encoding.width();
        float[][] out = new float[width][];
        int block = 65_536;
        int blocks = (n + block - 1) / block;
        // blocks are independent: encode them on the workers; the first bad row (in row order) is reported
        IllegalArgumentException[] errors = new IllegalArgumentException[blocks];
        float[] zeros = null;
        Map<Long, List<float[]>> kept = new HashMap<>();
        for (int first = 0; first < width; ) {
            int feature = encoding.sourceFeature(first);
            int end = first + 1;
            while (end < width && encoding.sourceFeature(end) == feature) {
                end++;
            }
            int from = first;
            int to = end;
            float[][] part = new float[width][];
            for (int k = from; k < to; k++) {
                part[k] = new float[n];
            }
            workers.forBlocks(blocks, blocks, (b, ignoredFrom, ignoredTo) -> {
                int start = b * block;
                int stop = Math.min(n, start + block);
                encoding.encodeFloat(table, rows, start, stop, part);
                for (int k = from; k < to && errors[b] == null; k++) {
                    float[] o = part[k];
                    for (int i = start; i < stop; i++) {
                        if (!Float.isFinite(o[i])) {
                            errors[b] = notFinite(encoding, table, trainer, k, rows == null ? i : rows[i], o[i]);
                            break;
                        }
                    }
                }
            });
            for (int k = from; k < to; k++) {
                float[] c = part[k];
                long h = bitsHash(c);
                if (h == ZERO_HASH && allZeroBits(c)) {
                    if (zeros == null) {
                        zeros = c;
                    }
                    out[k] = zeros;
                    continue;
                }
                List<float[]> same = kept.computeIfAbsent(h, x -> new ArrayList<>());
                float[] match = null;
                for (float[] e : same) {
                    if (sameBits(e, c)) {
                        match = e;
                        break;
                    }
                }
                if (match == null) {
                    same.add(c);
                    match = c;
                }
                out[k] = match;
            }
            first = end;
        }
        for (IllegalArgumentException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        return out;
    }

    /** The hash {@link #bitsHash} gives every column of positive zeros, and no other column by a collision of 0. */
    private static final long ZERO_HASH = -1;

    /** A hash of a column's bits; {@link #ZERO_HASH} for every column of positive zeros. */
    private static long bitsHash(float[] c) {
        long h0 = 0;
        long h1 = 0;
        int i = 0;
        for (; i + 1 < c.length; i += 2) {
            h0 = 31 * h0 + Float.floatToRawIntBits(c[i]);
            h1 = 31 * h1 + Float.floatToRawIntBits(c[i + 1]);
        }
        for (; i < c.length; i++) {
            h0 = 31 * h0 + Float.floatToRawIntBits(c[i]);
        }
        long h = h0 * 1_000_003L + h1;
        // all zero bits hash to 0; keep that value for them alone so the zero test is rarely run in vain
        return h == 0 ? ZERO_HASH : h == ZERO_HASH ? 0 : h;
    }

    private static boolean allZeroBits(float[] c) {
        for (float v : c) {
            if (Float.floatToRawIntBits(v) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBits(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException notFinite(FittedEncoding encoding, FeatureTable table, String trainer,
                                                      int output, int row, double encoded) {
        String feature = encoding.inputSchema().get(encoding.sourceFeature(output)).name();
        return new IllegalArgumentException(trainer + ": feature " + feature + " (model input "
                + encoding.outputNames().get(output) + ") is not finite after encoding at row " + row + " (session "
                + table.id(row) + "): raw value " + table.value(row, feature) + ", encoded " + encoded);
    }
}
