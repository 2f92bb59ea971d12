package dev.propensity.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Jackson, created on first use: fitting and encoding never need it, and creating it costs a cold JVM 0.1-0.3 s. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final FeatureSchema inputSchema;
    private final EncoderConfig config;
    private final Part[] parts;
    private final int width;
    private final List<String> outputNames;
    private final int[] sources;
    private volatile Binding lastBinding;

    /** The fitted transform of one raw feature. */
    private static final class Part {
        final int input;
        final boolean categorical;
        final int offset;
        // numeric, count, binary
        final boolean log;
        final double center;
        final double scale;
        final double inverseScale;
        final double fill;
        final boolean missingIndicator;
        final double[] edges;
        // categorical
        final List<String> kept;
        final boolean missingLevel;
        /** input-schema level code to output offset relative to {@link #offset}. */
        final int[] codeSlot;

        Part(int input, int offset, boolean log, double center, double scale, double fill, boolean missingIndicator,
             double[] edges) {
            this.input = input;
            this.categorical = false;
            this.offset = offset;
            this.log = log;
            this.center = center;
            this.scale = scale;
            this.inverseScale = 1.0 / scale;
            this.fill = fill;
            this.missingIndicator = missingIndicator;
            this.edges = edges;
            this.kept = List.of();
            this.missingLevel = false;
            this.codeSlot = null;
        }

        Part(int input, int offset, List<String> kept, boolean missingLevel, List<String> schemaLevels) {
            this.input = input;
            this.categorical = true;
            this.offset = offset;
            this.log = false;
            this.center = 0;
            this.scale = 1;
            this.inverseScale = 1;
            this.fill = 0;
            this.missingIndicator = false;
            this.edges = null;
            this.kept = List.copyOf(kept);
            this.missingLevel = missingLevel;
            this.codeSlot = slots(schemaLevels);
        }

        /** This part at another output offset. */
        Part(Part p, int offset) {
            this.input = p.input;
            this.categorical = p.categorical;
            this.offset = offset;
            this.log = p.log;
            this.center = p.center;
            this.scale = p.scale;
            this.inverseScale = p.inverseScale;
            this.fill = p.fill;
            this.missingIndicator = p.missingIndicator;
            this.edges = p.edges;
            this.kept = p.kept;
            this.missingLevel = p.missingLevel;
            this.codeSlot = p.codeSlot;
        }

        int[] slots(List<String> levels) {
            Map<String, Integer> pos = new HashMap<>();
            for (int i = 0; i < kept.size(); i++) {
                pos.put(kept.get(i), i);
            }
            int[] s = new int[levels.size()];
            for (int c = 0; c < s.length; c++) {
                s[c] = pos.getOrDefault(levels.get(c), kept.size());
            }
            return s;
        }

        int otherSlot() {
            return kept.size();
        }

        /** The slot of a raw value given as an input-schema level code ({@code NaN} missing, unknown codes other). */
        int slot(double v) {
            if (Double.isNaN(v)) {
                return missingSlot();
            }
            int code = (int) v;
            return code >= 0 && code < codeSlot.length ? codeSlot[code] : otherSlot();
        }

        int missingSlot() {
            return missingLevel ? kept.size() + 1 : kept.size();
        }

        int width() {
            if (categorical) {
                return kept.size() + 1 + (missingLevel ? 1 : 0);
            }
            return 1 + (missingIndicator ? 1 : 0) + (edges == null ? 0 : edges.length + 1);
        }

        int binOffset() {
            return offset + 1 + (missingIndicator ? 1 : 0);
        }

        double value(double v) {
            if (Double.isNaN(v)) {
                return fill;
            }
            double x = log ? Math.log(1.0 + (v > 0 ? v : 0.0)) : v;
            return (x - center) * inverseScale;
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
    }

    /** How a particular table's columns and level codes map onto this encoding. */
    private static final class Binding {
        final FeatureTable table;
        final int[] column;
        final int[][] codeSlot;

        Binding(FeatureTable table, int[] column, int[][] codeSlot) {
            this.table = table;
            this.column = column;
            this.codeSlot = codeSlot;
        }
    }

    private FittedEncoding(FeatureSchema inputSchema, EncoderConfig config, Part[] parts) {
        this.inputSchema = inputSchema;
        this.config = config;
        this.parts = parts;
        List<String> names = new ArrayList<>();
        List<Integer> src = new ArrayList<>();
        for (Part p : parts) {
            String n = inputSchema.get(p.input).name();
            if (p.categorical) {
                for (String level : p.kept) {
                    names.add(n + "=" + level);
                }
                names.add(n + "=" + OTHER);
                if (p.missingLevel) {
                    names.add(n + "=" + MISSING);
                }
            } else {
                names.add(n);
                if (p.missingIndicator) {
                    names.add(n + ":missing");
                }
                if (p.edges != null) {
                    for (int b = 0; b <= p.edges.length; b++) {
                        names.add(n + ":bin" + b);
                    }
                }
            }
            while (src.size() < names.size()) {
                src.add(p.input);
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
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(config, "config");
        for (int r : rows) {
            if (r < 0 || r >= train.rows()) {
                throw new IllegalArgumentException("training row " + r + " outside [0, " + train.rows() + ")");
            }
        }
        FeatureSchema schema = train.schema();
        Part[] parts = new Part[schema.size()];
        RuntimeException[] errors = new RuntimeException[schema.size()];
        // features are fitted independently (on the common pool), then laid out in order
        java.util.stream.IntStream.range(0, schema.size()).parallel().forEach(j -> {
            FeatureSpec f = schema.get(j);
            double[] col = train.columnArray(j);
            try {
                parts[j] = f.kind() == FeatureKind.CATEGORICAL
                        ? fitCategorical(j, 0, f, col, rows, config)
                        : fitNumeric(train, j, 0, f, col, rows, config);
            } catch (RuntimeException e) {
                errors[j] = e;
            }
        });
        int offset = 0;
        for (int j = 0; j < schema.size(); j++) {
            if (errors[j] != null) {
                throw errors[j];
            }
            parts[j] = new Part(parts[j], offset);
            offset += parts[j].width();
        }
        return new FittedEncoding(schema, config, parts);
    }

    private static Part fitNumeric(FeatureTable train, int j, int offset, FeatureSpec f, double[] col, int[] rows,
                                   EncoderConfig cfg) {
        boolean scalable = f.kind() != FeatureKind.BINARY;
        Moments raw = Moments.of(col, rows, false);
        if (raw.infiniteRow >= 0) {
            int r = raw.infiniteRow;
            throw new IllegalArgumentException("feature " + f.name() + " row " + r + " (session "
                    + train.id(r) + "): value " + col[r] + " is not finite; features must be finite or NaN (missing)");
        }
        int present = raw.present;
        int missing = rows.length - present;
        boolean log = scalable && cfg.log1p() && present > 0 && raw.min >= 0;
        Moments m = log ? Moments.of(col, rows, true) : raw;
        double mean = present > 0 ? m.mean : 0.0;
        double sd = present > 1 ? m.sd : 0.0;
        boolean standardize = scalable && cfg.standardize();
        double center = standardize ? mean : 0.0;
        double scale = standardize && sd > 0 && Double.isFinite(sd) ? sd : 1.0;
        double fill = (mean - center) / scale;
        boolean indicator = cfg.missingIndicators() && missing > 0;
        double[] edges = scalable && cfg.quantileBins() >= 2 && present > 0
                ? quantileEdges(col, rows, present, cfg.quantileBins()) : null;
        return new Part(j, offset, log, center, scale, fill, indicator, edges);
    }

    /**
     * The count, minimum, mean and sample standard deviation of a column's non-missing values over some rows, in one
     * pass: sums of differences from the first value (shifted sums keep the variance exact to rounding when the
     * values sit far from zero).
     */
    private static final class Moments {
        int present;
        double min = Double.POSITIVE_INFINITY;
        double mean;
        double sd;
        /** The first row holding an infinite value, or -1. */
        int infiniteRow = -1;

        /** The moments of {@code col[r]} (or of {@code log(1 + col[r])} when {@code log}) over {@code rows}. */
        static Moments of(double[] col, int[] rows, boolean log) {
            Moments m = new Moments();
            double shift = Double.NaN;
            for (int r : rows) {
                double v = col[r];
                if (!Double.isNaN(v)) {
                    shift = log ? Math.log(1.0 + v) : v;
                    break;
                }
            }
            int present = 0;
            double min = Double.POSITIVE_INFINITY;
            double s1 = 0;
            double s2 = 0;
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
                double d = (log ? Math.log(1.0 + v) : v) - shift;
                s1 += d;
                s2 += d * d;
                present++;
            }
            m.present = present;
            m.min = min;
            if (present > 0) {
                m.mean = shift + s1 / present;
            }
            if (present > 1) {
                m.sd = Math.sqrt(Math.max(0.0, (s2 - s1 * s1 / present) / (present - 1)));
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

    private static Part fitCategorical(int j, int offset, FeatureSpec f, double[] col, int[] rows, EncoderConfig cfg) {
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
        return new Part(j, offset, kept, missing >= cfg.minCount(), f.levels());
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

    /**
     * Encodes one raw row given in {@link #inputSchema()} order, with categorical values as level codes of
     * {@link #inputSchema()} ({@code NaN} for missing). Allocates nothing.
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
        for (Part p : parts) {
            double v = rawRow[p.input];
            if (p.categorical) {
                out[p.offset + p.slot(v)] = 1.0;
            } else {
                encodeNumeric(p, v, out);
            }
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
        for (Part p : parts) {
            double v = table.columnArray(b.column[p.input])[row];
            if (p.categorical) {
                out[p.offset + (Double.isNaN(v) ? p.missingSlot() : b.codeSlot[p.input][(int) v])] = 1.0;
            } else {
                encodeNumeric(p, v, out);
            }
        }
    }

    private static void encodeNumeric(Part p, double v, double[] out) {
        out[p.offset] = p.value(v);
        boolean missing = Double.isNaN(v);
        if (p.missingIndicator && missing) {
            out[p.offset + 1] = 1.0;
        }
        if (p.edges != null && !missing) {
            out[p.binOffset() + p.bin(v)] = 1.0;
        }
    }

    private void checkOut(double[] out) {
        if (out.length < width) {
            throw new IllegalArgumentException("output array has length " + out.length + ", the encoding needs "
                    + width);
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
        double z = 0;
        for (Part p : parts) {
            double v = rawRow[p.input];
            if (p.categorical) {
                z += weights[p.offset + p.slot(v)];
            } else {
                z += weights[p.offset] * p.value(v);
                boolean missing = Double.isNaN(v);
                if (p.missingIndicator && missing) {
                    z += weights[p.offset + 1];
                }
                if (p.edges != null && !missing) {
                    z += weights[p.binOffset() + p.bin(v)];
                }
            }
        }
        return z;
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
        int n = to - from;
        for (Part p : parts) {
            double[] src = table.columnArray(b.column[p.input]);
            if (p.categorical) {
                int[] slots = b.codeSlot[p.input];
                double[] w = new double[slots.length];
                for (int c = 0; c < slots.length; c++) {
                    w[c] = weights[p.offset + slots[c]];
                }
                double wMissing = weights[p.offset + p.missingSlot()];
                for (int i = 0; i < n; i++) {
                    double v = src[from + i];
                    z[i] += Double.isNaN(v) ? wMissing : w[(int) v];
                }
                continue;
            }
            double a = weights[p.offset] * p.inverseScale;
            double c = weights[p.offset] * p.center * p.inverseScale;
            double wFill = weights[p.offset] * p.fill + (p.missingIndicator ? weights[p.offset + 1] : 0.0);
            boolean log = p.log;
            int bo = p.edges == null ? -1 : p.binOffset();
            if (!log && bo < 0) {
                // the common case, without the branches the compiler cannot hoist out of the loop
                for (int i = 0; i < n; i++) {
                    double v = src[from + i];
                    z[i] += Double.isNaN(v) ? wFill : a * v - c;
                }
                continue;
            }
            for (int i = 0; i < n; i++) {
                double v = src[from + i];
                if (Double.isNaN(v)) {
                    z[i] += wFill;
                } else {
                    double x = log ? Math.log(1.0 + (v > 0 ? v : 0.0)) : v;
                    z[i] += a * x - c;
                    if (bo >= 0) {
                        z[i] += weights[bo + p.bin(v)];
                    }
                }
            }
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
        for (Part p : parts) {
            double[] src = table.columnArray(b.column[p.input]);
            if (p.categorical) {
                int[] slots = b.codeSlot[p.input];
                int miss = p.missingSlot();
                for (int i = 0; i < n; i++) {
                    double v = src[rows == null ? i : rows[i]];
                    out[p.offset + (Double.isNaN(v) ? miss : slots[(int) v])][i] = 1.0;
                }
                continue;
            }
            double[] dst = out[p.offset];
            double[] ind = p.missingIndicator ? out[p.offset + 1] : null;
            boolean log = p.log;
            double center = p.center;
            double inv = p.inverseScale;
            double fill = p.fill;
            for (int i = 0; i < n; i++) {
                double v = src[rows == null ? i : rows[i]];
                if (Double.isNaN(v)) {
                    dst[i] = fill;
                    if (ind != null) {
                        ind[i] = 1.0;
                    }
                } else {
                    double x = log ? Math.log(1.0 + (v > 0 ? v : 0.0)) : v;
                    dst[i] = (x - center) * inv;
                }
            }
            if (p.edges != null) {
                int bo = p.binOffset();
                for (int i = 0; i < n; i++) {
                    double v = src[rows == null ? i : rows[i]];
                    if (!Double.isNaN(v)) {
                        out[bo + p.bin(v)][i] = 1.0;
                    }
                }
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
     * @param out   {@link #width()} arrays, each at least {@code to} long
     * @throws IllegalArgumentException when the table lacks a feature or an array is too short
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
            if (o.length < to) {
                throw new IllegalArgumentException("output array has length " + o.length + ", rows go up to " + to);
            }
        }
        for (Part p : parts) {
            double[] src = table.columnArray(b.column[p.input]);
            int w = p.width();
            for (int k = 0; k < w; k++) {
                Arrays.fill(out[p.offset + k], from, to, 0f);
            }
            if (p.categorical) {
                int[] slots = b.codeSlot[p.input];
                int miss = p.missingSlot();
                for (int i = from; i < to; i++) {
                    double v = src[rows == null ? i : rows[i]];
                    out[p.offset + (Double.isNaN(v) ? miss : slots[(int) v])][i] = 1f;
                }
                continue;
            }
            float[] dst = out[p.offset];
            float[] ind = p.missingIndicator ? out[p.offset + 1] : null;
            int bo = p.edges == null ? -1 : p.binOffset();
            for (int i = from; i < to; i++) {
                double v = src[rows == null ? i : rows[i]];
                dst[i] = (float) p.value(v);
                if (Double.isNaN(v)) {
                    if (ind != null) {
                        ind[i] = 1f;
                    }
                } else if (bo >= 0) {
                    out[bo + p.bin(v)][i] = 1f;
                }
            }
        }
    }

    private Binding bind(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        Binding b = lastBinding;
        if (b != null && b.table == table) {
            return b;
        }
        FeatureSchema ts = table.schema();
        int[] column = new int[parts.length];
        int[][] codeSlot = new int[parts.length][];
        List<String> missing = new ArrayList<>();
        for (Part p : parts) {
            FeatureSpec f = inputSchema.get(p.input);
            int c = ts.indexOf(f.name());
            if (c < 0) {
                missing.add(f.name());
                continue;
            }
            FeatureSpec tf = ts.get(c);
            if ((tf.kind() == FeatureKind.CATEGORICAL) != p.categorical) {
                throw new IllegalArgumentException("feature " + f.name() + " is " + tf.kind()
                        + " in the table but " + f.kind() + " in the encoding");
            }
            column[p.input] = c;
            if (p.categorical) {
                codeSlot[p.input] = tf.levels().equals(f.levels()) ? p.codeSlot : p.slots(tf.levels());
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
     * encoding that produces the same outputs.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ObjectNode cfg = root.putObject("config");
        cfg.put("log1p", config.log1p());
        cfg.put("standardize", config.standardize());
        cfg.put("minCount", config.minCount());
        cfg.put("quantileBins", config.quantileBins());
        cfg.put("missingIndicators", config.missingIndicators());
        ArrayNode features = root.putArray("features");
        for (Part p : parts) {
            FeatureSpec f = inputSchema.get(p.input);
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            o.put("kind", f.kind().name());
            o.put("description", f.description());
            o.put("nearOutcome", f.nearOutcome());
            ArrayNode levels = o.putArray("levels");
            f.levels().forEach(levels::add);
            if (p.categorical) {
                ArrayNode kept = o.putArray("keptLevels");
                p.kept.forEach(kept::add);
                o.put("missingLevel", p.missingLevel);
            } else {
                o.put("log1p", p.log);
                o.put("center", p.center);
                o.put("scale", p.scale);
                o.put("fill", p.fill);
                o.put("missingIndicator", p.missingIndicator);
                if (p.edges != null) {
                    ArrayNode edges = o.putArray("binEdges");
                    for (double e : p.edges) {
                        edges.add(e);
                    }
                }
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write encoding as JSON: " + e.getMessage(), e);
        }
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
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("encoding is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("encoding JSON must be an object");
        }
        int version = required(root, "formatVersion", "encoding").asInt(-1);
        if (version < 1) {
            throw new IllegalArgumentException("encoding formatVersion must be a positive integer, was "
                    + root.get("formatVersion"));
        }
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException("encoding formatVersion " + version
                    + " is newer than this library reads (" + FORMAT_VERSION + "); use a newer propensity version");
        }
        JsonNode c = required(root, "config", "encoding");
        EncoderConfig config = new EncoderConfig(required(c, "log1p", "config").asBoolean(),
                required(c, "standardize", "config").asBoolean(), required(c, "minCount", "config").asInt(),
                required(c, "quantileBins", "config").asInt(), required(c, "missingIndicators", "config").asBoolean());
        JsonNode fs = required(root, "features", "encoding");
        List<FeatureSpec> specs = new ArrayList<>();
        for (JsonNode o : fs) {
            String name = required(o, "name", "feature").asText();
            String where = "feature " + name;
            FeatureKind kind;
            try {
                kind = FeatureKind.valueOf(required(o, "kind", where).asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown kind '" + o.get("kind").asText() + "'", e);
            }
            specs.add(new FeatureSpec(name, kind, strings(required(o, "levels", where)),
                    required(o, "description", where).asText(), required(o, "nearOutcome", where).asBoolean()));
        }
        FeatureSchema schema = new FeatureSchema(specs);
        Part[] parts = new Part[specs.size()];
        int offset = 0;
        int j = 0;
        for (JsonNode o : fs) {
            FeatureSpec f = specs.get(j);
            String where = "feature " + f.name();
            Part p;
            if (f.kind() == FeatureKind.CATEGORICAL) {
                p = new Part(j, offset, strings(required(o, "keptLevels", where)),
                        required(o, "missingLevel", where).asBoolean(), f.levels());
            } else {
                double[] edges = null;
                if (o.has("binEdges")) {
                    JsonNode e = o.get("binEdges");
                    edges = new double[e.size()];
                    for (int i = 0; i < edges.length; i++) {
                        edges[i] = e.get(i).asDouble();
                    }
                }
                double scale = required(o, "scale", where).asDouble();
                if (!(scale > 0) || Double.isInfinite(scale)) {
                    throw new IllegalArgumentException(where + ": scale must be finite and > 0, was " + scale);
                }
                p = new Part(j, offset, required(o, "log1p", where).asBoolean(), required(o, "center", where).asDouble(),
                        scale, required(o, "fill", where).asDouble(), required(o, "missingIndicator", where).asBoolean(),
                        edges);
            }
            parts[j++] = p;
            offset += p.width();
        }
        return new FittedEncoding(schema, config, parts);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FittedEncoding[inputs=").append(parts.length).append(", outputs=")
                .append(width).append(", ").append(config).append("]\n");
        for (Part p : parts) {
            FeatureSpec f = inputSchema.get(p.input);
            sb.append(String.format("  %-28s ", f.name()));
            if (p.categorical) {
                sb.append("one-hot ").append(p.kept.size()).append(" levels + (other)")
                        .append(p.missingLevel ? " + (missing)" : "");
            } else {
                sb.append(p.log ? "log1p, " : "").append(String.format("center %.4g, scale %.4g", p.center, p.scale))
                        .append(p.missingIndicator ? ", missing indicator" : "")
                        .append(p.edges != null ? ", " + (p.edges.length + 1) + " bins" : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
