package dev.propensity.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.propensity.core.SessionFacts;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.Rees46Reader;

/**
 * The fast path of {@link FeatureTables.Builder} for REES46 files: {@link Rees46Rows} on one thread, or on two
 * threads that each read half of the file (split at a line boundary; the sessions open at the split are joined
 * afterwards). It computes exactly what the general path (reader, {@link Sessionizer#bySessionId()}, the
 * standard extractors, the before-first-purchase cutoff) computes, and is used only where that holds; input it
 * does not handle (a row without a session id, an event later than the tolerance) sends the build back to the
 * general path.
 */
final class Rees46FastPath {
    /** Files smaller than this are read on one thread. */
    static final long MIN_SPLIT_BYTES = 32L << 20;
    private static final int CHUNK = 1 << 13;

    /** How a fast read ended. */
    enum Outcome {
        /** Every row was delivered. */
        DONE,
        /** The input needs the general path; the rows delivered so far are to be discarded. */
        GENERAL,
        /** The second range met a bad row: read again on one thread to report it at its line. */
        SINGLE
    }

    private Rees46FastPath() {
    }

    /**
     * Whether the fast path computes what a builder with these settings computes.
     *
     * @param extractors the builder's extractors ({@code null}: the defaults)
     * @param cutoff     the builder's cutoff
     * @param format     the file's format
     * @param options    the read options
     * @return whether it applies
     */
    static boolean applies(List<FeatureExtractor> extractors, Cutoff cutoff, InputFormat format, ReadOptions options) {
        return format == InputFormat.REES46 && extractors == null && cutoff == Cutoffs.beforeFirstPurchase()
                && options.effectiveSessionizer().usesSessionIds();
    }

