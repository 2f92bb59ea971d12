package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
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

        /**
         * Called when the fast REES46 reader meets input it leaves to the general path (a row without a session
         * id, an event later than the out-of-order tolerance) after it has delivered rows: every row is then
         * delivered again from the start, so the rows received so far must be forgotten. The default refuses,
         * and {@code forEachRow} then fails with this exception.
         *
         * @param reason what the fast reader met
         * @throws IllegalStateException unless the sink can start over
         */
        default void restart(String reason) {
            throw new IllegalStateException("the fast REES46 reader met " + reason + " after delivering rows, and"
                    + " this RowSink cannot start over; implement RowSink.restart, or use Builder.build(Path, ...)");
        }
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
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private long splitBytes = Rees46FastPath.MIN_SPLIT_BYTES;
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
         * The threads a REES46 file is read on by {@link #build(Path, InputFormat, ReadOptions)} and
         * {@link #forEachRow} (default: 2 when the machine has two cores or more). With two, each thread reads one
         * half of the file and the sessions open at the split are joined; the table's rows then come in another
         * order (the first half's sessions, then the second's), with the same values.
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
         * A table of the sessions in a file of any supported format ({@link Inputs#sessions}). A REES46 file read
         * with the default extractors and cutoff and a session-id sessionizer takes a fast path that computes
         * the same features straight from the bytes, without event or session objects, on {@link #threads(int)}
         * threads (about ten times the speed of the general path); anything else takes the general path.
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
            if (Rees46FastPath.applies(extractors, cutoff, f, options)) {
                long t0 = System.nanoTime();
                int th = threads;
                while (true) {
                    List<Rees46FastPath.RowBuffer> buffers = List.of(
                            new Rees46FastPath.RowBuffer(dropEmptyCutoffBuyers),
                            new Rees46FastPath.RowBuffer(dropEmptyCutoffBuyers));
                    Rees46FastPath.Read read = Rees46FastPath.read(file, options, zone, th, splitBytes,
                            buffers.get(0), buffers.get(1));
                    Rees46FastPath.Outcome o = read.outcome();
                    if (o == Rees46FastPath.Outcome.SINGLE) {
                        th = 1;
                        continue;
                    }
                    if (o == Rees46FastPath.Outcome.DONE) {
                        Rees46FastPath.Counts counts = new Rees46FastPath.Counts();
                        for (Rees46FastPath.RowBuffer b : buffers) {
                            counts.add(b.counts);
                        }
                        FeatureTable table = Rees46FastPath.table(zone, buffers);
                        List<String> dropped = List.of();
                        if (dropEmptyFeatures) {
                            FeatureTable trimmed = FeatureTables.dropEmptyFeatures(table);
                            List<String> gone = new ArrayList<>(table.schema().names());
                            gone.removeAll(trimmed.schema().names());
                            dropped = gone;
                            table = trimmed;
                        }
                        return new Result(table, counts.report(dropped, t0), read.report());
                    }
                    break;
                }
            }
            try (SessionReader r = Inputs.sessions(file, f, options)) {
                Result built = buildWithReport(r.stream().iterator());
                return new Result(built.table(), built.report(), r.report());
            }
        }

        /**
         * Streams the feature rows of a file to a sink without keeping them: memory grows with the sessions open
         * at once, not with the file. Takes the same fast path as {@link #build(Path, InputFormat, ReadOptions)}
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

        /** Whether a file of this format read with these options takes the REES46 fast path. */
        boolean fastPathApplies(InputFormat format, ReadOptions options) {
            return Rees46FastPath.applies(extractors, cutoff, format, options);
        }

        /**
         * {@link #forEachRow(Path, InputFormat, ReadOptions, RowSink)} on a given number of threads, also returning
         * the read's report.
         */
        FeatureCsv.Streamed forEachRow(Path file, InputFormat format, ReadOptions options, RowSink sink, int threads)
                throws IOException {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(sink, "sink");
            InputFormat f = format != null ? format : InputFormat.detect(file);
            long t0 = System.nanoTime();
            if (Rees46FastPath.applies(extractors, cutoff, f, options)) {
                sink.start(Rees46FastPath.schema(zone));
                int th = threads;
                while (true) {
                    Object lock = new Object();
                    List<Rees46FastPath.Streamer> parts = List.of(
                            new Rees46FastPath.Streamer(sink, lock, dropEmptyCutoffBuyers),
                            new Rees46FastPath.Streamer(sink, lock, dropEmptyCutoffBuyers));
                    Rees46FastPath.Read read = Rees46FastPath.read(file, options, zone, th, splitBytes,
                            parts.get(0), parts.get(1));
                    Rees46FastPath.Outcome o = read.outcome();
                    if (o == Rees46FastPath.Outcome.DONE) {
                        Rees46FastPath.Counts counts = new Rees46FastPath.Counts();
                        for (Rees46FastPath.Streamer p : parts) {
                            counts.add(p.counts);
                        }
                        return new FeatureCsv.Streamed(counts.report(List.of(), t0), read.report());
                    }
                    if (parts.get(0).delivered + parts.get(1).delivered > 0) {
                        sink.restart(o == Rees46FastPath.Outcome.SINGLE ? "a bad row in the second half"
                                : "a row it leaves to the general path");
                    }
                    if (o == Rees46FastPath.Outcome.SINGLE) {
                        th = 1;
                        continue;
                    }
                    break;
                }
            }
            try (SessionReader r = Inputs.sessions(file, f, options)) {
                Peeking it = new Peeking(r.stream().iterator());
                RowExtractor rx = new RowExtractor(resolveExtractors(it.peek()), cutoff);
                sink.start(rx.declared);
                Counts counts = new Counts();
                while (it.hasNext()) {
                    Session s = it.next();
                    if (accept(s, rx, counts)) {
                        sink.row(s.id(), s.purchased(), rx.values, rx.levels);
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
                try (Prefetcher p = prefetcher(sessions)) {
                    return buildFrom(p);
                }
            }
            return buildFrom(sessions);
        }

        /** A background reader of the sessions. */
        Prefetcher prefetcher(Iterator<Session> sessions) {
            return new Prefetcher(sessions, 512, 8);
        }

        /** Whether {@link #prefetch(boolean)} is on. */
        boolean prefetching() {
            return prefetch;
        }

        private Result buildFrom(Iterator<Session> sessions) {
            long t0 = System.nanoTime();
            Peeking it = new Peeking(sessions);
            RowExtractor rx = new RowExtractor(resolveExtractors(it.peek()), cutoff);
            int width = rx.declared.size();
            Column[] cols = new Column[width];
            for (int j = 0; j < width; j++) {
                cols[j] = new Column(rx.declared.get(j).kind() == FeatureKind.CATEGORICAL && !rx.fixedLevels(j));
            }
            SessionFacts.Builder facts = SessionFacts.builder(zone);
            Counts counts = new Counts();
            while (it.hasNext()) {
                Session s = it.next();
                if (!accept(s, rx, counts)) {
                    continue;
                }
                for (int j = 0; j < width; j++) {
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
            List<FeatureSpec> specs = new ArrayList<>(width);
            double[][] arrays = new double[width][];
            for (int j = 0; j < width; j++) {
                FeatureSpec f = rx.declared.get(j);
                arrays[j] = cols[j].toArray();
                cols[j].chunks = null;
                if (cols[j].discovered) {
                    f = f.withLevels(cols[j].sortLevels(arrays[j]));
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

        /** Runs the extractors on a session; false when the session is dropped. */
        boolean accept(Session s, RowExtractor rx, Counts counts) {
            counts.sessionsIn++;
            counts.eventsIn += s.events().size();
            if (s.purchased()) {
                counts.buyersIn++;
            }
            List<Event> visible = rx.extract(s);
            if (s.purchased() && s.hasEvents() && visible.isEmpty()) {
                counts.emptyBuyers++;
                if (dropEmptyCutoffBuyers) {
                    counts.dropped.merge(BuildReport.BUYER_WITH_EMPTY_CUTOFF, 1L, Long::sum);
                    return false;
                }
            }
            counts.rows++;
            counts.eventsVisible += visible.size();
            return true;
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
    private static final class Column {
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
