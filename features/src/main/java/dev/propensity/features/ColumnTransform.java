package dev.propensity.features;

/**
 * The fitted transform of one raw feature into its model inputs (one part of a {@link FittedEncoding}): written
 * once, in {@link #emit}, and applied by the encoding into every sink (a row, columns, a float matrix, a dot
 * product). Immutable.
 */
sealed interface ColumnTransform permits NumericTransform, CategoricalTransform {

    /** Receives the outputs of one raw value, by output index (an index of the whole encoding). */
    interface Sink {
        /**
         * One output.
         *
         * @param output the output index
         * @param value  its value
         */
        void put(int output, double value);
    }

    /** The raw feature's index in the encoding's input schema. */
    int input();

    /** The index of the first output. */
    int offset();

    /** The number of outputs. */
    int width();

    /** This transform with its outputs starting at another index. */
    ColumnTransform at(int offset);

    /**
     * Emits the outputs of one raw value that may be non-zero (every other output of this transform is 0).
     *
     * @param v        the raw value ({@code NaN} when missing; a level code for a categorical feature)
     * @param codeSlot for a categorical feature, the slot of each level code of the table the value comes from
     * @param sink     receives the outputs
     */
    void emit(double v, int[] codeSlot, Sink sink);

    /**
     * Adds {@code sum_k weights[k] * output_k} of raw values {@code src[from..from+n)} to {@code z[0..n)}: the
     * batch form of {@link #emit} into a dot product, for linear scoring.
     *
     * @param src      the raw column
     * @param from     the first row
     * @param n        the number of rows
     * @param codeSlot as in {@link #emit}
     * @param weights  one weight per output of the encoding
     * @param z        receives the sums
     */
    void addLinear(double[] src, int from, int n, int[] codeSlot, double[] weights, double[] z);
}
