package dev.propensity.features;

import dev.propensity.core.Workers;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The transforms of an {@link EncoderConfig} fitted on training rows: turns raw feature values (a
 * {@link FeatureTable}, or one raw row) into the numeric vector a model reads. Fitted once on the training rows
 * and then applied unchanged to any other rows, so nothing about validation or test rows leaks into training;
 * saved with the model through {@link #toJson()} and {@link #fromJson(String)}.
 *
 * <p>Outputs, feature by feature in the order of {@link #inputSchema()}:
 * <ul>
 *   <li>numeric, count and binary: the transformed value ({@code name}); then {@code name:missing} when the
 *       training rows had missing values and missing indicators are on; then {@code name:bin0..} when quantile
 *       bins are on (numeric and count only);</li>
 *   <li>categorical: {@code name=level} for each kept level, {@code name=(other)} (rare and unseen levels, always
 *       present), and {@code name=(missing)} when enough training rows lacked the value.</li>
 * </ul>
 * {@link #sourceFeature(int)} maps every output back to its raw feature, so importances can be summed per feature.
 *
 * <p>Categorical values are matched by level <em>name</em>: a table built from other data, whose discovered
 * levels have other codes, is encoded correctly. Raw rows given to {@link #encodeRow(double[], double[])} use the
 * level codes of {@link #inputSchema()}. Tables are matched by feature name, in any column order.
 *
 * <p>Immutable and thread-safe.
 */
public final class FittedEncoding {
    /** The version of the JSON format written by {@link #toJson()}. */
    public static final int FORMAT_VERSION = 1;

    private static final String OTHER = "(other)";
    private static final String MISSING = "(missing)";
    private static final int SAMPLE_FOR_BINS = 200_000;

    private final FeatureSchema inputSchema;
    private final EncoderConfig config;
    private final ColumnTransform[] parts;
    private final int width;
    private final List<String> outputNames;
    private final int[] sources;
    private volatile Binding lastBinding;

    /**
     * How a particular table's columns and level codes map onto this encoding. The table is held weakly: a model
     * kept after scoring a fold's test rows must not keep that table's columns alive.
     */
    private static final class Binding {
        final WeakReference<FeatureTable> table;
        final int[] column;
        final int[][] codeSlot;

        Binding(FeatureTable table, int[] column, int[][] codeSlot) {
            this.table = new WeakReference<>(table);
            this.column = column;
            this.codeSlot = codeSlot;
        }
    }

    FittedEncoding(FeatureSchema inputSchema, EncoderConfig config, ColumnTransform[] parts) {
        this.inputSchema = inputSchema;
        this.config = config;
        this.parts = parts;
        List<String> names = new ArrayList<>();
        List<Integer> src = new ArrayList<>();
        for (ColumnTransform p : parts) {
            String n = inputSchema.get(p.input()).name();
            if (p instanceof CategoricalTransform c) {
                for (String level : c.kept()) {
                    names.add(n + "=" + level);
                }
                names.add(n + "=" + OTHER);
                if (c.missingLevel()) {
                    names.add(n + "=" + MISSING);
                }
            } else if (p instanceof NumericTransform t) {
                names.add(n);
                if (t.missingIndicator()) {
                    names.add(n + ":missing");
                }
                if (t.edges() != null) {
                    for (int b = 0; b <= t.edges().length; b++) {
                        names.add(n + ":bin" + b);
                    }
                }
            }
            while (src.size() < names.size()) {
                src.add(p.input());
            }
        }
        this.outputNames = List.copyOf(names);
        this.width = names.size();
        this.sources = src.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Fits the transforms on all rows of a table.
     *
     * @param train  the training table
     * @param config the transforms to fit
     * @return the fitted encoding
     */
    public static FittedEncoding fit(FeatureTable train, EncoderConfig config) {
        Objects.requireNonNull(train, "train");
        int[] all = new int[train.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return fit(train, all, config);
    }

    /**
     * Fits the transforms on the given rows of a table only (the training rows of a fold or split).
     *
     * @param train  the table
     * @param rows   the training row indices, each in [0, train.rows()); may repeat
     * @param config the transforms to fit
     * @return the fitted encoding, whose {@link #inputSchema()} is the table's schema
     * @throws IllegalArgumentException when a row index is out of range
     */
    public static FittedEncoding fit(FeatureTable train, int[] rows, EncoderConfig config) {
        return fit(train, rows, config, Workers.defaults());
    }

    /**
     * Fits the transforms on the given rows of a table, several features at a time on the given workers (the same
     * encoding as on any other workers).
     *
     * @param train   the table
     * @param rows    the training row indices, each in [0, train.rows()); may repeat
     * @param config  the transforms to fit
     * @param workers where the features are fitted
     * @return the fitted encoding, whose {@link #inputSchema()} is the table's schema
     * @throws IllegalArgumentException when a row index is out of range
     */
    public static FittedEncoding fit(FeatureTable train, int[] rows, EncoderConfig config, Workers workers) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(config, "config");
        for (int r : rows) {
            if (r < 0 || r >= train.rows()) {
                throw new IllegalArgumentException("training row " + r + " outside [0, " + train.rows() + ")");
            }
        }
        FeatureSchema schema = train.schema();
        ColumnTransform[] parts = new ColumnTransform[schema.size()];
        // features are fitted independently, then laid out in order; the first failing feature is reported
        workers.forBlocks(schema.size(), schema.size(), (j, from, to) -> {
            FeatureSpec f = schema.get(j);
            double[] col = train.columnArray(j);
            parts[j] = f.kind() == FeatureKind.CATEGORICAL
                    ? fitCategorical(j, 0, f, col, rows, config)
                    : fitNumeric(train, j, 0, f, col, rows, config);
        });
        int offset = 0;
        for (int j = 0; j < schema.size(); j++) {
            parts[j] = parts[j].at(offset);
            offset += parts[j].width();
        }
        return new FittedEncoding(schema, config, parts);
    }

    private static NumericTransform fitNumeric(FeatureTable train, int j, int offset, FeatureSpec f, double[] col, int[] rows,
                                   EncoderConfig cfg) {
        boolean scalable = f.kind() != FeatureKind.BINARY;
        Moments raw = Moments.of(col, rows, scalable && cfg.log1p());
        if (raw.infiniteRow >= 0) {
            int r = raw.infiniteRow;
            throw new IllegalArgumentException("feature " + f.name() + " row " + r + " (session "
                    + train.id(r) + "): value " + col[r] + " is not finite; features must be finite or NaN (missing)");
        }
        int present = raw.present;
        int missing = rows.length - present;
        boolean log = scalable && cfg.log1p() && present > 0 && raw.min >= 0;
        double mean = present > 0 ? (log ? raw.logMean : raw.mean) : 0.0;
        double sd = present > 1 ? (log ? raw.logSd : raw.sd) : 0.0;
        boolean standardize = scalable && cfg.standardize();
        double center = standardize ? mean : 0.0;
        double scale = standardize && sd > 0 && Double.isFinite(sd) ? sd : 1.0;
        double fill = (mean - center) / scale;
        boolean indicator = cfg.missingIndicators() && missing > 0;
        double[] edges = scalable && cfg.quantileBins() >= 2 && present > 0
                ? quantileEdges(col, rows, present, cfg.quantileBins()) : null;
        return new NumericTransform(j, offset, log, center, scale, fill, indicator, edges);
    }

    /**
     * The count, minimum, mean and sample standard deviation of a column's non-missing values over some rows, and
     * when asked the mean and standard deviation of {@code log(1 + v)} too, in one pass: sums of differences from
     * the first value (shifted sums keep the variance exact to rounding when the values sit far from zero). The two
     * sets of sums are kept apart, each in row order, so each is what a pass of its own would give.
     */
    private static final class Moments {
        int present;
        double min = Double.POSITIVE_INFINITY;
        double mean;
        double sd;
        /** The moments of {@code log(1 + v)}; meaningful only when asked for and {@link #min} is at least 0. */
        double logMean;
        double logSd;
        /** The first row holding an infinite value, or -1. */
        int infiniteRow = -1;

        /** The moments of {@code col[r]} over {@code rows}, and of {@code log(1 + col[r])} when {@code withLog}. */
        static Moments of(double[] col, int[] rows, boolean withLog) {
            Moments m = new Moments();
            double shift = Double.NaN;
            for (int r : rows) {
                double v = col[r];
                if (!Double.isNaN(v)) {
                    shift = v;
                    break;
                }
            }
            double logShift = withLog ? Log1p.of(shift) : Double.NaN;
            boolean logs = withLog;
            int present = 0;
            double min = Double.POSITIVE_INFINITY;
            double s1 = 0;
            double s2 = 0;
            double l1 = 0;
            double l2 = 0;
            for (int i = 0; i < rows.length; i++) {
                double v = col[rows[i]];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (Double.isInfinite(v)) {
                    m.infiniteRow = rows[i];
                    return m;
                }
                min = Math.min(min, v);
                double d = v - shift;
                s1 += d;
                s2 += d * d;
                present++;
                if (logs) {
                    if (v < 0) {
                        logs = false; // a negative value: the column is not logged
                    } else {
                        double e = Log1p.of(v) - logShift;
                        l1 += e;
                        l2 += e * e;
                    }
                }
            }
            m.present = present;
            m.min = min;
            if (present > 0) {
                m.mean = shift + s1 / present;
                m.logMean = logShift + l1 / present;
            }
            if (present > 1) {
                m.sd = Math.sqrt(Math.max(0.0, (s2 - s1 * s1 / present) / (present - 1)));
                m.logSd = Math.sqrt(Math.max(0.0, (l2 - l1 * l1 / present) / (present - 1)));
            }
            return m;
        }
    }

    private static double[] quantileEdges(double[] col, int[] rows, int present, int k) {
        int stride = Math.max(1, present / SAMPLE_FOR_BINS);
        double[] sample = new double[Math.min(present, (present + stride - 1) / stride)];
        int n = 0;
        int seen = 0;
        for (int r : rows) {
            double v = col[r];
            if (!Double.isNaN(v)) {
                if (seen % stride == 0 && n < sample.length) {
                    sample[n++] = v;
                }
                seen++;
            }
        }
        Arrays.sort(sample, 0, n);
        double[] edges = new double[k - 1];
        int e = 0;
        for (int i = 1; i < k; i++) {
            double q = sample[Math.min(n - 1, (int) ((long) i * n / k))];
            if (q > sample[0] && (e == 0 || q > edges[e - 1])) {
                edges[e++] = q;
            }
        }
        return Arrays.copyOf(edges, e);
    }

    private static CategoricalTransform fitCategorical(int j, int offset, FeatureSpec f, double[] col, int[] rows, EncoderConfig cfg) {
        int[] counts = new int[f.levels().size()];
        int missing = 0;
        for (int r : rows) {
            double v = col[r];
            if (Double.isNaN(v)) {
                missing++;
            } else {
                counts[(int) v]++;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] >= cfg.minCount()) {
                kept.add(f.levels().get(c));
            }
        }
        return CategoricalTransform.of(j, offset, kept, missing >= cfg.minCount(), f.levels());
    }

    /** The number of outputs per row. */
    public int width() {
        return width;
    }

    /** The output names in output order, such as {@code cart_adds}, {@code traffic_source=search}, {@code price_mean:bin3}. */
    public List<String> outputNames() {
        return outputNames;
    }

    /**
     * The raw feature an output comes from.
     *
     * @param outputIndex an output index in [0, width())
     * @return the feature's index in {@link #inputSchema()}
     */
    public int sourceFeature(int outputIndex) {
        Objects.checkIndex(outputIndex, width);
        return sources[outputIndex];
    }

    /** The schema of the training table, including its categorical levels (the codes raw rows use). */
    public FeatureSchema inputSchema() {
        return inputSchema;
    }

    /** The configuration that was fitted. */
    public EncoderConfig config() {
        return config;
    }

    /** The fitted transforms, one per input feature, in output order (for the codec). */
    ColumnTransform[] transforms() {
        return parts.clone();
    }

    /** The slots of the input schema's level codes of a transform (identity binding). */
    private static int[] schemaSlots(ColumnTransform p) {
        return p instanceof CategoricalTransform c ? c.schemaSlots() : null;
    }

    /**
     * Encodes one raw row given in {@link #inputSchema()} order, with categorical values as level codes of
     * {@link #inputSchema()} ({@code NaN} for missing).
     *
     * @param rawRow the raw values, length {@code inputSchema().size()}
     * @param out    receives the {@link #width()} outputs
     * @throws IllegalArgumentException when a length is wrong
     */
    public void encodeRow(double[] rawRow, double[] out) {
        if (rawRow.length != parts.length) {
            throw new IllegalArgumentException("raw row has " + rawRow.length + " values, the encoding expects "
                    + parts.length);
        }
        checkOut(out);
        Arrays.fill(out, 0, width, 0.0);
        ColumnTransform.Sink sink = (k, v) -> out[k] = v;
        for (ColumnTransform p : parts) {
            p.emit(rawRow[p.input()], schemaSlots(p), sink);
        }
    }

    /**
     * Encodes one row of a table (matched by feature name and level name, see the class description).
     *
     * @param table the table
     * @param row   the row index
     * @param out   receives the {@link #width()} outputs
     * @throws IllegalArgumentException when the table's schema lacks a feature of {@link #inputSchema()}
     */
    public void encodeRow(FeatureTable table, int row, double[] out) {
        Binding b = bind(table);
        Objects.checkIndex(row, table.rows());
        checkOut(out);
        Arrays.fill(out, 0, width, 0.0);
        ColumnTransform.Sink sink = (k, v) -> out[k] = v;
        for (ColumnTransform p : parts) {
            p.emit(table.columnArray(b.column[p.input()])[row], b.codeSlot[p.input()], sink);
        }
    }

    private void checkOut(double[] out) {
        if (out.length < width) {
            throw new IllegalArgumentException("output array has length " + out.length + ", the encoding needs "
                    + width);
        }
    }

    /** A dot product sink: sums {@code weights[k] * value}. */
    private static final class Dot implements ColumnTransform.Sink {
        private final double[] weights;
        private double sum;

        Dot(double[] weights) {
            this.weights = weights;
        }

        @Override
        public void put(int output, double value) {
            sum += weights[output] * value;
        }
    }

    /**
     * The weighted sum of one raw row's outputs, {@code sum_k weights[k] * output_k}, without writing the outputs:
     * the scoring fast path of linear models. Same row convention as {@link #encodeRow(double[], double[])}.
     *
     * @param rawRow  the raw values, length {@code inputSchema().size()}
     * @param weights one weight per output, length {@link #width()}
     * @return the weighted sum
     * @throws IllegalArgumentException when a length is wrong
     */
    public double dotRow(double[] rawRow, double[] weights) {
        if (rawRow.length != parts.length || weights.length != width) {
            throw new IllegalArgumentException("raw row has " + rawRow.length + " values and weights " + weights.length
                    + ", the encoding expects " + parts.length + " and " + width);
        }
        Dot dot = new Dot(weights);
        for (ColumnTransform p : parts) {
            p.emit(rawRow[p.input()], schemaSlots(p), dot);
        }
        return dot.sum;
    }

    /**
     * Adds the weighted sum of the outputs of rows {@code [from, to)} of a table to {@code z}:
     * {@code z[i - from] += sum_k weights[k] * output_k(row i)}, column by column and without materialising the
     * outputs (the batch scoring fast path of linear models). Tables are matched as in
     * {@link #encodeColumns(FeatureTable)}.
     *
     * @param table   the table
     * @param from    the first row, inclusive
     * @param to      the last row, exclusive
     * @param weights one weight per output, length {@link #width()}
     * @param z       receives the sums, length at least {@code to - from}
     * @throws IllegalArgumentException when the table lacks a feature or a length is wrong
     */
    public void addLinear(FeatureTable table, int from, int to, double[] weights, double[] z) {
        Binding b = bind(table);
        Objects.checkFromToIndex(from, to, table.rows());
        if (weights.length != width || z.length < to - from) {
            throw new IllegalArgumentException("weights have length " + weights.length + " (need " + width
                    + ") and z " + z.length + " (need " + (to - from) + ")");
        }
        for (ColumnTransform p : parts) {
            p.addLinear(table.columnArray(b.column[p.input()]), from, to - from, b.codeSlot[p.input()], weights, z);
        }
    }

    /**
     * Encodes a whole table column by column: {@code result[k][i]} is output {@code k} of row {@code i}. Memory
     * is {@code 8 * width() * rows} bytes.
     *
     * @param table the table
     * @return one array per output
     */
    public double[][] encodeColumns(FeatureTable table) {
        return encodeColumns(table, null);
    }

    /** A column sink: writes output {@code k} of the current row into {@code out[k][row]}. */
    private static final class Columns implements ColumnTransform.Sink {
        private final double[][] doubles;
        private final float[][] floats;
        private int row;

        Columns(double[][] doubles, float[][] floats) {
            this.doubles = doubles;
            this.floats = floats;
        }

        @Override
        public void put(int output, double value) {
            if (floats != null) {
                floats[output][row] = (float) value;
            } else {
                doubles[output][row] = value;
            }
        }
    }

    /**
     * Encodes the given rows of a table column by column: {@code result[k][i]} is output {@code k} of row
     * {@code rows[i]}.
     *
     * @param table the table
     * @param rows  the row indices, or {@code null} for all rows in order
     * @return one array per output
     */
    public double[][] encodeColumns(FeatureTable table, int[] rows) {
        Binding b = bind(table);
        int n = rows == null ? table.rows() : rows.length;
        if (rows != null) {
            for (int r : rows) {
                Objects.checkIndex(r, table.rows());
            }
        }
        double[][] out = new double[width][n];
        Columns sink = new Columns(out, null);
        for (ColumnTransform p : parts) {
            double[] src = table.columnArray(b.column[p.input()]);
            int[] slots = b.codeSlot[p.input()];
            for (int i = 0; i < n; i++) {
                sink.row = i;
                p.emit(src[rows == null ? i : rows[i]], slots, sink);
            }
        }
        return out;
    }

    /**
     * Encodes rows {@code [from, to)} of a table into {@code float} columns: {@code out[k][i]} receives output
     * {@code k} of row {@code i} (computed in {@code double}, then rounded), and every other entry of those rows'
     * outputs is written too (one-hot zeros included). Rows keep their table index, so threads can fill disjoint
     * ranges of the same arrays. Tables are matched as in {@link #encodeColumns(FeatureTable)}; a value too large
     * for a {@code float} becomes infinite, which callers that need finite inputs check.
     *
     * @param table the table
     * @param from  the first row, inclusive
     * @param to    the last row, exclusive
     * @param out   {@link #width()} arrays, each at least {@code to} long
     * @throws IllegalArgumentException when the table lacks a feature or an array is too short
     */
    public void encodeFloat(FeatureTable table, int from, int to, float[][] out) {
        encodeFloat(table, null, from, to, out);
    }

    /**
     * Encodes some rows of a table into {@code float} columns: {@code out[k][i]} receives output {@code k} of table
     * row {@code rows[i]} for {@code i} in {@code [from, to)} (of table row {@code i} when {@code rows} is
     * {@code null}), as {@link #encodeFloat(FeatureTable, int, int, float[][])} does. Lets a trainer encode a
     * fold's training rows without copying the table first.
     *
     * @param table the table
     * @param rows  the table rows, or {@code null} for the identity
     * @param from  the first position in {@code rows} (or row), inclusive
     * @param to    the last position, exclusive
     * @param out   {@link #width()} entries, each an array at least {@code to} long, or {@code null} for outputs
     *              not wanted now: a feature whose outputs are all {@code null} is skipped (so a caller can encode
     *              one feature at a time, see {@link #sourceFeature(int)})
     * @throws IllegalArgumentException when the table lacks a feature, an array is too short, or a feature's
     *                                  outputs are partly {@code null}
     */
    public void encodeFloat(FeatureTable table, int[] rows, int from, int to, float[][] out) {
        Binding b = bind(table);
        Objects.checkFromToIndex(from, to, rows == null ? table.rows() : rows.length);
        if (rows != null) {
            for (int i = from; i < to; i++) {
                Objects.checkIndex(rows[i], table.rows());
            }
        }
        if (out.length != width) {
            throw new IllegalArgumentException("output has " + out.length + " arrays, the encoding needs " + width);
        }
        for (float[] o : out) {
            if (o != null && o.length < to) {
                throw new IllegalArgumentException("output array has length " + o.length + ", rows go up to " + to);
            }
        }
        Columns sink = new Columns(null, out);
        for (ColumnTransform p : parts) {
            int wanted = 0;
            for (int k = 0; k < p.width(); k++) {
                wanted += out[p.offset() + k] == null ? 0 : 1;
            }
            if (wanted == 0) {
                continue;
            }
            if (wanted != p.width()) {
                throw new IllegalArgumentException("feature " + inputSchema.get(p.input()).name() + ": " + wanted
                        + " of its " + p.width() + " output arrays given; give all or none");
            }
            double[] src = table.columnArray(b.column[p.input()]);
            int[] slots = b.codeSlot[p.input()];
            for (int k = 0; k < p.width(); k++) {
                Arrays.fill(out[p.offset() + k], from, to, 0f);
            }
            for (int i = from; i < to; i++) {
                sink.row = i;
                p.emit(src[rows == null ? i : rows[i]], slots, sink);
            }
        }
    }

    private Binding bind(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        Binding b = lastBinding;
        if (b != null && b.table.get() == table) {
            return b;
        }
        FeatureSchema ts = table.schema();
        int[] column = new int[parts.length];
        int[][] codeSlot = new int[parts.length][];
        List<String> missing = new ArrayList<>();
        for (ColumnTransform p : parts) {
            FeatureSpec f = inputSchema.get(p.input());
            int c = ts.indexOf(f.name());
            if (c < 0) {
                missing.add(f.name());
                continue;
            }
            FeatureSpec tf = ts.get(c);
            boolean categorical = p instanceof CategoricalTransform;
            if ((tf.kind() == FeatureKind.CATEGORICAL) != categorical) {
                throw new IllegalArgumentException("feature " + f.name() + " is " + tf.kind()
                        + " in the table but " + f.kind() + " in the encoding");
            }
            column[p.input()] = c;
            if (p instanceof CategoricalTransform ct) {
                codeSlot[p.input()] = tf.levels().equals(f.levels()) ? ct.schemaSlots() : ct.slotsOf(tf.levels());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("table lacks features the encoding needs: " + missing
                    + "; table has " + ts.names());
        }
        b = new Binding(table, column, codeSlot);
        lastBinding = b;
        return b;
    }

    /**
     * This encoding as JSON, with a {@code formatVersion} field; {@link #fromJson(String)} reads it back to an
     * encoding that produces the same outputs. The format is {@link EncodingJson}'s.
     *
     * @return the JSON text
     */
    public String toJson() {
        return EncodingJson.write(this);
    }

    /**
     * Reads an encoding written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the encoding
     * @throws IllegalArgumentException when the text is not an encoding, a field is missing or invalid, or its
     *                                  {@code formatVersion} is newer than {@link #FORMAT_VERSION}
     */
    public static FittedEncoding fromJson(String json) {
        return EncodingJson.read(json);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FittedEncoding[inputs=").append(parts.length).append(", outputs=")
                .append(width).append(", ").append(config).append("]\n");
        for (ColumnTransform p : parts) {
            FeatureSpec f = inputSchema.get(p.input());
            sb.append(String.format("  %-28s ", f.name()));
            if (p instanceof CategoricalTransform c) {
                sb.append("one-hot ").append(c.kept().size()).append(" levels + (other)")
                        .append(c.missingLevel() ? " + (missing)" : "");
            } else if (p instanceof NumericTransform t) {
                sb.append(t.log() ? "log1p, " : "").append(String.format("center %.4g, scale %.4g", t.center(),
                                t.scale()))
                        .append(t.missingIndicator() ? ", missing indicator" : "")
                        .append(t.edges() != null ? ", " + (t.edges().length + 1) + " bins" : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
