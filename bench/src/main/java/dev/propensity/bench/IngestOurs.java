package dev.propensity.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.propensity.core.EventField;
import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.SessionReader;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.BuildReport;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.ObservedSession;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.features.StandardExtractors;

/**
 * Our side of the ingest benchmark, in a JVM of its own: a REES46-format file read, sessionized by
 * {@code user_session} and turned into one row of the standard features per session (before the first purchase),
 * through the library's public API. Modes:
 * <ul>
 *   <li>{@code stream} (compared with DuckDB's GROUP BY): {@link FeatureTables.Builder#forEachRow}, rows folded
 *       into checksums and dropped, as DuckDB's per-session rows are; memory holds the sessions open at once;</li>
 *   <li>{@code table}: {@link FeatureTables.Builder#build(Path, InputFormat, ReadOptions)}, every row kept in a
 *       {@link FeatureTable} (what the dashboard trains on);</li>
 *   <li>{@code csv}: what {@code propensity features} does, {@link FeatureCsv#stream(Path, InputFormat, ReadOptions,
 *       FeatureTables.Builder, Writer)} to a temporary file (one thread reads, another formats and writes);</li>
 *   <li>{@code general}: the same table through the general path (event and session objects, the extractors one
 *       by one), for comparison;</li>
 * </ul>
 * Arguments: {@code FILE [MODE [THREADS [VARIANT]]]}, the variant one of {@link #settings(String)}'s. Reports {@code seconds}, {@code sessions}, {@code purchases},
 * {@code events}, {@code features}, {@code threads}, {@code rss}, {@code heap}.
 */
public final class IngestOurs {
    private IngestOurs() {
    }

    /**
     * The extractors and cutoff of a variant: {@code default} (the builder's defaults), {@code explicit}
     * ({@code StandardExtractors.forEvents()} passed explicitly), {@code custom} (those plus one extractor of the
     * user's own, written on the session view), {@code events5} (the defaults under the cutoff {@code events:5}).
     *
     * @param variant the variant's name
     * @return the settings
     */
    static FeatureTables.Builder settings(String variant) {
        FeatureTables.Builder b = FeatureTables.builder();
        switch (variant) {
            case "default":
                return b;
            case "explicit":
                return b.extractors(StandardExtractors.forEvents());
            case "custom": {
                List<FeatureExtractor> ex = new ArrayList<>(StandardExtractors.forEvents());
                ex.add(new CartShare());
                return b.extractors(ex);
            }
            case "events5":
                return b.cutoff(Cutoffs.firstEvents(5));
            default:
                throw new IllegalArgumentException("variant must be default, explicit, custom or events5, was '"
                        + variant + "'");
        }
    }

    /**
     * A user's extractor, written on the view: the share of visible events that put something in the cart. It reads
     * only the events' types, and says so.
     */
    static final class CartShare implements FeatureExtractor {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.numeric("cart_share", "share of visible events that are cart adds"));
        }

        @Override
        public Set<EventField> eventFields() {
            return EnumSet.of(EventField.TYPE);
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            int n = session.size();
            int carts = 0;
            for (int i = 0; i < n; i++) {
                if (session.type(i) == EventType.ADD_TO_CART) {
                    carts++;
                }
            }
            out.set(0, n == 0 ? Double.NaN : (double) carts / n);
        }
    }

    /**
     * Runs one mode.
     *
     * @param args {@code FILE [MODE [THREADS [VARIANT]]]}
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "stream";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String variant = args.length > 3 ? args[3] : "default";
        FeatureTables.Builder settings = settings(variant);
        long t0 = System.nanoTime();
        long sessions;
        long purchases;
        long events;
        int features;
        switch (mode) {
            case "stream": {
                double[] checksum = new double[1];
                long[] buyers = new long[1];
                int[] width = new int[1];
                BuildReport r = settings.threads(threads).forEachRow(file, InputFormat.REES46,
                        ReadOptions.defaults(), new FeatureTables.RowSink() {
                            @Override
                            public void start(dev.propensity.features.FeatureSchema schema) {
                                width[0] = schema.size();
                            }

                            @Override
                            public void row(String id, boolean purchased, double[] values, String[] levels) {
                                buyers[0] += purchased ? 1 : 0;
                                double s = 0;
                                for (double v : values) {
                                    if (!Double.isNaN(v)) {
                                        s += v;
                                    }
                                }
                                checksum[0] += s;
                            }
                        });
                sessions = r.rows();
                purchases = buyers[0];
                events = r.eventsIn();
                features = width[0];
                Probe.emit("checksum", checksum[0]);
                break;
            }
            case "csv": {
                // what `propensity features --out FILE.csv` does: rows formatted and written on a second thread
                Path csv = Files.createTempFile("propensity-bench-features", ".csv");
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    BuildReport r = FeatureCsv.stream(file, InputFormat.REES46, ReadOptions.defaults(),
                            settings, w).report();
                    sessions = r.rows();
                    purchases = r.buyersIn();
                    events = r.eventsIn();
                }
                Probe.emit("csv_bytes", Files.size(csv));
                Files.delete(csv);
                features = 25;
                threads = 2;
                break;
            }
            case "table":
            case "general": {
                FeatureTable t;
                if (mode.equals("general")) {
                    threads = 1;
                    try (SessionReader in = Inputs.sessions(file, InputFormat.REES46, ReadOptions.defaults())) {
                        t = settings.build(in.stream().iterator());
                    }
                } else {
                    t = settings.threads(threads).build(file, InputFormat.REES46, ReadOptions.defaults()).table();
                }
                sessions = t.rows();
                purchases = t.positives();
                SessionFacts f = t.facts();
                long e = 0;
                for (int i = 0; i < f.size(); i++) {
                    e += f.eventCount(i);
                }
                events = e;
                features = t.columnCount();
                break;
            }
            default:
                throw new IllegalArgumentException("mode must be stream, csv, table or general, was '" + mode + "'");
        }
        Probe.emit("seconds", Probe.secondsSince(t0));
        Probe.emit("mode", mode);
        Probe.emit("threads", threads);
        Probe.emit("variant", variant);
        Probe.emit("what", mode + ", " + variant + ", " + threads + " thread(s), " + features + " features");
        Probe.emit("sessions", sessions);
        Probe.emit("purchases", purchases);
        Probe.emit("events", events);
        Probe.emit("features", features);
        Probe.emitMemory();
    }
}
