package dev.propensity.features;

import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.SessionView;
import dev.propensity.core.Workers;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.Rees46Sessions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Builds {@link FeatureTable}s from sessions in one streaming pass: each session is cut by the {@link Cutoff},
 * run through the extractors, appended to growable primitive columns (about 8 bytes per value) and to the
 * {@link SessionFacts} (which describe the whole session, for reporting), and then dropped; nothing else of it
 * is kept.
 *
 * <pre>{@code
 * FeatureTable t = FeatureTables.build(sessions);                    // defaults
 * FeatureTables.Result r = FeatureTables.builder()
 *         .cutoff(Cutoffs.firstEvents(5)).zone(ZoneId.of("Europe/Berlin"))
 *         .buildWithReport(sessions.iterator());
 * }</pre>
 *
 * <p>Defaults: the extractors are chosen from the first session ({@link StandardExtractors#forEvents(ZoneId)} for
 * an event session, {@link StandardExtractors#forTable()} for a table session), the cutoff is
 * {@link Cutoffs#beforeFirstPurchase()}, the zone UTC, buying sessions with nothing visible before their cutoff
 * are kept (and counted in the {@link BuildReport}), all-missing features are kept.
 *
 * <p>Categorical levels discovered from the data are sorted at the end (numbers numerically, month names in
 * calendar order, other text alphabetically), so the codes do not depend on the order sessions arrive in.
 * Fixed levels keep their declared order.
 */
public final class FeatureTables {
    private static final int CHUNK = 1 << 13;

    private FeatureTables() {
    }

    /**
     * Receives feature rows one at a time from {@link Builder#forEachRow}. Rows come from one thread at a time, not
     * always the same thread, and, when a file is read on several threads, not in file order.
     */
    public interface RowSink {
        /**
         * Called once, before any row, with the features the rows hold (levels that are discovered from the data
         * are not known yet and are empty here).
         *
         * @param schema the features, in the order of {@code values} and {@code levels}
         */
        default void start(FeatureSchema schema) {
        }

        /**
         * One session's row.
         *
         * @param sessionId the session id
         * @param purchased its label
         * @param values    numeric, count and binary values by feature index ({@code NaN} when missing and at
         *                  categorical features); valid only during the call
         * @param levels    categorical levels by feature index ({@code null} when missing and at other features);
         *                  valid only during the call
         */
        void row(String sessionId, boolean purchased, double[] values, String[] levels);
    }

    /**
     * A table, the report of its build, and the report of the file read.
     *
     * @param table  the table
     * @param report how the sessions became rows
     * @param read   how the file's rows were read (rows read, rejected by reason), or {@code null} when the
     *               sessions were given rather than read from a file
     */
    public record Result(FeatureTable table, BuildReport report, ReadReport read) {
        /** Validates. */
        public Result {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(report, "report");
        }

        /**
         * A result of sessions given rather than read.
         *
         * @param table  the table
         * @param report how the sessions became rows
         */
        public Result(FeatureTable table, BuildReport report) {
            this(table, report, null);
        }
    }

    /** A builder with the defaults (see the class description). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A table of the sessions with the defaults.
     *
     * @param sessions the sessions
     * @return the table
     */
    public static FeatureTable build(Iterable<Session> sessions) {
        return builder().build(sessions);
    }

    /**
     * The table without its features whose every value is missing (such as {@code traffic_source} on data
     * without traffic sources). A model fitted on the result expects the same features when scoring.
     *
     * @param table the table
     * @return a table sharing the kept columns (or {@code table} itself when nothing is dropped)
     */
    public static FeatureTable dropEmptyFeatures(FeatureTable table) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < table.columnCount(); j++) {
            double[] c = table.columnArray(j);
            for (double v : c) {
                if (!Double.isNaN(v)) {
                    keep.add(j);
                    break;
                }
            }
        }
        if (keep.size() == table.columnCount()) {
            return table;
        }
        List<FeatureSpec> specs = new ArrayList<>();
        double[][] cols = new double[keep.size()][];
        for (int k = 0; k < keep.size(); k++) {
            specs.add(table.schema().get(keep.get(k)));
            cols[k] = table.columnArray(keep.get(k));
        }
        return FeatureTable.of(new FeatureSchema(specs), cols, table.facts());
    }

    /** How to build a table; mutable, reusable, not thread-safe. */
    public static final class Builder {
        private List<FeatureExtractor> extractors;
        private Cutoff cutoff = Cutoffs.beforeFirstPurchase();
        private ZoneId zone = ZoneOffset.UTC;
        private boolean dropEmptyCutoffBuyers;
        private boolean dropEmptyFeatures;
        private int threads = Integer.MAX_VALUE;
        private Workers workers = Workers.defaults();
        private long splitBytes = Rees46Sessions.MIN_SPLIT_BYTES;
        private boolean prefetch;

        private Builder() {
        }

        /**
         * The extractors, in column order (default: chosen from the first session).
         *
         * @param list the extractors; their feature names must be unique together
         * @return this builder
         */
        public Builder extractors(List<FeatureExtractor> list) {
            Objects.requireNonNull(list, "list");
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one extractor is needed, the list was empty");
            }
            this.extractors = List.copyOf(list);
            return this;
        }

        /** The extractors, in column order. */
        public Builder extractors(FeatureExtractor... list) {
            return extractors(List.of(list));
        }

        /** The cutoff policy (default {@link Cutoffs#beforeFirstPurchase()}). */
        public Builder cutoff(Cutoff c) {
            this.cutoff = Objects.requireNonNull(c, "cutoff");
            return this;
        }

        /**
         * The zone for the facts' hour and day, and for the default extractors' start-time features (default UTC).
         * Explicitly given extractors keep their own zone.
         */
        public Builder zone(ZoneId z) {
            this.zone = Objects.requireNonNull(z, "zone");
            return this;
        }

        /**
         * Whether buying sessions with nothing visible before their cutoff are dropped (counted in
         * {@link BuildReport#dropped()}) instead of kept with features from no events (default: kept).
         */
        public Builder dropBuyersWithEmptyCutoff(boolean drop) {
            this.dropEmptyCutoffBuyers = drop;
            return this;
        }

        /**
         * Whether features missing in every row are removed from the table at the end (default: kept, so the
         * schema is what the extractors declare). Removed names are listed in the report. Not used for CSV.
         */
        public Builder dropEmptyFeatures(boolean drop) {
            this.dropEmptyFeatures = drop;
            return this;
        }

        /**
         * Whether sessions are pulled from the input on a background thread while features are computed on the
         * caller's thread (default: off). Rows, order and errors are the same either way; with two or more
         * cores the reading and the extraction overlap. The input iterator must tolerate being used from
         * another thread (one thread at a time), as the project's readers do.
         */
        public Builder prefetch(boolean on) {
            this.prefetch = on;
            return this;
        }

        /**
         * At most how many parts a REES46 file is read in at once by {@link #build(Path, InputFormat, ReadOptions)}
         * and {@link #forEachRow} (default: as many as the {@link #workers(Workers)} allow, which is two on
         * workers with two threads or more; 1 reads on the calling thread). With two, each part is one half of the
         * file and the sessions open at the split are joined; the table's rows then come in another order (the
         * first half's sessions, then the second's), with the same values.
         *
         * @param n 1 or more
         * @return this builder
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * The workers the parallel work runs on: the parts of a REES46 file, the reading ahead of
         * {@link #prefetch(boolean)}, the writing of streamed CSV (default {@link Workers#defaults()}, one thread per
         * core).
         *
         * @param w the workers
         * @return this builder
         */
        public Builder workers(Workers w) {
            this.workers = Objects.requireNonNull(w, "workers");
            return this;
        }

        /** The workers in use. */
        public Workers workers() {
            return workers;
        }

        /** The workers a REES46 file is read on: none beside the caller when {@link #threads(int)} is 1. */
        Workers readWorkers() {
            return threads <= 1 ? Workers.callerOnly() : workers;
        }

        /** Whether a file of this format read with these options goes through {@link Rees46Sessions}. */
        static boolean readsViews(InputFormat format, ReadOptions options) {
            return format == InputFormat.REES46 && Rees46Sessions.supports(options);
        }

        /**
         * A table of the sessions in a file of any supported format ({@link Inputs#sessions}). A REES46 file grouped
         * by session id is read straight into session views by {@link Rees46Sessions}, without event or session
         * objects, in up to two parts at once (see {@link #threads(int)}); other inputs are read as sessions. The
         * same extractors and cutoff run on either, with the same values.
         *
         * @param file    the file
         * @param format  its format, or {@code null} to detect it
         * @param options strict or lenient, sessionizer, mapping
         * @return the table and the report
         * @throws IOException when the file cannot be read
         */
        public Result build(Path file, InputFormat format, ReadOptions options) throws IOException {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(options, "options");
            InputFormat f = format != null ? format : InputFormat.detect(file);
            if (readsViews(f, options)) {
                long t0 = System.nanoTime();
                List<FeatureExtractor> ex = eventExtractors();
                TableRows a = new TableRows(new RowExtractor(ex, cutoff));
                TableRows b = new TableRows(new RowExtractor(ex, cutoff));
                ReadReport read = Rees46Sessions.read(file, options, readWorkers(), splitBytes, Extractors.eventFields(ex),
                        a, b);
                Result built = assemble(List.of(a, b), t0);
                return new Result(built.table(), built.report(), read);
            }
            try (SessionReader r = Inputs.sessions(file, f, options)) {
                Result built = buildWithReport(r.stream().iterator());
                return new Result(built.table(), built.report(), r.report());
            }
        }

        /**
         * Streams the feature rows of a file to a sink without keeping them: memory grows with the sessions open
         * at once, not with the file. Reads REES46 files as {@link #build(Path, InputFormat, ReadOptions)} does
         * where it applies. {@link #dropEmptyFeatures(boolean)} does not apply to streams.
         *
         * @param file    the file
         * @param format  its format, or {@code null} to detect it
         * @param options strict or lenient, sessionizer, mapping
         * @param sink    receives the rows
         * @return the report
         * @throws IOException when the file cannot be read
         */
        public BuildReport forEachRow(Path file, InputFormat format, ReadOptions options, RowSink sink)
                throws IOException {
            return forEachRow(file, format, options, sink, threads).report();
        }

        /**
         * {@link #forEachRow(Path, InputFormat, ReadOptions, RowSink)} in at most {@code parts} parts, also returning
         * the read's report.
         */
        FeatureCsv.Streamed forEachRow(Path file, InputFormat format, ReadOptions options, RowSink sink, int parts)
                throws IOException {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sink, "sink");
            InputFormat f = format != null ? format : InputFormat.detect(file);
            long t0 = System.nanoTime();
            if (readsViews(f, options)) {
                List<FeatureExtractor> ex = eventExtractors();
                Object lock = new Object();
                Streamer a = new Streamer(new RowExtractor(ex, cutoff), sink, lock);
                Streamer b = new Streamer(new RowExtractor(ex, cutoff), sink, lock);
                sink.start(a.rx.declared);
                ReadReport read = Rees46Sessions.read(file, options,
                        parts <= 1 ? Workers.callerOnly() : readWorkers(), splitBytes, Extractors.eventFields(ex), a, b);
                a.flush();
                b.flush();
                Counts counts = new Counts();
                counts.add(a.counts);
                counts.add(b.counts);
                return new FeatureCsv.Streamed(counts.report(cutoff, List.of(), t0), read);
            }
            try (SessionReader r = Inputs.sessions(file, f, options)) {
                Peeking it = new Peeking(r.stream().iterator());
                RowExtractor rx = new RowExtractor(resolveExtractors(it.peek()), cutoff);
                sink.start(rx.declared);
                Counts counts = new Counts();
                while (it.hasNext()) {
                    SessionView v = SessionView.of(it.next());
                    if (accept(v, rx, counts)) {
                        sink.row(v.id(), v.purchased(), rx.values, rx.levels);
                    }
                }
                return new FeatureCsv.Streamed(counts.report(cutoff, List.of(), t0), r.report());
            }
        }

        /** For tests: the smallest file read on two threads. */
        Builder splitBytes(long bytes) {
            this.splitBytes = bytes;
            return this;
        }

        /** The cutoff policy in use. */
        public Cutoff cutoff() {
            return cutoff;
        }

        /** The zone in use. */
        public ZoneId zone() {
            return zone;
        }

        /** The sessions' features as a table. */
        public FeatureTable build(Iterable<Session> sessions) {
            return buildWithReport(sessions.iterator()).table();
        }

        /** The sessions' features as a table. */
        public FeatureTable build(Stream<Session> sessions) {
            return buildWithReport(sessions.iterator()).table();
        }

        /** The sessions' features as a table. */
        public FeatureTable build(Iterator<Session> sessions) {
            return buildWithReport(sessions).table();
        }

        /** The sessions' features as a table, with the report. */
        public Result buildWithReport(Iterable<Session> sessions) {
            return buildWithReport(sessions.iterator());
        }

        /**
         * The sessions' features as a table, with the report; one pass over the iterator.
         *
         * @param sessions the sessions
         * @return the table and the report
         * @throws IllegalArgumentException when an extractor rejects a session (the message names the session)
         */
        public Result buildWithReport(Iterator<Session> sessions) {
            Objects.requireNonNull(sessions, "sessions");
            if (prefetch) {
                return Prefetcher.run(workers, sessions, this::buildFrom);
            }
            return buildFrom(sessions);
        }

        /** Whether {@link #prefetch(boolean)} is on. */
        boolean prefetching() {
            return prefetch;
        }

        private Result buildFrom(Iterator<Session> sessions) {
            long t0 = System.nanoTime();
            Peeking it = new Peeking(sessions);
            TableRows rows = new TableRows(new RowExtractor(resolveExtractors(it.peek()), cutoff));
            while (it.hasNext()) {
                rows.session(SessionView.of(it.next()));
            }
            return assemble(List.of(rows), t0);
        }

        /** The table of rows built in parts, in part order, with the report. */
        private Result assemble(List<TableRows> parts, long t0) {
            TableRows first = parts.get(0);
            RowExtractor rx = first.rx;
            int width = rx.declared.size();
            Counts counts = new Counts();
            SessionFacts.Builder facts = first.facts;
            for (int p = 0; p < parts.size(); p++) {
                TableRows part = parts.get(p);
                counts.add(part.counts);
                if (p > 0) {
                    for (int j = 0; j < width; j++) {
                        first.cols[j].append(part.cols[j]);
                        part.cols[j] = null;
                    }
                    facts.addAll(part.facts);
                }
            }
            List<FeatureSpec> specs = new ArrayList<>(width);
            double[][] arrays = new double[width][];
            for (int j = 0; j < width; j++) {
                FeatureSpec f = rx.declared.get(j);
                Column c = first.cols[j];
                arrays[j] = c.toArray();
                c.chunks = null;
                if (c.discovered) {
                    f = f.withLevels(c.sortLevels(arrays[j]));
                }
                specs.add(f);
            }
            FeatureTable table = FeatureTable.of(new FeatureSchema(specs), arrays, facts.build());
            List<String> dropped = List.of();
            if (dropEmptyFeatures) {
                FeatureTable trimmed = FeatureTables.dropEmptyFeatures(table);
                List<String> gone = new ArrayList<>(table.schema().names());
                gone.removeAll(trimmed.schema().names());
                dropped = gone;
                table = trimmed;
            }
            return new Result(table, counts.report(cutoff, dropped, t0));
        }

        /**
         * Runs the extractors on a session; false when the session is dropped.
         *
         * @param s      the session, all of its events
         * @param rx     the extractors, whose row receives the values
         * @param counts the counts to update
         * @return whether the row is kept
         */
        boolean accept(SessionView s, RowExtractor rx, Counts counts) {
            counts.sessionsIn++;
            int n = s.size();
            counts.eventsIn += n;
            boolean purchased = s.purchased();
            if (purchased) {
                counts.buyersIn++;
            }
            int visible = rx.extract(s);
            if (purchased && n > 0 && visible == 0) {
                counts.emptyBuyers++;
                if (dropEmptyCutoffBuyers) {
                    counts.dropped.merge(BuildReport.BUYER_WITH_EMPTY_CUTOFF, 1L, Long::sum);
                    return false;
                }
            }
            counts.rows++;
            counts.eventsVisible += visible;
            return true;
        }

        /** The extractors for event sessions: the given ones, else {@link StandardExtractors#forEvents(ZoneId)}. */
        List<FeatureExtractor> eventExtractors() {
            return extractors != null ? extractors : StandardExtractors.forEvents(zone);
        }

        /** The rows of one part of a table, kept by column (in chunks) with their facts until assembled. */
        private final class TableRows implements Rees46Sessions.Sink {
            final RowExtractor rx;
            final Column[] cols;
            final SessionFacts.Builder facts = SessionFacts.builder(zone);
            final Counts counts = new Counts();

            TableRows(RowExtractor rx) {
                this.rx = rx;
                int width = rx.declared.size();
                cols = new Column[width];
                for (int j = 0; j < width; j++) {
                    cols[j] = new Column(rx.declared.get(j).kind() == FeatureKind.CATEGORICAL && !rx.fixedLevels(j));
                }
            }

            @Override
            public void session(SessionView s) {
                if (!accept(s, rx, counts)) {
                    return;
                }
                for (int j = 0; j < cols.length; j++) {
                    Column c = cols[j];
                    if (c.discovered) {
                        c.addLevel(rx.levels[j]);
                    } else if (rx.levels[j] != null) {
                        c.add(rx.fixedCode(j, rx.levels[j]));
                    } else {
                        c.add(rx.values[j]);
                    }
                }
                facts.add(s);
            }
        }

        /**
         * Hands the rows of one part to a {@link RowSink}, in batches under a lock shared by the parts, so that the
         * sink sees one thread at a time.
         */
        private final class Streamer implements Rees46Sessions.Sink {
            private static final int BATCH = 512;
            final RowExtractor rx;
            private final RowSink sink;
            private final Object lock;
            private final int width;
            final Counts counts = new Counts();
            private final String[] ids = new String[BATCH];
            private final boolean[] labels = new boolean[BATCH];
            private final double[] batchValues;
            /** The levels of the categorical features only (the other levels are always null). */
            private final String[] batchLevels;
            private final int[] cats;
            private final double[] values;
            private final String[] levels;
            private int n;

            Streamer(RowExtractor rx, RowSink sink, Object lock) {
                this.rx = rx;
                this.sink = sink;
                this.lock = lock;
                this.width = rx.declared.size();
                this.cats = rx.categoricalColumns;
                batchValues = new double[BATCH * width];
                batchLevels = new String[BATCH * cats.length];
                values = new double[width];
                levels = new String[width];
            }

            @Override
            public void session(SessionView s) {
                if (!accept(s, rx, counts)) {
                    return;
                }
                ids[n] = s.id();
                labels[n] = s.purchased();
                System.arraycopy(rx.values, 0, batchValues, n * width, width);
                int at = n * cats.length;
                for (int c = 0; c < cats.length; c++) {
                    batchLevels[at + c] = rx.levels[cats[c]];
                }
                if (++n == BATCH) {
                    flush();
                }
            }

            void flush() {
                synchronized (lock) {
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(batchValues, r * width, values, 0, width);
                        int at = r * cats.length;
                        for (int c = 0; c < cats.length; c++) {
                            levels[cats[c]] = batchLevels[at + c];
                        }
                        sink.row(ids[r], labels[r], values, levels);
                        ids[r] = null;
                    }
                }
                java.util.Arrays.fill(batchLevels, 0, n * cats.length, null);
                n = 0;
            }
        }

        /** The extractors to use, the defaults chosen from the first session (null when there is none). */
        List<FeatureExtractor> resolveExtractors(Session first) {
            if (extractors != null) {
                return extractors;
            }
            return first != null && !first.hasEvents() ? StandardExtractors.forTable()
                    : StandardExtractors.forEvents(zone);
        }
    }

    /** Running counts for a {@link BuildReport}. */
    static final class Counts {
        long sessionsIn;
        long rows;
        long buyersIn;
        long emptyBuyers;
        long eventsIn;
        long eventsVisible;
        final Map<String, Long> dropped = new LinkedHashMap<>();

        void add(Counts o) {
            sessionsIn += o.sessionsIn;
            rows += o.rows;
            buyersIn += o.buyersIn;
            emptyBuyers += o.emptyBuyers;
            eventsIn += o.eventsIn;
            eventsVisible += o.eventsVisible;
            o.dropped.forEach((k, v) -> dropped.merge(k, v, Long::sum));
        }

        BuildReport report(Cutoff cutoff, List<String> droppedFeatures, long startNanos) {
            return new BuildReport(cutoff.name(), sessionsIn, rows, buyersIn, emptyBuyers, dropped, eventsIn,
                    eventsVisible, droppedFeatures, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** An iterator that can look at its next element. */
    static final class Peeking implements Iterator<Session> {
        private final Iterator<Session> in;
        private Session next;

        Peeking(Iterator<Session> in) {
            this.in = in;
        }

        Session peek() {
            if (next == null && in.hasNext()) {
                next = Objects.requireNonNull(in.next(), "the session iterator returned null");
            }
            return next;
        }

        @Override
        public boolean hasNext() {
            return next != null || in.hasNext();
        }

        @Override
        public Session next() {
            Session s = peek();
            if (s == null) {
                throw new NoSuchElementException();
            }
            next = null;
            return s;
        }
    }

    /** A growable column of doubles in fixed-size chunks (no copy-on-grow), with a level dictionary. */
    static final class Column {
        final boolean discovered;
        List<double[]> chunks = new ArrayList<>();
        double[] current = new double[CHUNK];
        int fill;
        long size;
        Map<String, Integer> codes;
        List<String> levels;

        Column(boolean discovered) {
            this.discovered = discovered;
            if (discovered) {
                codes = new HashMap<>();
                levels = new ArrayList<>();
            }
        }

        void add(double v) {
            if (fill == CHUNK) {
                chunks.add(current);
                current = new double[CHUNK];
                fill = 0;
            }
            current[fill++] = v;
            size++;
        }

        void addLevel(String level) {
            if (level == null) {
                add(Double.NaN);
                return;
            }
            Integer c = codes.get(level);
            if (c == null) {
                c = levels.size();
                levels.add(level);
                codes.put(level, c);
            }
            add(c);
        }

        /** Appends another column's values, its level codes rewritten as codes of this column's levels. */
        void append(Column other) {
            int[] map = null;
            if (discovered) {
                map = new int[other.levels.size()];
                for (int c = 0; c < map.length; c++) {
                    String level = other.levels.get(c);
                    Integer code = codes.get(level);
                    if (code == null) {
                        code = levels.size();
                        levels.add(level);
                        codes.put(level, code);
                    }
                    map[c] = code;
                }
            }
            for (double[] chunk : other.chunks) {
                appendValues(chunk, CHUNK, map);
            }
            appendValues(other.current, other.fill, map);
            other.chunks = null;
            other.current = null;
        }

        private void appendValues(double[] values, int n, int[] map) {
            for (int i = 0; i < n; i++) {
                double v = values[i];
                add(map != null && !Double.isNaN(v) ? map[(int) v] : v);
            }
        }

        double[] toArray() {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a feature table holds at most " + (Integer.MAX_VALUE - 8)
                        + " rows, got " + size);
            }
            double[] out = new double[(int) size];
            int pos = 0;
            for (double[] c : chunks) {
                System.arraycopy(c, 0, out, pos, CHUNK);
                pos += CHUNK;
            }
            System.arraycopy(current, 0, out, pos, fill);
            return out;
        }

        /** Sorts the discovered levels, rewrites the codes in {@code values}, returns the sorted levels. */
        List<String> sortLevels(double[] values) {
            List<String> sorted = new ArrayList<>(levels);
            sorted.sort(LEVEL_ORDER);
            int[] map = new int[levels.size()];
            for (int i = 0; i < sorted.size(); i++) {
                map[codes.get(sorted.get(i))] = i;
            }
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isNaN(v)) {
                    values[i] = map[(int) v];
                }
            }
            return sorted;
        }
    }

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
            "sep", "oct", "nov", "dec");

    /** Numbers numerically, month names in calendar order, then text (case-insensitive, then exact). */
    static final Comparator<String> LEVEL_ORDER = (a, b) -> {
        double x = parse(a);
        double y = parse(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (!Double.isNaN(x) || !Double.isNaN(y)) {
            return Double.isNaN(x) ? 1 : -1;
        }
        int mx = month(a);
        int my = month(b);
        if (mx >= 0 && my >= 0 && mx != my) {
            return Integer.compare(mx, my);
        }
        int c = a.compareToIgnoreCase(b);
        return c != 0 ? c : a.compareTo(b);
    };

    private static double parse(String s) {
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.')) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int month(String s) {
        if (s.length() < 3) {
            return -1;
        }
        String l = s.toLowerCase(Locale.ROOT);
        int m = MONTHS.indexOf(l.substring(0, 3));
        if (m < 0) {
            return -1;
        }
        // "Jun", "June", "June 2019"? only a month name or its start
        String[] full = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"};
        return full[m].startsWith(l) || l.equals(MONTHS.get(m)) || l.equals("sept") ? m : -1;
    }
}
