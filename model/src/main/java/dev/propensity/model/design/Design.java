package dev.propensity.model.design;

import java.util.Arrays;

/**
 * The encoded inputs of a training problem: one column per input, each either dense (one {@code float} a row) or,
 * for a column of zeros and ones, the sorted rows where it is one.
 *
 * <p>An encoded session table is mostly indicator columns (one-hot levels of the hour, the weekday, the traffic
 * source; missing indicators), and most of their entries are zero: kept as their ones, 24 hour levels of two million
 * rows take about 8 MB instead of 190 MB. A column is kept as its ones when every value is {@code +0.0f} or
 * {@code 1.0f} and at most half of them are ones ({@link #indicator}); that rule depends on the values alone, so
 * two equal columns always have the same form. Sums over a sparse column add exactly what the dense column's sums
 * add (a product with {@code +0.0f} adds nothing), so a solver gives bit for bit the same result on either form.
 * Callers must not write into the arrays.
 */
public final class Design {
    private final int rows;
    private final float[][] dense;
    private final int[][] ones;

    private Design(int rows, float[][] dense, int[][] ones) {
        this.rows = rows;
        this.dense = dense;
        this.ones = ones;
    }

    /**
     * A design of dense columns.
     *
     * @param columns one array per input, all of one length
     * @return the design (the same arrays)
     */
    public static Design dense(float[][] columns) {
        int n = columns.length == 0 ? 0 : columns[0].length;
        for (float[] c : columns) {
            if (c.length != n) {
                throw new IllegalArgumentException("columns of " + c.length + " and " + n + " rows");
            }
        }
        return new Design(n, columns.clone(), new int[columns.length][]);
    }

    /**
     * A design from columns in either form: entry {@code j} of exactly one of the arrays is non-null.
     *
     * @param rows  the number of rows
     * @param dense the dense columns ({@code null} entries where a column is sparse)
     * @param ones  the sorted rows where a sparse column is one ({@code null} entries where a column is dense)
     * @return the design (the same arrays)
     */
    public static Design of(int rows, float[][] dense, int[][] ones) {
        if (dense.length != ones.length) {
            throw new IllegalArgumentException(dense.length + " dense entries, " + ones.length + " sparse entries");
        }
        for (int j = 0; j < dense.length; j++) {
            if ((dense[j] == null) == (ones[j] == null)) {
                throw new IllegalArgumentException("column " + j + " must be dense or sparse, not "
                        + (dense[j] == null ? "neither" : "both"));
            }
            if (dense[j] != null && dense[j].length != rows) {
                throw new IllegalArgumentException("column " + j + " has " + dense[j].length + " rows, not " + rows);
            }
        }
        return new Design(rows, dense.clone(), ones.clone());
    }

