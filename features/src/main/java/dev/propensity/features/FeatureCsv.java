package dev.propensity.features;

import dev.propensity.core.Pipe;
import dev.propensity.core.io.CsvCells;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import dev.propensity.core.Workers;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.SessionReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Feature rows as CSV, one row per session: {@code session_id,label,<feature names...>} with the label as
 * {@code 1} (purchase) or {@code 0}, categorical values as their level names, missing values as empty fields,
 * whole numbers without a decimal point and other numbers in Java's shortest round-trip form (such as
 * {@code 12.5} or {@code 1.0E-4}). Fields holding a comma, quote, carriage return or line feed are quoted, with
 * quotes doubled (RFC 4180). UTF-8, {@code \n} line ends.
 *
 * <p>{@link #stream} writes rows as sessions arrive, without building a table: memory stays flat whatever the
 * input size. Methods taking a {@link Writer} or {@link OutputStream} flush it but do not close it (so standard
 * output can be passed).
 *
 * <p>{@link #read(Path)} reads such a file back as a {@link FeatureTable}; see there for the schema it gives.
 */
public final class FeatureCsv {
    private static final int BUFFER = 1 << 16;

    private FeatureCsv() {
    }

    /**
     * Writes a table to a file (created or replaced).
     *
     * @param table the table
     * @param file  the file
     * @throws IOException when writing fails
     */
    public static void write(FeatureTable table, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(table, w);
        }
    }

    /**
     * Writes a table to a stream as UTF-8; flushes, does not close.
     *
     * @param table the table
     * @param out   the stream
     * @throws IOException when writing fails
     */
    public static void write(FeatureTable table, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(table, w);
        w.flush();
    }

    /**
     * Writes a table; flushes, does not close.
     *
     * @param table the table
     * @param out   the writer
     * @throws IOException when writing fails
     */
    public static void write(FeatureTable table, Writer out) throws IOException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(out, "out");
        Writer w = new BufferedWriter(out, BUFFER);
        FeatureSchema schema = table.schema();
        StringBuilder sb = new StringBuilder(256);
        header(schema, sb);
        w.append(sb);
        int width = schema.size();
        boolean[] categorical = new boolean[width];
        double[][] cols = new double[width][];
        for (int j = 0; j < width; j++) {
            categorical[j] = schema.get(j).kind() == FeatureKind.CATEGORICAL;
            cols[j] = table.columnArray(j);
        }
        char[] buf = new char[256];
        for (int i = 0; i < table.rows(); i++) {
            sb.setLength(0);
            appendField(sb, table.id(i));
            sb.append(table.label(i) ? ",1" : ",0");
            for (int j = 0; j < width; j++) {
                sb.append(',');
                double v = cols[j][i];
                if (categorical[j]) {
                    if (!Double.isNaN(v)) {
                        appendField(sb, schema.get(j).levels().get((int) v));
                    }
                } else {
                    appendNumber(sb, v);
                }
            }
            sb.append('\n');
            buf = flush(sb, buf, w);
        }
        w.flush();
    }

    /**
     * Reads a feature CSV back as a table: what {@link #write} and {@link #stream} produce (header
     * {@code session_id,label,<features>}, label {@code 1}/{@code 0} (also {@code true}/{@code false}, any case),
     * categorical values as level names, empty fields as missing ({@code NaN}), RFC 4180 quoting, {@code \n} or
     * {@code \r\n} line ends, an optional UTF-8 byte order mark; empty lines are skipped).
     *
     * <p>The schema: when every feature name in the header belongs to one standard set
     * ({@link StandardExtractors#forEvents()} or {@link StandardExtractors#forTable()}), those features' specs are
     * used in the file's column order, so kinds, descriptions and {@linkplain FeatureSpec#nearOutcome() near the
     * outcome} marks survive the round trip (start-time descriptions name UTC, the zone is not in the file).
     * Their values are checked: numbers for numeric, count ({@code >= 0}, whole) and binary ({@code 0}/{@code 1})
     * features, a declared level for {@code start_hour} and {@code start_weekday}. Otherwise each column's kind is
     * inferred from its non-empty values: all numbers and all 0 or 1 gives {@link FeatureKind#BINARY}; all
     * whole numbers {@code >= 0} gives {@link FeatureKind#COUNT}; other numbers (or no value at all) give
     * {@link FeatureKind#NUMERIC}; any value that is not a number makes the column
     * {@link FeatureKind#CATEGORICAL}, its texts being the levels. Discovered levels are sorted as
     * {@link FeatureTables} sorts them (numbers numerically, month names in calendar order, other text
     * alphabetically). Numbers are decimal ({@code 12}, {@code -0.5}, {@code 1.0E-4}); {@code NaN},
     * {@code Infinity} and surrounding spaces are not numbers.
     *
     * <p>The facts hold each row's id and label only (no start time, duration, events or attributes).
     *
     * <p>Two passes over the file (the first checks every row and settles the kinds, the second fills the
     * columns), so memory is the table itself: 8 bytes a value plus the ids. There is no lenient mode: the first
     * bad row stops the read.
     *
     * @param file the CSV file (UTF-8)
     * @return the table
     * @throws dev.propensity.core.io.InputException naming the file, 1-based line, column and problem when the
     *                                               file is empty, the header does not start with
     *                                               {@code session_id,label}, has no feature or a duplicate or
     *                                               invalid column name, a row has the wrong number of fields, an
     *                                               empty id, a label other than 1/0/true/false, a value its
     *                                               standard feature does not allow, or broken quoting
     * @throws IOException when reading fails
     */
    public static FeatureTable read(Path file) throws IOException {
        return FeatureCsvReader.read(file);
    }

    /**
     * Reads a feature CSV from a reader; see {@link #read(Path)}. The text is copied to a temporary file (deleted
     * afterwards) for the second pass. Does not close the reader.
     *
     * @param in         the text
     * @param sourceName the name errors give as the file (such as {@code "<stdin>"})
     * @return the table
     * @throws dev.propensity.core.io.InputException for bad input, as {@link #read(Path)}
     * @throws IOException when reading fails
     */
    public static FeatureTable read(Reader in, String sourceName) throws IOException {
        return FeatureCsvReader.read(in, sourceName);
    }

    /**
     * Streams sessions to CSV rows without building a table (the {@code propensity features} command): one row
     * per kept session, written as it arrives. The settings' extractors (or its defaults chosen from the first
     * session), cutoff, empty-cutoff policy and prefetching apply; {@code dropEmptyFeatures} does not (the header is written
     * before any row).
     *
     * @param sessions the sessions
     * @param settings the extractors, cutoff and policies
     * @param file     the file (created or replaced)
     * @return the report
     * @throws IOException when writing fails
     */
    public static BuildReport stream(Iterator<Session> sessions, FeatureTables.Builder settings, Path file)
            throws IOException {
        Objects.requireNonNull(file, "file");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return stream(sessions, settings, w);
        }
    }

    /**
     * Streams sessions to CSV rows on a stream as UTF-8; flushes, does not close. See
     * {@link #stream(Iterator, FeatureTables.Builder, Path)}.
     *
     * @param sessions the sessions
     * @param settings the extractors, cutoff and policies
     * @param out      the stream
     * @return the report
     * @throws IOException when writing fails
     */
    public static BuildReport stream(Iterator<Session> sessions, FeatureTables.Builder settings, OutputStream out)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        BuildReport r = stream(sessions, settings, w);
        w.flush();
        return r;
    }

    /**
     * Streams sessions to CSV rows; flushes, does not close. See
     * {@link #stream(Iterator, FeatureTables.Builder, Path)}.
     *
     * @param sessions the sessions
     * @param settings the extractors, cutoff and policies
     * @param out      the writer
     * @return the report
     * @throws IOException when writing fails
     */
    public static BuildReport stream(Iterator<Session> sessions, FeatureTables.Builder settings, Writer out)
            throws IOException {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
        if (settings.prefetching()) {
            try {
                return Prefetcher.run(settings.workers(), sessions, it -> {
                    try {
                        return streamFrom(it, settings, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return streamFrom(sessions, settings, out);
    }

    private static BuildReport streamFrom(Iterator<Session> sessions, FeatureTables.Builder settings, Writer out)
            throws IOException {
        long t0 = System.nanoTime();
        FeatureTables.Peeking it = new FeatureTables.Peeking(sessions);
        List<FeatureExtractor> extractors = settings.resolveExtractors(it.peek());
        RowExtractor rx = new RowExtractor(extractors, settings.cutoff());
        RowWriter writer = new RowWriter(out);
        writer.start(rx.declared);
        FeatureTables.Counts counts = new FeatureTables.Counts();
        while (it.hasNext()) {
            SessionView s = SessionView.of(it.next());
            if (settings.accept(s, rx, counts)) {
                try {
                    writer.row(s.id(), s.purchased(), rx.values, rx.levels);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        writer.finish();
        return counts.report(settings.cutoff(), List.of(), t0);
    }

    /**
     * What streaming a file to CSV did: how the sessions became rows, and how the file's rows were read (rows read
     * and, when lenient, rejected by reason).
     *
     * @param report the rows written
     * @param read   the read
     */
    public record Streamed(BuildReport report, ReadReport read) {
        /** Validates. */
        public Streamed {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(read, "read");
        }
    }

    /**
     * Streams the feature rows of a file of any supported format to CSV (the {@code propensity features} command),
     * without building a table. A REES46 file grouped by session id is read straight into session views
     * ({@link dev.propensity.core.io.Rees46Sessions}) in one part, so the rows come out in the order the
     * sessionizer completes the sessions, while one of the settings' {@link FeatureTables.Builder#workers workers}
     * formats and writes them; anything else reads sessions with {@link Inputs#sessions} and streams them as
     * {@link #stream(Iterator, FeatureTables.Builder, Writer)} does. Strict or lenient as {@code options} say.
     * Flushes, does not close.
     *
     * @param input    the input file
     * @param format   its format, or {@code null} to detect it
     * @param options  strict or lenient, sessionizer, mapping
     * @param settings the extractors, cutoff and policies
     * @param out      where the CSV goes
     * @return the rows written and the read's report
     * @throws IOException when reading or writing fails
     * @throws dev.propensity.core.io.InputException at the first bad row of a strict read
     */
    public static Streamed stream(Path input, InputFormat format, ReadOptions options,
                                  FeatureTables.Builder settings, Writer out) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
        InputFormat f = format != null ? format : InputFormat.detect(input);
        if (FeatureTables.Builder.readsViews(f, options)) {
            RowWriter writer = new RowWriter(out);
            Workers workers = settings.workers();
            try {
                if (workers.parallelism() < 2) {
                    Streamed streamed = settings.forEachRow(input, f, options, writer, 1);
                    writer.finish();
                    return streamed;
                }
                // the caller writes; one worker reads and computes the rows, in the same order
                Streamed[] streamed = new Streamed[1];
                ConcurrentLinkedQueue<Batch> free = new ConcurrentLinkedQueue<>();
                Pipe.<Batch, Void>run(workers, 4, batches -> {
                    Batcher b = new Batcher(batches, free);
                    streamed[0] = settings.forEachRow(input, f, options, b, 1);
                    b.flush();
                }, batches -> {
                    while (batches.hasNext()) {
                        Batch b = batches.next();
                        if (b.schema != null) {
                            writer.start(b.schema);
                            continue;
                        }
                        for (int r = 0; r < b.size; r++) {
                            writer.rowAt(b.ids[r], b.labels[r], b.values, b.levels, r * b.width);
                        }
                        b.size = 0;
                        free.add(b);
                    }
                    writer.finish();
                    return null;
                });
                return streamed[0];
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        try (SessionReader r = Inputs.sessions(input, f, options)) {
            BuildReport built = stream(r.stream().iterator(), settings, out);
            return new Streamed(built, r.report());
        }
    }

    /** Writes rows as CSV as they arrive. */
    private static final class RowWriter implements FeatureTables.RowSink {
        private final Writer w;
        private final StringBuilder sb = new StringBuilder(256);
        private char[] buf = new char[256];
        private boolean[] categorical;

        RowWriter(Writer out) {
            this.w = new BufferedWriter(out, BUFFER);
        }

        @Override
        public void start(FeatureSchema schema) {
            categorical = new boolean[schema.size()];
            for (int j = 0; j < categorical.length; j++) {
                categorical[j] = schema.get(j).kind() == FeatureKind.CATEGORICAL;
            }
            sb.setLength(0);
            header(schema, sb);
            write();
        }

        @Override
        public void row(String sessionId, boolean purchased, double[] values, String[] levels) {
            rowAt(sessionId, purchased, values, levels, 0);
        }

        /** A row whose values and levels start at {@code offset} of the arrays. */
        void rowAt(String sessionId, boolean purchased, double[] values, String[] levels, int offset) {
            sb.setLength(0);
            appendField(sb, sessionId);
            sb.append(purchased ? ",1" : ",0");
            for (int j = 0; j < categorical.length; j++) {
                sb.append(',');
                if (categorical[j]) {
                    if (levels[offset + j] != null) {
                        appendField(sb, levels[offset + j]);
                    }
                } else {
                    appendNumber(sb, values[offset + j]);
                }
            }
            sb.append('\n');
            write();
        }

        /** Writes the builder; a failure stops the rows as an UncheckedIOException (callers unwrap it). */
        private void write() {
            try {
                buf = flush(sb, buf, w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish() throws IOException {
            w.flush();
        }
    }

    /** Rows (or the schema) handed from the computing thread to the writing one. */
    private static final class Batch {
        static final int ROWS = 2048;
        final FeatureSchema schema;
        final int width;
        final String[] ids;
        final boolean[] labels;
        final double[] values;
        final String[] levels;
        int size;

        Batch(FeatureSchema schema, int width) {
            this.schema = schema;
            this.width = width;
            boolean rows = schema == null;
            this.ids = rows ? new String[ROWS] : null;
            this.labels = rows ? new boolean[ROWS] : null;
            this.values = rows ? new double[ROWS * width] : null;
            this.levels = rows ? new String[ROWS * width] : null;
        }
    }

    /** Copies rows into batches (the arrays it is given are valid only during the call) and sends them on. */
    private static final class Batcher implements FeatureTables.RowSink {
        private final java.util.function.Consumer<Batch> out;
        private final ConcurrentLinkedQueue<Batch> free;
        private int width;
        private Batch current;

        Batcher(java.util.function.Consumer<Batch> out, ConcurrentLinkedQueue<Batch> free) {
            this.out = out;
            this.free = free;
        }

        @Override
        public void start(FeatureSchema schema) {
            flush();
            width = schema.size();
            out.accept(new Batch(schema, width));
        }

        @Override
        public void row(String sessionId, boolean purchased, double[] values, String[] levels) {
            if (current == null) {
                Batch b = free.poll();
                current = b != null ? b : new Batch(null, width);
            }
            Batch b = current;
            int r = b.size++;
            b.ids[r] = sessionId;
            b.labels[r] = purchased;
            System.arraycopy(values, 0, b.values, r * width, width);
            System.arraycopy(levels, 0, b.levels, r * width, width);
            if (b.size == Batch.ROWS) {
                flush();
            }
        }

        void flush() {
            if (current != null && current.size > 0) {
                out.accept(current);
                current = null;
            }
        }
    }

    /** Writes the builder's characters through a reusable buffer (no String per row); returns the buffer. */
    private static char[] flush(StringBuilder sb, char[] buf, Writer w) throws IOException {
        int n = sb.length();
        char[] b = buf.length >= n ? buf : new char[Math.max(n, buf.length * 2)];
        sb.getChars(0, n, b, 0);
        w.write(b, 0, n);
        return b;
    }

    private static void header(FeatureSchema schema, StringBuilder sb) {
        sb.append("session_id,label");
        for (FeatureSpec f : schema.features()) {
            sb.append(',').append(f.name());
        }
        sb.append('\n');
    }

    /**
     * Appends a number: empty for NaN; whole numbers (below 1e15) without a decimal point; other numbers of
     * magnitude in [0.001, 1e6) with at most 9 decimals (rounded, trailing zeros dropped); the rest in Java's
     * shortest round-trip form. Much faster than {@link Double#toString(double)} on Java 17.
     */
    static void appendNumber(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v >= 0 && v < 10 && v == (int) v) {
            sb.append((char) ('0' + (int) v));
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
            return;
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            long q = Math.round(a * 1e9);
            long whole = q / 1_000_000_000L;
            long frac = q % 1_000_000_000L;
            if (v < 0) {
                sb.append('-');
            }
            sb.append(whole);
            if (frac != 0) {
                int digits = 9;
                while (frac % 10 == 0) {
                    frac /= 10;
                    digits--;
                }
                sb.append('.');
                for (long p = POW10[digits - 1]; p > frac; p /= 10) {
                    sb.append('0');
                }
                sb.append(frac);
            }
            return;
        }
        sb.append(v);
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};

    /**
     * Appends a text field (a session id or a level): neutralised against formula injection ({@link CsvCells}),
     * then quoted when it holds a comma, quote, CR or LF. {@link FeatureCsvReader} reads it back exactly.
     */
    static void appendField(StringBuilder sb, String s) {
        CsvCells.append(sb, s);
    }
}
