package dev.propensity.live;

import dev.propensity.core.Event;
import dev.propensity.core.Pipe;
import dev.propensity.core.Workers;
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
import java.util.Map;
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
     * Replays a file on the {@linkplain Workers#defaults() default workers}: see
     * {@link #run(Path, InputFormat, ReadOptions, LiveScorer, Consumer, Workers)}.
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
        return run(file, format, options, scorer, sink, Workers.defaults());
    }

    /**
     * Replays a file. With workers that run two tasks at once, the file is read and parsed in batches on one
     * while the events are scored on the calling thread (a few batches ahead at most, so memory stays bounded by
     * the open sessions); otherwise both happen on the calling thread. Either way every event is scored in file
     * order.
     *
     * @param file    the event log
     * @param format  its format, or {@code null} to detect it from the header
     * @param options strict or lenient reading (its sessionizer is not used: the scorer keys the sessions)
     * @param scorer  the scorer
     * @param sink    receives every event's score, in file order; may be a no-op
     * @param workers reads beside the scoring when they run two tasks at once
     * @return the summary
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the format is a session table (nothing to replay)
     */
    public static Summary run(Path file, InputFormat format, ReadOptions options, LiveScorer scorer,
                              Consumer<LiveScore> sink, Workers workers) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(workers, "workers");
        InputFormat f = format != null ? format : InputFormat.detect(file);
        if (!f.hasEvents()) {
            throw new IllegalArgumentException(file + ": is a session table (" + f.name().toLowerCase(java.util.Locale.ROOT)
                    + "), not an event log; replay needs events");
        }
        long t0 = System.nanoTime();
        EarlinessTracker tracker = new EarlinessTracker(scorer.idleTimeoutMillis());
        ReadReport[] report = new ReadReport[1];
        Pipe.Producer<Batch> read = out -> {
            try (EventReader r = Inputs.events(file, f, options)) {
                Batch b = new Batch();
                for (Event e = r.next(); e != null; e = r.next()) {
                    b.events[b.n] = e;
                    b.attributes[b.n++] = r.attributes();
                    if (b.n == Batch.SIZE) {
                        out.accept(b);
                        b = new Batch();
                    }
                }
                if (b.n > 0) {
                    out.accept(b);
                }
                report[0] = r.report();
            }
        };
        Pipe.Consumer<Batch, Void> score = batches -> {
            while (batches.hasNext()) {
                Batch b = batches.next();
                for (int i = 0; i < b.n; i++) {
                    Event e = b.events[i];
                    LiveScore s = scorer.update(e, b.attributes[i]);
                    if (s.status() == LiveStatus.SCORED || s.status() == LiveStatus.PURCHASED) {
                        boolean purchase = s.status() == LiveStatus.PURCHASED;
                        tracker.event(s.sessionId(), e.epochMillis(), purchase, s.probability(), s.visibleEvents());
                    }
                    sink.accept(s);
                }
            }
            return null;
        };
        if (workers.parallelism() >= 2) {
            Pipe.run(workers, AHEAD, read, score);
        } else {
            List<Batch> one = new java.util.ArrayList<>(1);
            try {
                read.run(b -> {
                    one.add(b);
                    try {
                        score.run(one.iterator());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    one.clear();
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Earliness earliness = tracker.finish();
        LiveStats stats = scorer.stats();
        return new Summary(file.toString(), report[0], stats, seconds,
                stats.purchases() > 0 ? earliness.points() : List.of());
    }

    /** How many batches the reading may be ahead of the scoring. */
    private static final int AHEAD = 4;

    /** Events read, with their rows' attributes, handed from the reading to the scoring. */
    private static final class Batch {
        static final int SIZE = 2048;
        final Event[] events = new Event[SIZE];
        @SuppressWarnings("unchecked")
        final Map<String, String>[] attributes = new Map[SIZE];
        int n;
    }
}
