package dev.propensity.live;

import dev.propensity.core.Event;
import dev.propensity.core.io.EventReader;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.metrics.Earliness;
import dev.propensity.metrics.EarlinessPoint;
import dev.propensity.metrics.EarlinessTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays an event log through a {@link LiveScorer} in file order (which should be time order; events within the
 * scorer's out-of-order tolerance are placed, older ones counted as late), handing every event's {@link LiveScore}
 * to a consumer, and following the sessions' scores at the earliness checkpoints. What {@code propensity replay}
 * runs.
 *
 * <pre>{@code
 * Replay.Summary s = Replay.run(Path.of("events.csv"), null, ReadOptions.defaults(), live, score -> { });
 * System.out.println(s.eventsPerSecond() + " events/s; " + s.earliness());
 * }</pre>
 */
public final class Replay {
    private Replay() {
    }

    /**
     * What a replay did.
     *
     * @param file       the file replayed
     * @param read       the reader's report (rows read and rejected)
     * @param stats      the scorer's counters at the end
     * @param seconds    seconds from the first read to the last score
     * @param earliness  the scores at the checkpoints (events:1..20, all, minutes:1..30), when the log holds at
     *                   least one purchase; empty otherwise (no outcomes to measure against)
     */
    public record Summary(String file, ReadReport read, LiveStats stats, double seconds,
                          List<EarlinessPoint> earliness) {
        /** Validates and copies. */
        public Summary {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(stats, "stats");
            earliness = List.copyOf(earliness);
        }

        /** Events replayed per second. */
        public double eventsPerSecond() {
            return seconds > 0 ? stats.events() / seconds : Double.NaN;
        }
    }

    /**
     * Replays a file.
     *
     * @param file    the event log
     * @param format  its format, or {@code null} to detect it from the header
     * @param options strict or lenient reading (its sessionizer is not used: the scorer keys the sessions)
     * @param scorer  the scorer
     * @param sink    receives every event's score, in file order; may be a no-op
     * @return the summary
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the format is a session table (nothing to replay)
     */
    public static Summary run(Path file, InputFormat format, ReadOptions options, LiveScorer scorer,
                              Consumer<LiveScore> sink) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(sink, "sink");
        InputFormat f = format != null ? format : InputFormat.detect(file);
        if (!f.hasEvents()) {
            throw new IllegalArgumentException(file + ": is a session table (" + f.name().toLowerCase(java.util.Locale.ROOT)
                    + "), not an event log; replay needs events");
        }
        long t0 = System.nanoTime();
        EarlinessTracker tracker = new EarlinessTracker(scorer.idleTimeoutMillis());
        ReadReport report;
        try (EventReader r = Inputs.events(file, f, options)) {
            for (Event e = r.next(); e != null; e = r.next()) {
                LiveScore s = scorer.update(e, r.attributes());
                if (s.status() == LiveStatus.SCORED || s.status() == LiveStatus.PURCHASED) {
                    boolean purchase = s.status() == LiveStatus.PURCHASED;
                    tracker.event(s.sessionId(), e.epochMillis(), purchase, s.probability(), s.visibleEvents());
                }
                sink.accept(s);
            }
            report = r.report();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Earliness earliness = tracker.finish();
        LiveStats stats = scorer.stats();
        return new Summary(file.toString(), report, stats, seconds,
                stats.purchases() > 0 ? earliness.points() : List.of());
    }
}
