package dev.propensity.bench;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTables;
import dev.propensity.live.LiveScore;
import dev.propensity.live.LiveScorer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH: one live event, in process: {@link LiveScorer#update(Event, Map)} (the event placed in its session, the
 * session's features computed by the standard extractors, the logistic model's probability), on simulated sessions
 * of up to 50 events replayed in time order. Sampled per call, so the median and the 99th percentile are read off.
 * The stream (about 1.08M events) starts over on a fresh scorer at each iteration and whenever it wraps (the scorer
 * is built inside that one measured call, once per million); no measured event may be late ({@link #noneLate()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LiveScoringBenchmark {
    /** The most events a benchmarked session has. */
    static final int MAX_EVENTS = 50;

    private PurchaseModel model;
    private Event[] events;
    private Map<String, String>[] attributes;
    private LiveScorer live;
    private int next;
    /** Late events seen by this iteration's scorers so far (must stay 0). */
    private long late;

    /** Trains the model and lays out the events in time order. */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        List<Session> training = SyntheticSessions.generate(20_000, 1);
        model = Trainers.logisticRegression().train(FeatureTables.build(training));
        List<Session> sessions = SyntheticSessions.generate(40_000, 2, SimulatorConfig.defaults());
        List<Object[]> all = new ArrayList<>();
        for (Session s : sessions) {
            List<Event> ev = s.events().subList(0, Math.min(MAX_EVENTS, s.events().size()));
            for (Event e : ev) {
                all.add(new Object[] {e, s.attributes()});
            }
        }
        all.sort(Comparator.comparing(o -> ((Event) o[0]).time()));
        events = new Event[all.size()];
        attributes = new Map[all.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = (Event) all.get(i)[0];
            attributes[i] = (Map<String, String>) all.get(i)[1];
        }
        live = LiveScorer.builder(model).topDrivers(0).build();
    }

    /** A fresh scorer each iteration, so the stream starts over with no open session. */
    @Setup(Level.Iteration)
    public void fresh() {
        live = LiveScorer.builder(model).topDrivers(0).build();
        next = 0;
        late = 0;
    }

    /**
     * One event's update and score.
     *
     * @return the score (consumed by JMH)
     */
    @Benchmark
    public LiveScore updateAndScore() {
        if (next == events.length) { // the stream wraps (a rare call): it starts over on a fresh scorer
            late += live.stats().late();
            next = 0;
            live = LiveScorer.builder(model).topDrivers(0).build();
        }
        int i = next++;
        return live.update(events[i], attributes[i]);
    }

    /**
     * Checks that no measured event was late: a late event returns early (about 50 ns), so late events would be
     * measured in place of updates. (Until 2026-12-03 the call that wrapped the stream gave the stream's last event
     * to the fresh scorer, whose every later event in that iteration was then late.)
     */
    @TearDown(Level.Iteration)
    public void noneLate() {
        late += live.stats().late();
        if (late != 0) {
            throw new IllegalStateException(late + " events of the benchmark's stream were late: the stream must be"
                    + " replayed in time order on a fresh scorer");
        }
    }

    /**
     * Per-event latency in nanoseconds.
     *
     * @param median the median
     * @param p99    the 99th percentile
     * @param mean   the mean
     * @param events the events of the stream
     */
    record Figures(double median, double p99, double mean, int events) {
    }

    /**
     * The JVM settings the {@code propensity} launcher gives a live-scoring process ({@code replay}): the parallel
     * collector and a fixed 64 MB young generation. With the JVM's defaults (G1, a young generation that grows with
     * the heap) the allocations of the first seconds walk through freshly committed heap, and each first touch of a
     * page is a page fault: in those seconds about 3% of the calls took 10-20 us, enough to lift the p99 above 10 us
     * (see docs/live-scoring.md). Any setting that reuses touched memory removes it ({@code -Xmn64m} under G1 too, or
     * {@code -XX:+AlwaysPreTouch}).
     */
    static final List<String> LIVE_JVM = List.of("-XX:+UseParallelGC", "-Xmn64m");

    /**
     * Runs the benchmark and reads the percentiles.
     *
     * @param quick       fewer and shorter iterations (a smoke run)
     * @param jvmDefaults whether the forked JVM runs with the JVM's default collector and sizing instead of
     *                    {@link #LIVE_JVM}
     */
    static Figures run(boolean quick, boolean jvmDefaults) throws java.io.IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
        if (!jvmDefaults) {
            jvm.addAll(LIVE_JVM);
        }
        Path log = Files.createTempFile("propensity-live-jmh", ".log");
        Options opts = new OptionsBuilder()
                .include(LiveScoringBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(quick ? 2 : 4)
                .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .jvmArgs(jvm.toArray(new String[0]))
                .output(log.toString())
                .build();
        try {
            Collection<RunResult> results = new Runner(opts).run();
            RunResult r = results.iterator().next();
            Statistics s = r.getPrimaryResult().getStatistics();
            Files.deleteIfExists(log);
            return new Figures(s.getPercentile(50), s.getPercentile(99), s.getMean(), 0);
        } catch (org.openjdk.jmh.runner.RunnerException e) {
            throw new IllegalStateException("JMH failed; see " + log, e);
        }
    }
}
