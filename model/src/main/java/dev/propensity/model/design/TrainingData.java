package dev.propensity.model.design;

import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

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
     * @return the design
     */
    public static Design encodeDesign(FittedEncoding encoding, FeatureTable table, String trainer, Workers workers) {
        return encodeDesign(encoding, table, null, trainer, workers);
    }

    /**
     * Encodes some rows of a table ({@code null}: every row) into a {@link Design}, as
     * {@link #encodeDesign(FittedEncoding, FeatureTable, String, Workers)} does; row {@code i} is table row
     * {@code rows[i]}.
     *
     * <p>One feature's outputs are encoded at a time. An indicator column (zeros and ones, at most half ones) is kept
     * as the rows where it is one ({@link Design#indicator}); any other column as {@code float}s, and a dense column
     * bit for bit equal to an earlier one is not kept again: its entry is the earlier column's array, as equal
     * indicator columns share one array of ones. An encoded session table is mostly indicators (one-hot levels,
     * missing indicators), so the design takes a fraction of {@code rows x width} floats.
     *
     * @return the design; equal columns may share one array
     */
    public static Design encodeDesign(FittedEncoding encoding, FeatureTable table, int[] rows, String trainer,
                                      Workers workers) {
        int n = rows == null ? table.rows() : rows.length;
        int width = encoding.width();
        float[][] dense = new float[width][];
        int[][] ones = new int[width][];
        int block = 65_536;
        int blocks = (n + block - 1) / block;
        // blocks are independent: encode them on the workers; the first bad row (in row order) is reported
        IllegalArgumentException[] errors = new IllegalArgumentException[blocks];
        Map<Long, List<float[]>> kept = new HashMap<>();
        Map<Long, List<int[]>> keptOnes = new HashMap<>();
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
            int[][] found = new int[width][];
            workers.forBlocks(to - from, to - from, (k, ignoredFrom, ignoredTo) ->
                    found[from + k] = Design.indicator(part[from + k]));
            for (int k = from; k < to; k++) {
                float[] c = part[k];
                part[k] = null;
                int[] o = found[k];
                if (o != null) {
                    ones[k] = intern(keptOnes, (long) Arrays.hashCode(o), o, Arrays::equals);
                } else {
                    dense[k] = intern(kept, bitsHash(c), c, Design::bitsEqual);
                }
            }
            first = end;
        }
        for (IllegalArgumentException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        return Design.of(n, dense, ones);
    }

    /** The array kept for a value equal to {@code value} (an earlier one, or {@code value}, now kept). */
    private static <T> T intern(Map<Long, List<T>> kept, long hash, T value, BiPredicate<T, T> equal) {
        List<T> same = kept.computeIfAbsent(hash, x -> new ArrayList<>());
        for (T e : same) {
            if (equal.test(e, value)) {
                return e;
            }
        }
        same.add(value);
        return value;
    }

    /** A hash of a column's bits. */
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
        return h0 * 1_000_003L + h1;
    }

    /**
     * The one-line refusal of a non-finite encoded value, naming the feature, the model input, the row, the session
     * and the raw value.
     *
     * @param encoding the fitted encoding
     * @param table    the table
     * @param trainer  the trainer's name
     * @param output   the model input (encoded column)
     * @param row      the table row
     * @param encoded  the encoded value (NaN or infinite)
     * @return the exception, to throw
     */
    public static IllegalArgumentException notFinite(FittedEncoding encoding, FeatureTable table, String trainer,
                                                     int output, int row, double encoded) {
        String feature = encoding.inputSchema().get(encoding.sourceFeature(output)).name();
        return new IllegalArgumentException(trainer + ": feature " + feature + " (model input "
                + encoding.outputNames().get(output) + ") is not finite after encoding at row " + row + " (session "
                + table.id(row) + "): raw value " + table.value(row, feature) + ", encoded " + encoded);
    }
}