    /**
     * The rows where an indicator column is one, when it is one: every value {@code +0.0f} or {@code 1.0f}, at most
     * half of them ones.
     *
     * @param column the column's values
     * @return the sorted rows where it is one, or {@code null} when it is kept dense
     */
    public static int[] indicator(float[] column) {
        int count = 0;
        int zeroBits = Float.floatToRawIntBits(0f);
        int oneBits = Float.floatToRawIntBits(1f);
        for (float v : column) {
            int b = Float.floatToRawIntBits(v);
            if (b == oneBits) {
                count++;
            } else if (b != zeroBits) {
                return null;
            }
        }
        if (count > column.length / 2) {
            return null;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < column.length; i++) {
            if (column[i] == 1f) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * The number of rows.
     *
     * @return the rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return the columns
     */
    public int width() {
        return dense.length;
    }

    /**
     * Whether column {@code j} is kept as its ones.
     *
     * @param j the column
     * @return whether it is sparse
     */
    public boolean sparse(int j) {
        return ones[j] != null;
    }

    /**
     * A dense column's values.
     *
     * @param j the column, dense
     * @return its values (not a copy)
     */
    public float[] dense(int j) {
        if (dense[j] == null) {
            throw new IllegalStateException("column " + j + " is sparse");
        }
        return dense[j];
    }

    /**
     * A sparse column's ones.
     *
     * @param j the column, sparse
     * @return the sorted rows where it is one (not a copy)
     */
    public int[] ones(int j) {
        if (ones[j] == null) {
            throw new IllegalStateException("column " + j + " is dense");
        }
        return ones[j];
    }

    /**
     * Column {@code j}'s values at the given rows.
     *
     * @param j      the column
     * @param sorted rows in increasing order
     * @param count  how many of {@code sorted} to read
     * @return the values, one per given row
     */
    public float[] values(int j, int[] sorted, int count) {
        float[] out = new float[count];
        if (dense[j] != null) {
            float[] src = dense[j];
            for (int k = 0; k < count; k++) {
                out[k] = src[sorted[k]];
            }
            return out;
        }
        int[] o = ones[j];
        int a = 0;
        for (int k = 0; k < count && a < o.length; k++) {
            int row = sorted[k];
            while (a < o.length && o[a] < row) {
                a++;
            }
            if (a < o.length && o[a] == row) {
                out[k] = 1f;
            }
        }
        return out;
    }

    /**
     * Column {@code j} as dense values.
     *
     * @param j the column
     * @return its values (the column itself when it is dense, else a new array)
     */
    public float[] toDense(int j) {
        if (dense[j] != null) {
            return dense[j];
        }
        float[] out = new float[rows];
        for (int i : ones[j]) {
            out[i] = 1f;
        }
        return out;
    }

    /**
     * Every column as dense values.
     *
     * @return one array per column (dense columns are not copied)
     */
    public float[][] toDense() {
        float[][] out = new float[dense.length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = toDense(j);
        }
        return out;
    }

    /**
     * Some of the columns, in the given order.
     *
     * @param columns the columns to keep
     * @return a design of those columns (the same arrays)
     */
    public Design columns(int[] columns) {
        float[][] d = new float[columns.length][];
        int[][] o = new int[columns.length][];
        for (int r = 0; r < columns.length; r++) {
            d[r] = dense[columns[r]];
            o[r] = ones[columns[r]];
        }
        return new Design(rows, d, o);
    }

    /**
     * Whether two columns hold the same values (bit for bit for dense columns).
     *
     * @param j one column
     * @param k another column
     * @return whether they are equal
     */
    public boolean sameColumn(int j, int k) {
        if (dense[j] != null && dense[k] != null) {
            return bitsEqual(dense[j], dense[k]);
        }
        return ones[j] != null && ones[k] != null && Arrays.equals(ones[j], ones[k]);
    }

    /**
     * The bytes the columns take (each distinct array counted once).
     *
     * @return the bytes of the column arrays
     */
    public long bytes() {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long total = 0;
        for (int j = 0; j < dense.length; j++) {
            if (dense[j] != null && seen.add(dense[j])) {
                total += 4L * dense[j].length;
            } else if (ones[j] != null && seen.add(ones[j])) {
                total += 4L * ones[j].length;
            }
        }
        return total;
    }

    @Override
    public String toString() {
        int sparse = 0;
        for (int[] o : ones) {
            sparse += o == null ? 0 : 1;
        }
        return "Design[" + rows + " rows, " + width() + " columns, " + sparse + " as their ones, " + bytes()
                + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Design other) || other.rows != rows || other.width() != width()) {
            return false;
        }
        for (int j = 0; j < width(); j++) {
            if (sparse(j) != other.sparse(j)) {
                return false;
            }
            if (sparse(j) ? !Arrays.equals(ones[j], other.ones[j]) : !bitsEqual(dense[j], other.dense[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * rows + width();
    }

    /** Whether two columns hold the same bits ({@code -0} differs from {@code 0}). */
    static boolean bitsEqual(float[] a, float[] b) {
        if (a == b) {
            return true;
        }
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
