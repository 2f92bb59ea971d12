package dev.propensity.bench;

import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.live.LiveScorer;
import dev.propensity.live.Replay;
import dev.propensity.metrics.Checkpoint;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.Curves;
import dev.propensity.metrics.Splits;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.PrefixRows;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The live-scoring benchmarks of issue 14, one row each:
 * <ul>
 *   <li>{@code latency [--quick] [--jvm-defaults]}: JMH, per-event update plus score, median and 99th percentile
 *       ({@link LiveScoringBenchmark}), in a JVM set up as {@code propensity replay} runs the live scorer
 *       ({@link LiveScoringBenchmark#LIVE_JVM}), or with the JVM's defaults;</li>
 *   <li>{@code replay MODEL FILE}: a whole event log replayed in process through the live scorer, events per
 *       second (the command {@code propensity replay} prints the same figure, JVM start aside);</li>
 *   <li>{@code peer MODEL FILE [EVENTS]}: the first 100,000 events (or EVENTS) of a REES46-format file, replayed by
 *       us in process and by the usual Python way ({@code bench/python/live_peer.py}: pandas features and
 *       scikit-learn {@code predict_proba} per event) in the same run, and the ratio;</li>
 *   <li>{@code quality [SESSIONS] [BOOTSTRAP]}: on the simulator's REES46 and UCI profiles, whole-session against
 *       prefix training at k = 1..5 events: ECE, log loss and ROC AUC with 95% bootstrap intervals over test
 *       sessions of the prefix-minus-whole differences.</li>
 * </ul>
 * Run from the repository root: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt)
 * dev.propensity.bench.LiveBench quality}.
 */
public final class LiveBench {
    private LiveBench() {
    }

    /**
     * Runs one benchmark.
     *
     * @param args the benchmark and its arguments (see the class description)
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LiveBench latency [--quick] [--jvm-defaults] | replay MODEL FILE | peer MODEL FILE [EVENTS]"
                    + " | quality [SESSIONS] [BOOTSTRAP]");
            System.exit(2);
        }
        switch (args[0]) {
            case "latency" -> {
                List<String> flags = Arrays.asList(args).subList(1, args.length);
                boolean jvmDefaults = flags.contains("--jvm-defaults");
                LiveScoringBenchmark.Figures f = LiveScoringBenchmark.run(flags.contains("--quick"), jvmDefaults);
                System.out.printf(Locale.ROOT, "live update+score per event (%s): median %.0f ns, p99 %.0f ns, mean %.0f"
                        + " ns (targets: median <= 1000 ns, p99 <= 10000 ns)%n", jvmDefaults
                        ? "JVM defaults, -Xmx2g" : "as propensity replay runs: -Xmx2g " + String.join(" ",
                        LiveScoringBenchmark.LIVE_JVM), f.median(), f.p99(), f.mean());
            }
            case "replay" -> replay(Path.of(args[1]), Path.of(args[2]));
            case "memory" -> memory(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            case "peer" -> peer(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 100_000);
            case "quality" -> {
                int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
                int b = args.length > 2 ? Integer.parseInt(args[2]) : 200;
                quality("simulator, REES46 profile", SyntheticSessions.generate(n, 21, SimulatorConfig.rees46()), b);
                quality("simulator, UCI profile", SyntheticSessions.generate(n / 4, 22, SimulatorConfig.defaults()), b);
            }
            default -> {
                System.err.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Bytes of heap per open session: sessions of the simulator's REES46 profile, all left open. */
    static void memory(int sessions) {
        List<Session> history = SyntheticSessions.generate(5_000, 3, SimulatorConfig.rees46());
        PurchaseModel m = Trainers.logisticRegression().train(FeatureTables.build(history));
        List<Session> open = SyntheticSessions.generate(sessions, 4, SimulatorConfig.rees46()).stream()
                .filter(s -> !s.purchased()).toList();
        long events = open.stream().mapToLong(s -> s.events().size()).sum();
        LiveScorer live = LiveScorer.builder(m).topDrivers(0).outOfOrderTolerance(java.time.Duration.ofDays(100_000))
                .idleTimeout(java.time.Duration.ofDays(100_000)).build();
        long before = usedAfterGc();
        for (Session s : open) {
            for (dev.propensity.core.Event e : s.events()) {
                live.update(e, s.attributes());
            }
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "open sessions %,d (%.2f events each): %,d bytes of heap per open session "
                + "(the events themselves, shared with the caller, not counted)%n", live.openSessions(),
                (double) events / open.size(), (after - before) / Math.max(1, live.openSessions()));
        if (live.openSessions() != open.size()) {
            throw new IllegalStateException("sessions were closed: " + live.stats());
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static double replay(Path model, Path file) throws IOException {
        PurchaseModel m = PurchaseModels.load(model);
        LiveScorer live = LiveScorer.builder(m).topDrivers(0).build();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long process0 = processCpuNanos();
        Replay.Summary s = Replay.run(file, null, ReadOptions.defaults(), live, x -> { });
        double callerCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double processCpu = (processCpuNanos() - process0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "replay %s: %,d events in %.2f s = %,.0f events/s (target >= 1,000,000); open "
                + "at the end %,d, expired %,d, evicted %,d, reordered %,d; heap in use at the end %,d MB%n",
                file.getFileName(), s.stats().events(), s.seconds(), s.eventsPerSecond(), s.stats().openSessions(),
                s.stats().expired(), s.stats().evicted(), s.stats().reordered(), (rt.totalMemory() - rt.freeMemory()) >> 20);
        System.out.printf(Locale.ROOT, "  CPU: calling thread %.2f s (%,.0f events per CPU second; it follows the"
                + " sessions for the earliness figures while the reading and the scoring run on two workers), whole"
                + " process during the replay %.2f s (%,.0f events per CPU second)%n",
                callerCpu, s.stats().events() / callerCpu, processCpu, s.stats().events() / processCpu);
        return s.eventsPerSecond();
    }

    /** The CPU time of this process so far, nanoseconds (-1 when the JVM does not say). */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean x ? x.getProcessCpuTime() : -1;
    }

    static void peer(Path model, Path file, int events) throws IOException, InterruptedException {
        Path slice = Files.createTempFile("propensity-live-slice", ".csv");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(slice, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            for (int i = 0; line != null && i <= events; i++, line = r.readLine()) {
                w.write(line);
                w.write('\n');
            }
        }
        replay(model, slice); // warm-up
        double ours = replay(model, slice);
        Path script = Path.of("bench/python/live_peer.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), slice.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Python peer failed, exit " + p.exitValue());
        }
        Path result = Path.of(slice + ".peer");
        double peer = Double.parseDouble(Files.readString(result).trim());
        System.out.printf(Locale.ROOT, "peer (pandas + scikit-learn, per event): %,.0f events/s; ours %,.0f events/s;"
                + " ratio ours/peer %.1fx%n", peer, ours, ours / peer);
        Files.deleteIfExists(result);
        Files.deleteIfExists(slice);
    }

