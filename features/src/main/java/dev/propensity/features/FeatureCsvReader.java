package dev.propensity.features;

import dev.propensity.core.io.CsvCells;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.RejectReason;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a feature CSV (see {@link FeatureCsv#read(Path)}) in two passes: the first checks every row and settles
 * each column's kind, the second fills exactly-sized columns (8 bytes a value) and the facts.
 */
final class FeatureCsvReader {
    /**
     * The largest feature value read: a million events at the largest price ({@code Prices.MAX}) sum to 1e18, and
     * sums over millions of rows of such values stay finite.
     */
    static final double MAX_VALUE = 1e18;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String INFERRED = "read from a feature CSV (kind inferred from the values)";
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Opens the text to read, once per pass. */
    interface Source {
        Reader open() throws IOException;
    }

    private final Source source;
    private final String name;

    private FeatureCsvReader(Source source, String name) {
        this.source = source;
        this.name = name;
    }

    static FeatureTable read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new FeatureCsvReader(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString())
                .read();
    }

    static FeatureTable read(Reader in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Path tmp = Files.createTempFile("propensity-features", ".csv");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                in.transferTo(w);
            }
            return new FeatureCsvReader(() -> Files.newBufferedReader(tmp, StandardCharsets.UTF_8), sourceName)
                    .read();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What the first pass learnt about one feature column. */
    private static final class Col {
        final String name;
        /** The standard spec, or null when the kind is inferred. */
        final FeatureSpec standard;
        /** Fixed level codes of a standard categorical feature with declared levels, else null. */
        final Map<String, Integer> fixed;
        boolean numeric = true;
        boolean binary = true;
        boolean count = true;
        boolean any;
        FeatureKind kind;
        Map<String, Integer> codes;
        List<String> levels;

        Col(String name, FeatureSpec standard) {
            this.name = name;
            this.standard = standard;
            if (standard != null && standard.kind() == FeatureKind.CATEGORICAL && !standard.levels().isEmpty()) {
                fixed = new HashMap<>();
                for (int i = 0; i < standard.levels().size(); i++) {
                    fixed.put(standard.levels().get(i), i);
                }
            } else {
                fixed = null;
            }
        }
    }

    private FeatureTable read() throws IOException {
        List<String> header;
        Col[] cols;
        int rows = 0;
        try (Reader r = source.open()) {
            Records in = new Records(r, name);
            header = header(in);
            cols = columns(header);
            while (in.next(header)) {
                check(in, header.size());
                for (int j = 0; j < cols.length; j++) {
                    firstPass(in, cols[j], j + 2);
                }
                rows++;
            }
        } catch (CharacterCodingException e) {
            throw new InputException(name, 0, null, RejectReason.BAD_FILE, "not UTF-8 text (" + e + ")");
        }
        for (Col c : cols) {
            if (c.standard != null) {
                c.kind = c.standard.kind();
            } else if (!c.numeric) {
                c.kind = FeatureKind.CATEGORICAL;
            } else if (c.any && c.binary) {
                c.kind = FeatureKind.BINARY;
            } else if (c.any && c.count) {
                c.kind = FeatureKind.COUNT;
            } else {
                c.kind = FeatureKind.NUMERIC;
            }
            if (c.kind == FeatureKind.CATEGORICAL && c.fixed == null) {
                c.codes = new HashMap<>();
                c.levels = new ArrayList<>();
            }
        }
        double[][] values = new double[cols.length][rows];
        SessionFacts.Builder facts = SessionFacts.builder();
        try (Reader r = source.open()) {
            Records in = new Records(r, name);
            in.next(header);
            int i = 0;
            while (in.next(header)) {
                if (i == rows || in.count != header.size()) {
                    throw changed(in);
                }
                String id = in.string(0);
                boolean label = label(in) == 1;
                for (int j = 0; j < cols.length; j++) {
                    values[j][i] = secondPass(in, cols[j], j + 2);
                }
                facts.addRow(id, label, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
                i++;
            }
            if (i != rows) {
                throw changed(in);
            }
        }
        List<FeatureSpec> specs = new ArrayList<>(cols.length);
        for (int j = 0; j < cols.length; j++) {
            Col c = cols[j];
            FeatureSpec spec = c.standard != null ? c.standard : new FeatureSpec(c.name, c.kind, List.of(), INFERRED,
                    false);
            if (c.levels != null) {
                spec = spec.withLevels(sortLevels(c, values[j]));
            }
            specs.add(spec);
        }
        return FeatureTable.of(new FeatureSchema(specs), values, facts.build());
    }

    private InputException changed(Records in) {
        return new InputException(name, in.recordLine, null, RejectReason.BAD_FILE,
                "the file changed while it was being read");
    }

    private List<String> header(Records in) throws IOException {
        if (!in.next(null)) {
            throw new InputException(name, 0, null, RejectReason.BAD_FILE,
                    "the file is empty: expected a header session_id,label,<feature names>");
        }
        List<String> h = new ArrayList<>(in.count);
        for (int k = 0; k < in.count; k++) {
            h.add(in.string(k));
        }
        if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
            h.set(0, h.get(0).substring(1));
        }
        if (h.size() < 2 || !h.get(0).equals("session_id") || !h.get(1).equals("label")) {
            throw new InputException(name, in.recordLine, null, RejectReason.BAD_FILE,
                    "the header must start with session_id,label (a feature CSV as propensity features writes it), was '"
                    + String.join(",", h.subList(0, Math.min(h.size(), 4))) + (h.size() > 4 ? ",..." : "") + "'");
        }
        if (h.size() == 2) {
            throw new InputException(name, in.recordLine, null, RejectReason.BAD_FILE,
                    "the header has no feature columns after session_id,label");
        }
        Set<String> seen = new HashSet<>();
        for (String c : h) {
            if (!seen.add(c)) {
                throw new InputException(name, in.recordLine, c, RejectReason.BAD_FILE,
                        "duplicate column name (column names must be unique)");
            }
        }
        for (String c : h.subList(2, h.size())) {
            if (!NAME.matcher(c).matches()) {
                throw new InputException(name, in.recordLine, c.isEmpty() ? "(empty)" : c, RejectReason.BAD_FILE,
                        "a feature name must be letters, digits and underscores starting with a letter");
            }
        }
        return h;
    }

    /** The columns, with a standard set's specs when every feature name belongs to one. */
    private static Col[] columns(List<String> header) {
        List<String> names = header.subList(2, header.size());
        Map<String, FeatureSpec> standard = null;
        for (List<FeatureExtractor> set : List.of(StandardExtractors.forEvents(), StandardExtractors.forTable())) {
            Map<String, FeatureSpec> specs = new LinkedHashMap<>();
            for (FeatureExtractor x : set) {
                for (FeatureSpec f : x.features()) {
                    specs.put(f.name(), f);
                }
            }
            if (specs.keySet().containsAll(names)) {
                standard = specs;
                break;
            }
        }
        Col[] cols = new Col[names.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = new Col(names.get(j), standard == null ? null : standard.get(names.get(j)));
        }
        return cols;
    }

    private void check(Records in, int width) {
        if (in.count != width) {
            throw new InputException(name, in.recordLine, null, RejectReason.WRONG_COLUMN_COUNT, "expected " + width
                    + " fields (session_id, label and " + (width - 2) + " features), found " + in.count);
        }
        if (in.length(0) == 0) {
            throw new InputException(name, in.recordLine, "session_id", RejectReason.MISSING_VALUE,
                    "the session id is empty");
        }
        label(in);
    }

    /** 1 or 0 from the label field; an exception for anything else. */
    private int label(Records in) {
        int s = in.starts[1];
        int n = in.length(1);
        char[] t = in.text;
        if (n == 1 && (t[s] == '1' || t[s] == '0')) {
            return t[s] - '0';
        }
        String v = in.string(1);
        if (v.equalsIgnoreCase("true")) {
            return 1;
        }
        if (v.equalsIgnoreCase("false")) {
            return 0;
        }
        if (v.isEmpty()) {
            throw new InputException(name, in.recordLine, "label", RejectReason.MISSING_VALUE,
                    "the label is empty; expected 1 (purchase) or 0");
        }
        throw new InputException(name, in.recordLine, "label", RejectReason.MALFORMED,
                "the label must be 1, 0, true or false, was '" + v + "'");
    }

    private void firstPass(Records in, Col c, int k) {
        int n = in.length(k);
        if (n == 0) {
            return;
        }
        if (c.standard == null) {
            if (!c.numeric) {
                return;
            }
            double v = number(in.text, in.starts[k], in.starts[k] + n);
            if (Double.isNaN(v)) {
                c.numeric = false;
                return;
            }
            c.any = true;
            if (v != 0 && v != 1) {
                c.binary = false;
            }
            if (v < 0 || v != Math.rint(v)) {
                c.count = false;
            }
            return;
        }
        FeatureKind kind = c.standard.kind();
        if (kind == FeatureKind.CATEGORICAL) {
            if (c.fixed != null && !c.fixed.containsKey(in.string(k))) {
                throw new InputException(name, in.recordLine, c.name, RejectReason.MALFORMED,
                        "'" + in.string(k) + "' is not one of its levels " + c.standard.levels());
            }
            return;
        }
        double v = number(in.text, in.starts[k], in.starts[k] + n);
        if (Double.isNaN(v)) {
            throw new InputException(name, in.recordLine, c.name, RejectReason.BAD_NUMBER,
                    "'" + in.string(k) + "' is not a number (a " + kind.name().toLowerCase(Locale.ROOT)
                    + " feature; empty means missing)");
        }
        if (Math.abs(v) > MAX_VALUE) {
            throw new InputException(name, in.recordLine, c.name, RejectReason.BAD_NUMBER,
                    "'" + in.string(k) + "' is out of range (at most 1e18 in size, so that sums stay finite)");
        }
        if (kind == FeatureKind.BINARY && v != 0 && v != 1) {
            throw new InputException(name, in.recordLine, c.name, RejectReason.BAD_NUMBER,
                    "a binary feature must be 0 or 1, was '" + in.string(k) + "'");
        }
        if (kind == FeatureKind.COUNT && (v < 0 || v != Math.rint(v))) {
            throw new InputException(name, in.recordLine, c.name, RejectReason.BAD_NUMBER,
                    "a count must be a whole number >= 0, was '" + in.string(k) + "'");
        }
    }

    private double secondPass(Records in, Col c, int k) {
        int n = in.length(k);
        if (n == 0) {
            return Double.NaN;
        }
        if (c.kind != FeatureKind.CATEGORICAL) {
            double v = number(in.text, in.starts[k], in.starts[k] + n);
            if (Double.isNaN(v)) {
                throw changed(in);
            }
            return v;
        }
        String level = in.string(k);
        if (c.fixed != null) {
            Integer code = c.fixed.get(level);
            if (code == null) {
                throw changed(in);
            }
            return code;
        }
        Integer code = c.codes.get(level);
        if (code == null) {
            code = c.levels.size();
            c.levels.add(level);
            c.codes.put(level, code);
        }
        return code;
    }

    /** Sorts discovered levels as {@link FeatureTables} does and rewrites the codes; returns the sorted levels. */
    private static List<String> sortLevels(Col c, double[] values) {
        List<String> sorted = new ArrayList<>(c.levels);
        sorted.sort(FeatureTables.LEVEL_ORDER);
        int[] map = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            map[c.codes.get(sorted.get(i))] = i;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                values[i] = map[(int) values[i]];
            }
        }
        return sorted;
    }

    /**
     * A finite decimal number ({@code [+-]digits[.digits][e[+-]digits]}, digits on at least one side of the
     * point), or NaN when the text is anything else.
     */
    static double number(char[] t, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (t[i] == '-' || t[i] == '+')) {
            neg = t[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int frac = 0;
        while (i < e && t[i] >= '0' && t[i] <= '9') {
            m = m * 10 + (t[i] - '0');
            digits++;
            i++;
        }
        if (i < e && t[i] == '.') {
            i++;
            while (i < e && t[i] >= '0' && t[i] <= '9') {
                m = m * 10 + (t[i] - '0');
                digits++;
                frac++;
                i++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i == e && digits <= 15) {
            double v = frac == 0 ? m : m / POW10[frac];
            return neg ? -v : v;
        }
        if (i < e) {
            if (t[i] != 'e' && t[i] != 'E') {
                return Double.NaN;
            }
            i++;
            if (i < e && (t[i] == '-' || t[i] == '+')) {
                i++;
            }
            int exp = 0;
            while (i < e && t[i] >= '0' && t[i] <= '9') {
                i++;
                exp++;
            }
            if (exp == 0 || i != e) {
                return Double.NaN;
            }
        }
        double v = Double.parseDouble(new String(t, s, e - s));
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    /** RFC 4180 records from a reader: fields as ranges of one reusable character buffer. */
    static final class Records {
        private final Reader in;
        private final String name;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int lim;
        char[] text = new char[256];
        int[] starts = new int[16];
        int[] ends = new int[16];
        int count;
        private int tlen;
        private long line = 1;
        long recordLine;

        Records(Reader in, String name) {
            this.in = in;
            this.name = name;
        }

        int length(int k) {
            return ends[k] - starts[k];
        }

        /** A text cell, with the apostrophe that neutralised a formula-like cell on writing removed. */
        String string(int k) {
            return CsvCells.unneutralise(new String(text, starts[k], ends[k] - starts[k]));
        }

        private int read() throws IOException {
            if (pos == lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        private void append(int c) {
            if (tlen == text.length) {
                text = java.util.Arrays.copyOf(text, tlen * 2);
            }
            text[tlen++] = (char) c;
        }

        private void endField(int start) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count++] = tlen;
        }

        /**
         * Reads the next record, skipping empty lines; false at the end of the input. A carriage return outside
         * quotes is dropped ({@code \r\n} line ends).
         *
         * @param header the column names for messages, or null
         */
        boolean next(List<String> header) throws IOException {
            count = 0;
            tlen = 0;
            int c = read();
            while (c == '\n' || c == '\r') {
                if (c == '\n') {
                    line++;
                }
                c = read();
            }
            if (c == -1) {
                return false;
            }
            recordLine = line;
            while (true) {
                int start = tlen;
                if (c == '"') {
                    while (true) {
                        c = read();
                        if (c == -1) {
                            throw new InputException(name, recordLine, column(header), RejectReason.MALFORMED,
                                    "a quoted field is not closed before the end of the file");
                        }
                        if (c == '"') {
                            c = read();
                            if (c == '"') {
                                append('"');
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        append(c);
                    }
                    while (c == '\r') {
                        c = read();
                    }
                    if (c != ',' && c != '\n' && c != -1) {
                        throw new InputException(name, recordLine, column(header), RejectReason.MALFORMED,
                                "text after the closing quote of a quoted field");
                    }
                } else {
                    while (c != ',' && c != '\n' && c != -1) {
                        if (c == '"') {
                            throw new InputException(name, recordLine, column(header), RejectReason.MALFORMED,
                                    "a quote inside an unquoted field (quote the whole field and double the quote)");
                        }
                        if (c != '\r') {
                            append(c);
                        }
                        c = read();
                    }
                }
                endField(start);
                if (c == ',') {
                    c = read();
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                return true;
            }
        }

        private String column(List<String> header) {
            return header != null && count < header.size() ? header.get(count) : null;
        }
    }
}
