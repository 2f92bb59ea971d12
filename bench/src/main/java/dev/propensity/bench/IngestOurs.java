package dev.propensity.bench;

import java.io.IOException;
import java.nio.file.Path;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.EventReader;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;

/**
 * Our side of the ingest benchmark, in a JVM of its own. Modes:
 * <ul>
 *   <li>{@code table} (the one compared with DuckDB): the REES46 reader, the streaming sessionizer and the
 *       streaming feature-table builder with the standard extractors and the default cutoff, as
 *       {@code propensity dashboard} runs them: read, sessionize, one feature row per session, kept in a
 *       {@link FeatureTable};</li>
 *   <li>{@code sessions}: read and sessionize only; {@code events}: read events only (for the breakdown).</li>
 * </ul>
 * Arguments: {@code FILE [MODE]}. Reports {@code seconds}, {@code sessions}, {@code purchases}, {@code events},
 * {@code features}, {@code rss}, {@code heap}.
 */
public final class IngestOurs {
    private IngestOurs() {
    }

    /**
     * Runs one mode.
     *
     * @param args {@code FILE [MODE]}
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "table";
        long t0 = System.nanoTime();
        long sessions = 0;
        long purchases = 0;
        long events = 0;
        switch (mode) {
            case "table": {
                FeatureTable t;
                try (SessionReader r = Inputs.sessions(file, InputFormat.REES46, ReadOptions.defaults())) {
                    t = FeatureTables.builder().build(r.stream().iterator());
                }
                sessions = t.rows();
                purchases = t.positives();
                SessionFacts f = t.facts();
                for (int i = 0; i < f.size(); i++) {
                    events += f.eventCount(i);
                }
                Probe.emit("features", t.columnCount());
                break;
            }
            case "sessions": {
                try (SessionReader r = Inputs.sessions(file, InputFormat.REES46, ReadOptions.defaults())) {
                    for (Session s = r.next(); s != null; s = r.next()) {
                        sessions++;
                        purchases += s.purchased() ? 1 : 0;
                        events += s.events().size();
                    }
                }
                break;
            }
            case "events": {
                try (EventReader r = Inputs.events(file, InputFormat.REES46, ReadOptions.defaults())) {
                    for (Event e = r.next(); e != null; e = r.next()) {
                        events++;
                    }
                }
                break;
            }
            case "fast": {
                long[] acc = new long[3];
                FastRees46 fast = new FastRees46(120 * 60_000L, 5 * 60_000L, java.time.ZoneOffset.UTC,
                        (id, purchased, start, duration, count, mask, visible, values) -> {
                            acc[0]++;
                            acc[1] += purchased ? 1 : 0;
                            acc[2] += count;
                        });
                try (dev.propensity.core.io.Rees46Reader r = dev.propensity.core.io.Rees46Reader.open(file,
                        ReadOptions.defaults())) {
                    r.scan(fast.visitor());
                }
                fast.finish();
                sessions = acc[0];
                purchases = acc[1];
                events = acc[2];
                break;
            }
            default:
                throw new IllegalArgumentException("mode must be table, sessions or events, was '" + mode + "'");
        }
        Probe.emit("seconds", Probe.secondsSince(t0));
        Probe.emit("mode", mode);
        Probe.emit("what", "mode " + mode);
        Probe.emit("threads", 1);
        Probe.emit("sessions", sessions);
        Probe.emit("purchases", purchases);
        Probe.emit("events", events);
        Probe.emitMemory();
    }
}