    static void quality(String name, List<Session> sessions, int boot) {
        boolean[] labels = new boolean[sessions.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = sessions.get(i).purchased();
        }
        int[] split = Splits.stratifiedHoldout(labels, 0.25, 5);
        List<Session> train = new ArrayList<>();
        List<Session> test = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            (split[i] == Splits.TRAIN_ONLY ? train : test).add(sessions.get(i));
        }
        PurchaseModel whole = Trainers.logisticRegression().train(FeatureTables.build(train));
        PurchaseModel prefix = Trainers.logisticRegression().train(
                PrefixRows.build(train.iterator(), null, PrefixRows.DEFAULT_PER_SESSION, 5));
        System.out.printf(Locale.ROOT, "%s: %,d sessions (%,d train, %,d test), %d bootstrap resamples of the test "
                + "sessions; differences are prefix minus whole, [95%% interval]%n", name, sessions.size(),
                train.size(), test.size(), boot);
        System.out.println("  k  sessions buyers |  ECE whole  prefix  diff [interval]        | log loss whole  prefix"
                + "  diff [interval]        | AUC whole  prefix  diff [interval]        | mean p whole prefix rate");
        for (int k = 1; k <= 5; k++) {
            Checkpoint cp = Checkpoint.events(k);
            List<Session> counted = test.stream().filter(s -> cp.visible(s) >= 0).toList();
            FeatureTable t = FeatureTables.builder().cutoff(Cutoffs.firstEvents(k)).build(counted);
            boolean[] y = t.labels();
            double[] pw = whole.predict(t);
            double[] pp = prefix.predict(t);
            double[][] base = metrics(y, pw, pp);
            double[][] diffs = new double[3][boot];
            SplittableRandom r = new SplittableRandom(31L * k);
            int n = y.length;
            boolean[] by = new boolean[n];
            double[] bw = new double[n];
            double[] bp = new double[n];
            for (int b = 0; b < boot; b++) {
                for (int i = 0; i < n; i++) {
                    int j = r.nextInt(n);
                    by[i] = y[j];
                    bw[i] = pw[j];
                    bp[i] = pp[j];
                }
                double[][] m = metrics(by, bw, bp);
                for (int q = 0; q < 3; q++) {
                    diffs[q][b] = m[1][q] - m[0][q];
                }
            }
            int buyers = 0;
            double mw = 0;
            double mp = 0;
            for (int i = 0; i < n; i++) {
                buyers += y[i] ? 1 : 0;
                mw += pw[i];
                mp += pp[i];
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %d %9d %6d", k, n, buyers));
            for (int q = 0; q < 3; q++) {
                double[] d = diffs[q];
                Arrays.sort(d);
                sb.append(String.format(Locale.ROOT, " | %.4f %.4f %+.4f [%+.4f, %+.4f]", base[0][q], base[1][q],
                        base[1][q] - base[0][q], d[(int) (0.025 * boot)], d[Math.min(boot - 1, (int) (0.975 * boot))]));
            }
            sb.append(String.format(Locale.ROOT, " | %.4f %.4f %.4f", mw / n, mp / n, (double) buyers / n));
            System.out.println(sb);
        }
    }

    /** ECE, log loss and ROC AUC of the whole-session scores ([0]) and the prefix scores ([1]). */
    private static double[][] metrics(boolean[] y, double[] pw, double[] pp) {
        return new double[][] {one(y, pw), one(y, pp)};
    }

    private static double[] one(boolean[] y, double[] p) {
        return new double[] {Curves.calibration(y, p, 10).expectedCalibrationError(),
            ClassificationMetrics.logLoss(y, p), ClassificationMetrics.rocAuc(y, p)};
    }
}