    /**
     * Reads a file into one sink per thread. With two threads, {@code first} receives the first half's sessions
     * and the sessions open at the split, {@code second} the rest, each from one thread at a time.
     *
     * @return how it ended, with the read's report (rows read and, when lenient, rejected by reason) when it ended
     *         {@link Outcome#DONE}
     */
    static Read read(Path file, ReadOptions options, ZoneId zone, int threads, long minSplitBytes,
                     Rees46Rows.Sink first, Rees46Rows.Sink second) throws IOException {
        Sessionizer sz = options.effectiveSessionizer();
        long idle = sz.idleTimeout().toMillis();
        long tol = sz.outOfOrderTolerance().toMillis();
        long size = Files.size(file);
        long mid = threads >= 2 && size >= minSplitBytes && !options.lenient() ? lineStartAfter(file, size / 2) : -1;
        if (mid <= 0) {
            Rees46Rows a = new Rees46Rows(idle, tol, zone, first);
            ReadReport report;
            try (Rees46Reader r = Rees46Reader.open(file, options)) {
                r.scan(a.visitor());
                a.finish();
                report = r.report();
            } catch (Rees46Rows.NeedsGeneralPath e) {
                return Read.GENERAL;
            }
            first.flush();
            return new Read(Outcome.DONE, report);
        }
        Rees46Rows a = new Rees46Rows(idle, tol, zone, first);
        Rees46Rows b = new Rees46Rows(idle, tol, zone, second);
        b.holdContinuations();
        Throwable[] bError = new Throwable[1];
        ReadReport[] parts = new ReadReport[2];
        Thread t = new Thread(() -> {
            try (Rees46Reader r = Rees46Reader.openRange(file, options, mid, size)) {
                r.scan(b.visitor());
                b.finish();
                second.flush();
                parts[1] = r.report();
            } catch (Throwable e) {
                bError[0] = e;
            }
        }, "propensity-rees46-second-half");
        t.setDaemon(true);
        t.start();
        Throwable aError = null;
        try (Rees46Reader r = Rees46Reader.openRange(file, options, 0, mid)) {
            r.scan(a.visitor());
            parts[0] = r.report();
        } catch (Rees46Rows.NeedsGeneralPath e) {
            aError = e;
        } catch (IOException | RuntimeException | Error e) {
            aError = e;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file, e);
        }
        if (aError instanceof Rees46Rows.NeedsGeneralPath || bError[0] instanceof Rees46Rows.NeedsGeneralPath) {
            return Read.GENERAL;
        }
        rethrow(aError);
        if (bError[0] instanceof InputException) {
            return Read.SINGLE; // its line number counts from the split
        }
        rethrow(bError[0]);
        try {
            Rees46Rows.join(a, b);
        } catch (Rees46Rows.NeedsGeneralPath e) {
            return Read.GENERAL;
        }
        first.flush();
        // two ranges are read only strictly: nothing was rejected
        return new Read(Outcome.DONE, ReadReport.ofStrictRead(file.toString(),
                parts[0].rowsRead() + parts[1].rowsRead(), parts[0].events() + parts[1].events()));
    }

    /**
     * How a fast read ended, and its report when it ended {@link Outcome#DONE}.
     *
     * @param outcome how it ended
     * @param report  the read's report; {@code null} unless {@code outcome} is {@link Outcome#DONE}
     */
    record Read(Outcome outcome, ReadReport report) {
        static final Read GENERAL = new Read(Outcome.GENERAL, null);
        static final Read SINGLE = new Read(Outcome.SINGLE, null);
    }

    private static void rethrow(Throwable e) throws IOException {
        if (e == null) {
            return;
        }
        if (e instanceof IOException) {
            throw (IOException) e;
        }
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        throw (Error) e;
    }

    /** The first byte after the first newline at or after {@code pos}, or -1 when there is none before the end. */
    static long lineStartAfter(Path file, long pos) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long p = pos;
            while (true) {
                buf.clear();
                int n = ch.read(buf, p);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        long s = p + i + 1;
                        return s < ch.size() ? s : -1;
                    }
                }
                p += n;
            }
        }
    }

    // ------------------------------------------------------------------ table

    /** The rows of one thread, kept by column (in chunks) until the table is assembled. */
    static final class RowBuffer implements Rees46Rows.Sink {
        private final boolean dropEmptyBuyers;
        final Counts counts = new Counts();
        private final List<List<double[]>> full = new ArrayList<>();
        private final double[][] current = new double[Rees46Rows.WIDTH][CHUNK];
        private int fill;
        private int size;
        private String[] ids = new String[CHUNK];
        private boolean[] labels = new boolean[CHUNK];
        private long[] starts = new long[CHUNK];
        private double[] durations = new double[CHUNK];
        private int[] eventCounts = new int[CHUNK];
        private int[] masks = new int[CHUNK];

        RowBuffer(boolean dropEmptyBuyers) {
            this.dropEmptyBuyers = dropEmptyBuyers;
            for (int j = 0; j < Rees46Rows.WIDTH; j++) {
                full.add(new ArrayList<>());
            }
        }

        @Override
        public void session(String id, boolean purchased, long startMillis, double duration, int eventCount,
                            int typeMask, int visible, double[] values) {
            if (!counts.accept(purchased, eventCount, visible, dropEmptyBuyers)) {
                return;
            }
            if (fill == CHUNK) {
                for (int j = 0; j < Rees46Rows.WIDTH; j++) {
                    full.get(j).add(current[j]);
                    current[j] = new double[CHUNK];
                }
                fill = 0;
            }
            for (int j = 0; j < Rees46Rows.WIDTH; j++) {
                current[j][fill] = values[j];
            }
            fill++;
            if (size == ids.length) {
                int cap = size * 2;
                ids = Arrays.copyOf(ids, cap);
                labels = Arrays.copyOf(labels, cap);
                starts = Arrays.copyOf(starts, cap);
                durations = Arrays.copyOf(durations, cap);
                eventCounts = Arrays.copyOf(eventCounts, cap);
                masks = Arrays.copyOf(masks, cap);
            }
            ids[size] = id;
            labels[size] = purchased;
            starts[size] = startMillis;
            durations[size] = duration;
            eventCounts[size] = eventCount;
            masks[size] = typeMask;
            size++;
        }

        /** Moves column j into {@code out} from {@code at}, freeing its chunks; returns the next position. */
        int moveColumn(int j, double[] out, int at) {
            for (double[] c : full.get(j)) {
                System.arraycopy(c, 0, out, at, CHUNK);
                at += CHUNK;
            }
            full.get(j).clear();
            System.arraycopy(current[j], 0, out, at, fill);
            current[j] = null;
            return at + fill;
        }

        void addFacts(SessionFacts.Builder facts) {
            for (int i = 0; i < size; i++) {
                facts.addRow(ids[i], labels[i], starts[i], durations[i], eventCounts[i], masks[i], Map.of());
                ids[i] = null;
            }
        }
    }

    /** Counts for a {@link BuildReport}, kept per thread and added up. */
    static final class Counts {
        long sessionsIn;
        long rows;
        long buyersIn;
        long emptyBuyers;
        long eventsIn;
        long eventsVisible;
        long droppedEmpty;

        /** Counts one session; false when it is dropped. */
        boolean accept(boolean purchased, int eventCount, int visible, boolean dropEmptyBuyers) {
            sessionsIn++;
            eventsIn += eventCount;
            if (purchased) {
                buyersIn++;
                if (visible == 0) {
                    emptyBuyers++;
                    if (dropEmptyBuyers) {
                        droppedEmpty++;
                        return false;
                    }
                }
            }
            rows++;
            eventsVisible += visible;
            return true;
        }

        void add(Counts o) {
            sessionsIn += o.sessionsIn;
            rows += o.rows;
            buyersIn += o.buyersIn;
            emptyBuyers += o.emptyBuyers;
            eventsIn += o.eventsIn;
            eventsVisible += o.eventsVisible;
            droppedEmpty += o.droppedEmpty;
        }

        BuildReport report(List<String> droppedFeatures, long startNanos) {
            Map<String, Long> dropped = new LinkedHashMap<>();
            if (droppedEmpty > 0) {
                dropped.put(BuildReport.BUYER_WITH_EMPTY_CUTOFF, droppedEmpty);
            }
            return new BuildReport(Cutoffs.beforeFirstPurchase().name(), sessionsIn, rows, buyersIn, emptyBuyers,
                    dropped, eventsIn, eventsVisible, droppedFeatures, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /**
     * The schema the general path gives REES46 data: the standard extractors' features, with no levels
     * discovered for the attribute features (REES46 rows carry no session attributes).
     */
    static FeatureSchema schema(ZoneId zone) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureExtractor e : StandardExtractors.forEvents(zone)) {
            for (FeatureSpec f : e.features()) {
                specs.add(f.kind() == FeatureKind.CATEGORICAL && f.levels().isEmpty() ? f.withLevels(List.of()) : f);
            }
        }
        if (specs.size() != Rees46Rows.WIDTH) {
            throw new IllegalStateException("the standard extractors declare " + specs.size()
                    + " features, the REES46 fast path computes " + Rees46Rows.WIDTH);
        }
        return new FeatureSchema(specs);
    }

    /** The table of the rows in {@code buffers}, in order. */
    static FeatureTable table(ZoneId zone, List<RowBuffer> buffers) {
        int n = 0;
        for (RowBuffer b : buffers) {
            n += b.size;
        }
        double[][] columns = new double[Rees46Rows.WIDTH][];
        for (int j = 0; j < Rees46Rows.WIDTH; j++) {
            double[] c = new double[n];
            int at = 0;
            for (RowBuffer b : buffers) {
                at = b.moveColumn(j, c, at);
            }
            columns[j] = c;
        }
        SessionFacts.Builder facts = SessionFacts.builder(zone);
        for (RowBuffer b : buffers) {
            b.addFacts(facts);
        }
        return FeatureTable.of(schema(zone), columns, facts.build());
    }

    // ------------------------------------------------------------------ streaming

    /**
     * Hands rows to a {@link FeatureTables.RowSink}, levels as names, in batches under a lock shared by the
     * threads, so that the sink sees one thread at a time.
     */
    static final class Streamer implements Rees46Rows.Sink {
        private static final int BATCH = 512;
        private static final int W = Rees46Rows.WIDTH;
        private final FeatureTables.RowSink sink;
        private final Object lock;
        private final boolean dropEmptyBuyers;
        final Counts counts = new Counts();
        /** Rows handed to the sink so far. */
        long delivered;
        private final String[] ids = new String[BATCH];
        private final boolean[] labels = new boolean[BATCH];
        private final double[] batch = new double[BATCH * W];
        private int n;
        private final double[] values = new double[W];
        private final String[] levels = new String[W];

        Streamer(FeatureTables.RowSink sink, Object lock, boolean dropEmptyBuyers) {
            this.sink = sink;
            this.lock = lock;
            this.dropEmptyBuyers = dropEmptyBuyers;
        }

        @Override
        public void session(String id, boolean purchased, long startMillis, double duration, int eventCount,
                            int typeMask, int visible, double[] v) {
            if (!counts.accept(purchased, eventCount, visible, dropEmptyBuyers)) {
                return;
            }
            ids[n] = id;
            labels[n] = purchased;
            System.arraycopy(v, 0, batch, n * W, W);
            if (++n == BATCH) {
                flush();
            }
        }

        @Override
        public void flush() {
            synchronized (lock) {
                for (int r = 0; r < n; r++) {
                    System.arraycopy(batch, r * W, values, 0, W);
                    if (Double.isNaN(values[15])) {
                        levels[15] = null;
                        levels[16] = null;
                    } else {
                        levels[15] = StandardExtractors.HOURS.get((int) values[15]);
                        levels[16] = StandardExtractors.WEEKDAYS.get((int) values[16]);
                    }
                    values[15] = Double.NaN;
                    values[16] = Double.NaN;
                    sink.row(ids[r], labels[r], values, levels);
                    ids[r] = null;
                }
            }
            delivered += n;
            n = 0;
        }
    }
}
