package dev.propensity.model.tribuo;

import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;

/** Checks and encodes a training table. */
final class TrainingData {
    private TrainingData() {
    }

    /**
     * Refuses tables a trainer cannot learn from.
     *
     * @return the number of positives
     */
    static int checkLabels(FeatureTable table, int minPositives, String trainer) {
        return checkLabels(table.labels(), minPositives, trainer);
    }

    /**
     * Refuses training labels a trainer cannot learn from.
     *
     * @return the number of positives
     */
    static int checkLabels(boolean[] labels, int minPositives, String trainer) {
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
    static boolean[] labels(FeatureTable table, int[] rows) {
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
    static double[][] encode(FittedEncoding encoding, FeatureTable table, String trainer) {
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
    static float[][] encodeFloat(FittedEncoding encoding, FeatureTable table, String trainer, Workers workers) {
        return encodeFloat(encoding, table, null, trainer, workers);
    }

    /**
     * Encodes some rows of a table ({@code null}: every row) into {@code float} columns, as
     * {@link #encodeFloat(FittedEncoding, FeatureTable, String, Workers)} does; entry {@code i} is row
     * {@code rows[i]}.
     *
     * @return one array per encoded input
     */
    static float[][] encodeFloat(FittedEncoding encoding, FeatureTable table, int[] rows, String trainer,
                                 Workers workers) {
        int n = rows == null ? table.rows() : rows.length;
        int width = encoding.width();
        float[][] out = new float[width][n];
        int block = 65_536;
        int blocks = (n + block - 1) / block;
        // blocks are independent: encode them on the workers; the first bad row (in row order) is reported
        IllegalArgumentException[] errors = new IllegalArgumentException[blocks];
        workers.forBlocks(blocks, blocks, (b, ignoredFrom, ignoredTo) -> {
            int start = b * block;
            int end = Math.min(n, start + block);
            encoding.encodeFloat(table, rows, start, end, out);
            for (int k = 0; k < width && errors[b] == null; k++) {
                float[] o = out[k];
                for (int i = start; i < end; i++) {
                    if (!Float.isFinite(o[i])) {
                        errors[b] = notFinite(encoding, table, trainer, k, rows == null ? i : rows[i], o[i]);
                        break;
                    }
                }
            }
        });
        for (IllegalArgumentException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        return out;
    }

    private static IllegalArgumentException notFinite(FittedEncoding encoding, FeatureTable table, String trainer,
                                                      int output, int row, double encoded) {
        String feature = encoding.inputSchema().get(encoding.sourceFeature(output)).name();
        return new IllegalArgumentException(trainer + ": feature " + feature + " (model input "
                + encoding.outputNames().get(output) + ") is not finite after encoding at row " + row + " (session "
                + table.id(row) + "): raw value " + table.value(row, feature) + ", encoded " + encoded);
    }
}
