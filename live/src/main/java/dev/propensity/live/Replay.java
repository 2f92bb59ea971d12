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
     * Replays a file. With workers that run two tasks at once, the work is a pipeline of three stages handing
     * batches of events on (a few batches ahead at most, so memory stays bounded by the open sessions): the file
     * is read and parsed on one worker, the events are scored on another, and the calling thread follows the
     * sessions for the earliness figures and hands every score to the sink; otherwise all of it happens on the
     * calling thread. Either way every event is scored in file order and the sink receives the scores in file
     * order, one at a time, always on the calling thread.
     *
     * @param file    the event log
     * @param format  its format, or {@code null} to detect it from the header
     * @param options strict or lenient reading (its sessionizer is not used: the scorer keys the sessions)
     * @param scorer  the scorer
     * @param sink    receives every event's score, in file order, on the calling thread; may be a no-op
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
        if (workers.parallelism() >= 2) {
            // three stages: read on a worker, score on another, follow and hand over on the caller
            Pipe.run(workers, AHEAD, read, batches -> Pipe.<Batch, Void>run(workers, AHEAD, out -> {
                while (true) {
                    Batch b;
                    try {
                        if (!batches.hasNext()) {
                            break;
                        }
                        b = batches.next();
                    } catch (RuntimeException e) {
                        // the reading failed or stopped: passed on as this stage's failure, so that the last stage
                        // stops too (not taken for the inner pipe's own signal that its consumer stopped)
                        throw new IllegalStateException("the reading stopped: " + e.getMessage(), e);
                    }
                    b.score(scorer);
                    out.accept(b);
                }
            }, scored -> {
                while (scored.hasNext()) {
                    scored.next().deliver(tracker, sink);
                }
                return null;
            }));
        } else {
            read.run(b -> {
                b.score(scorer);
                b.deliver(tracker, sink);
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Earliness earliness = tracker.finish();
        LiveStats stats = scorer.stats();
        return new Summary(file.toString(), report[0], stats, seconds,
                stats.purchases() > 0 ? earliness.points() : List.of());
    }

    /** How many batches the reading may be ahead of the scoring. */
    private static final int AHEAD = 4;

    /** Events read, with their rows' attributes, handed from the reading to the scoring, then their scores. */
    private static final class Batch {
        static final int SIZE = 2048;
        final Event[] events = new Event[SIZE];
        @SuppressWarnings("unchecked")
        final Map<String, String>[] attributes = new Map[SIZE];
        final LiveScore[] scores = new LiveScore[SIZE];
        int n;

        /** Scores every event, in order. */
        void score(LiveScorer scorer) {
            for (int i = 0; i < n; i++) {
                scores[i] = scorer.update(events[i], attributes[i]);
            }
        }

        /** Follows the scored events' sessions for the earliness figures and hands the scores over, in order. */
        void deliver(EarlinessTracker tracker, Consumer<LiveScore> sink) {
            for (int i = 0; i < n; i++) {
                LiveScore s = scores[i];
                if (s.status() == LiveStatus.SCORED || s.status() == LiveStatus.PURCHASED) {
                    boolean purchase = s.status() == LiveStatus.PURCHASED;
                    tracker.event(s.sessionId(), events[i].epochMillis(), purchase, s.probability(),
                            s.visibleEvents());
                }
                sink.accept(s);
            }
        }
    }
}
