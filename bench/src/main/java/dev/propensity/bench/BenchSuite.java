package dev.propensity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark suite: runs each piece of work with Propensity and with the peer a user would pick instead,
 * side by side in one run, and prints one table (work, ours, peer, ratio, target, met?).
 *
 * <ul>
 *   <li><b>ingest</b>: the simulator's REES46-format CSV (about 1 GB, generated once and cached) read,
 *       sessionized and turned into feature rows, against DuckDB's {@code GROUP BY user_session} with 2 threads
 *       (and pandas when installed); time, MB/s and peak RSS, each side in its own JVM or process;</li>
 *   <li><b>train</b>: logistic regression on 2M sessions x 20 features, ours against scikit-learn (when
 *       installed) and Tribuo's {@code LogisticRegressionTrainer} as shipped: fit time, AUC, peak RSS;</li>
 *   <li><b>score</b>: JMH, one session and a batch, ours against Tribuo's {@code predict} on the same model and
 *       scikit-learn's figures from the training run;</li>
 *   <li><b>render</b>: the whole dashboard (all charts, PNG, SVG and HTML) in process.</li>
 * </ul>
 *
 * <p>The realistic rows come first: {@code --realistic-file FILE} (a REES46-format file; default: one made by
 * {@code scale_rees46.py} from the real slice, {@code --realistic-copies N} copies, default 8,444, about 2M sessions).
 *
 * <p>Options: {@code --quick} (small data, short JMH runs: a sanity run), {@code --dir DIR} (where data is
 * cached; default {@code /tmp/propensity-bench}), {@code --mb N} (the ingest file's size, default 1000),
 * {@code --large-mb N} (also a larger file, ours streaming against DuckDB only), {@code --rows N} and
 * {@code --features D} (training shape, default 2,000,000 x 20), {@code --repeat N} (best of N timed runs,
 * default 1), {@code --only LIST} (comma-separated subset of realistic,ingest,train,score,render; {@code data} only
 * writes the ingest file), {@code --no-python} (skip pandas and scikit-learn), {@code --no-tribuo} (skip Tribuo
 * as shipped), {@code --no-general} (skip our general ingest path), {@code --stream-heap}, {@code --table-heap},
 * {@code --train-heap} (our child JVMs' {@code -Xmx}), {@code --out FILE} (also write the table, with the date
 * and the machine, as Markdown).
 */
public final class BenchSuite {
    /** The peer scripts: {@code ../shared/peers} beside the checkout (run.sh runs from the root), or {@code -Dpropensity.peers}. */
    private static final Path PEERS = Path.of(System.getProperty("propensity.peers", "../shared/peers"))
            .toAbsolutePath().normalize();

    private final Options options;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BenchSuite(Options options) {
        this.options = options;
    }

    /**
     * Runs the suite.
     *
     * @param args see the class description
     * @throws IOException when the data cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        BenchSuite suite = new BenchSuite(o);
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        if (o.only.contains("data")) {
            System.out.println(DataFiles.rees46(o.dir, o.ingestMb));
        }
        if (o.only.contains("realistic")) {
            suite.realistic();
        }
        if (o.only.contains("ingest")) {
            suite.ingest(o.ingestMb, true);
            if (o.largeMb > 0) {
                suite.ingest(o.largeMb, false);
            }
        }
        if (o.only.contains("train")) {
            suite.train();
        }
        if (o.only.contains("score")) {
            suite.score();
        }
        if (o.only.contains("render")) {
            suite.render();
        }
        suite.notes.add("load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
        String table = suite.table();
        System.out.println();
        System.out.println(table);
        for (String n : suite.notes) {
            System.out.println("- " + n);
        }
        if (o.out != null) {
            Files.writeString(o.out, suite.markdown(started, args, table));
            System.out.println("written: " + o.out);
        }
    }

    // ---------------------------------------------------------------- realistic

    /**
     * The realistic rows, first: a REES46-format file made by repeating the real slice in {@code ../shared/data}
     * with fresh ids ({@code scale_rees46.py}, 8,444 copies: about 2M sessions), the whole default dashboard against
     * the pandas + scikit-learn peer, and the logistic fit on its feature table against scikit-learn on the same
     * encoded design.
     */
    private void realistic() throws IOException {
        Path file = options.realisticFile;
        int copies = options.quick ? 100 : options.realisticCopies;
        if (file == null) {
            Files.createDirectories(options.dir);
            file = options.dir.resolve("rees46-scaled-" + copies + ".csv");
            if (!Files.exists(file)) {
                log("writing %s (%d copies of the real slice)", file, copies);
                Child.Outcome w = Child.run(List.of("/usr/bin/python3", PEERS.resolve("scale_rees46.py").toString(),
                        PEERS.getParent().resolve("data/rees46/2019-11-01-head.csv").toString(), file.toString(),
                        Integer.toString(copies)));
                if (!w.ok()) {
                    notes.add("realistic rows skipped: scale_rees46.py failed (needs ../shared/data and ../shared/peers)");
                    return;
                }
            }
        }
        String what = "realistic REES46-shaped file (" + file.getFileName() + ", " + fmtBytes(Files.size(file)) + ")";
        realisticDashboard(file, what, "scaled");
        // the simulator's REES46 profile, as many sessions: real shapes repeat 240 sessions with 2 buyers, this file
        // has tens of thousands of distinct buyers, so its AUC says more about ranking
        Path simulated = options.dir.resolve("rees46-simulated-" + copies + ".csv");
        if (!Files.exists(simulated)) {
            int sessions = 240 * copies;
            log("writing %s (%d simulated sessions, REES46 profile)", simulated, sessions);
            Child.Outcome w = Child.run(List.of("./propensity", "simulate", "--sessions", Integer.toString(sessions),
                    "--seed", "42", "--profile", "rees46", "--format", "rees46", "--out", simulated.toString()));
            if (!w.ok()) {
                throw new IllegalStateException("simulate failed: " + w.output());
            }
        }
        realisticDashboard(simulated, "simulator's REES46 profile (" + simulated.getFileName() + ", "
                + fmtBytes(Files.size(simulated)) + ")", "simulated");
        // the fit alone, holdout 0.2: ours (model's RealFitMain, from its test classes) and scikit-learn on our design
        Path design = options.dir.resolve("realistic-design");
        String cp = "model/target/test-classes" + java.io.File.pathSeparator + System.getProperty("java.class.path");
        log("%s: logistic fit, ours", what);
        Child.Outcome fit = Child.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "dev.propensity.model.tribuo.RealFitMain", file.toString(), "newton"));
        double fitSeconds = firstNumber(fit.output(), "whole train ([0-9.]+)s");
        double fitAuc = firstNumber(fit.output(), "held-out AUC ([0-9.]+)");
        String gap = fit.output().lines().filter(l -> l.startsWith("loss gap")).findFirst().orElse("");
        if (python("sklearn")) {
            Child.Outcome ex = Child.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, "dev.propensity.model.tribuo.RealFitMain", file.toString(), "export",
                    design.toString()));
            Child.Outcome sk = ex.ok() ? Child.python(Path.of("bench/python/sklearn_design_fit.py").toAbsolutePath(),
                    List.of(design.toString())) : ex;
            double skFit = firstNumber(sk.output(), "fit ([0-9.]+)s");
            double skAuc = firstNumber(sk.output(), "held-out AUC ([0-9.]+)");
            rows.add(new Row(what + ": logistic fit alone, holdout 0.2 (encode + solve, the same encoded design)",
                    fmtSeconds(fitSeconds) + ", AUC " + fmt4(fitAuc), "scikit-learn lbfgs " + fmtSeconds(skFit)
                    + ", AUC " + fmt4(skAuc), ratio(fitSeconds, skFit), "<= 1.00x, AUC >= peer",
                    met(fitSeconds <= skFit && fitAuc >= skAuc)));
        } else {
            rows.add(new Row(what + ": logistic fit alone, holdout 0.2", fmtSeconds(fitSeconds) + ", AUC "
                    + fmt4(fitAuc), "peer not run", "", "", ""));
        }
        if (!gap.isEmpty()) {
            notes.add("realistic fit: " + gap);
        }
    }

    /** The whole default dashboard on one file against the pandas + scikit-learn peer: time, peak RSS, AUC. */
    private void realisticDashboard(Path file, String what, String tag) throws IOException {
        Path out = options.dir.resolve("realistic-out").resolve(tag);
        log("%s: whole dashboard, ours", what);
        Timed ours = Timed.run(List.of("./propensity", "dashboard", "--input", file.toString(), "--out",
                out.resolve("ours").toString()), options.dir);
        double oursAuc = firstNumber(Files.readString(out.resolve("ours/report.json")), "\"rocAuc\"\\s*:\\s*([0-9.]+)");
        if (python("sklearn")) {
            log("%s: whole dashboard, pandas + scikit-learn peer", what);
            Timed peer = Timed.run(List.of("/usr/bin/python3", PEERS.resolve("pandas_dashboard.py").toString(),
                    file.toString(), out.resolve("peer").toString()), options.dir);
            double peerAuc = firstNumber(peer.output, "auc=([0-9.]+)");
            rows.add(new Row(what + ": whole default dashboard (read, features, 5-fold CV logistic + final, figures, "
                    + "charts): time", fmtSeconds(ours.seconds), "pandas + scikit-learn " + fmtSeconds(peer.seconds),
                    ratio(ours.seconds, peer.seconds), "<= 0.33x", met(ours.seconds <= peer.seconds / 3)));
            rows.add(new Row(what + ": same, peak RSS", fmtBytes(ours.rss), "pandas + scikit-learn "
                    + fmtBytes(peer.rss), ratio(ours.rss, peer.rss), "<= 1.5 GB", met(ours.rss <= 1.5e9)));
            rows.add(new Row(what + ": same, pooled out-of-fold ROC AUC", fmt4(oursAuc), "pandas + scikit-learn "
                    + fmt4(peerAuc), String.format(Locale.ROOT, "%+.4f", oursAuc - peerAuc), ">= peer",
                    met(oursAuc >= peerAuc)));
        } else {
            rows.add(new Row(what + ": whole default dashboard: time / peak RSS / AUC", fmtSeconds(ours.seconds) + " / "
                    + fmtBytes(ours.rss) + " / " + fmt4(oursAuc), "peer not run", "", "", ""));
        }
    }

    /** A whole process timed by {@code /usr/bin/time}: wall seconds and peak RSS. */
    private static final class Timed {
        double seconds;
        double rss;
        String output;

        static Timed run(List<String> command, Path dir) throws IOException {
            Path times = Files.createTempFile(dir, "time", ".txt");
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", times.toString()));
            cmd.addAll(command);
            Child.Outcome o = Child.run(cmd);
            if (!o.ok()) {
                throw new IllegalStateException("failed with exit code " + o.exitCode + ": " + command + "\n"
                        + o.output());
            }
            String[] f = Files.readString(times).trim().split("\\s+");
            Files.delete(times);
            Timed t = new Timed();
            t.seconds = Double.parseDouble(f[f.length - 2]);
            t.rss = Double.parseDouble(f[f.length - 1]) * 1024;
            t.output = o.output();
            return t;
        }
    }

    /** The first match's group 1 as a number, or NaN. */
    private static double firstNumber(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    // ---------------------------------------------------------------- ingest

    /** The ingest rows for a file of about {@code megabytes}; {@code full} adds the reference rows. */
    private void ingest(int megabytes, boolean full) throws IOException {
        Path file = DataFiles.rees46(options.dir, megabytes);
        double mb = Files.size(file) / 1e6;
        String work = String.format(Locale.ROOT, "ingest+features, %.0f MB REES46 CSV", mb);
        log("%s: %s", work, file);

        Child.Outcome floor = Child.java(List.of(), LineCount.class, List.of(file.toString()));
        Child.Outcome duck = best(() -> Child.java(List.of(), IngestDuckDb.class, List.of(file.toString(), "2")));
        Child.Outcome ours = best(() -> Child.java(jvm(options.streamHeap), IngestOurs.class,
                List.of(file.toString(), "stream", "2")));
        double to = ours.number("seconds");
        double td = duck.number("seconds");
        rows.add(new Row(work + ": time",
                fmtSeconds(to) + mbps(mb, to),
                "DuckDB, 2 threads, " + fmtSeconds(td) + mbps(mb, td),
                ratio(to, td), "<= 1.00x", met(to <= td)));
        double mo = ours.number("rss");
        double md = duck.number("rss");
        rows.add(new Row(work + ": peak RSS",
                fmtBytes(mo),
                "DuckDB " + fmtBytes(md),
                ratio(mo, md), "<= 0.50x", met(mo <= md / 2)));
        rows.add(new Row(work + ": sessions (check)",
                fmtCount(ours.number("sessions")) + " / " + fmtCount(ours.number("purchases")) + " buying",
                "DuckDB " + fmtCount(duck.number("sessions")) + " / " + fmtCount(duck.number("purchases")) + " buying",
                "", "equal", met(ours.number("sessions") == duck.number("sessions")
                        && ours.number("purchases") == duck.number("purchases"))));
        for (String[] v : new String[][] {{"explicit", "StandardExtractors.forEvents() passed explicitly"},
            {"custom", "forEvents() plus one extractor of the user's own"}, {"events5", "cutoff events:5"}}) {
            Child.Outcome o = best(() -> Child.java(jvm(options.streamHeap), IngestOurs.class,
                    List.of(file.toString(), "stream", "2", v[0])));
            double tv = o.number("seconds");
            rows.add(new Row(work + ": " + v[1], fmtSeconds(tv) + mbps(mb, tv) + ", " + fmtBytes(o.number("rss")),
                    "default extractors " + fmtSeconds(to) + ", " + fmtBytes(mo), ratio(tv, to) + " time, "
                            + ratio(o.number("rss"), mo) + " RSS", "<= 1.30x", met(tv <= 1.3 * to)));
        }
        notes.add(work + ", ours: FeatureTables.builder().forEachRow(file, REES46, ...): "
                + ours.results.getOrDefault("what", "") + ", rows folded into a checksum as DuckDB's are; JVM "
                + jvm(options.streamHeap) + ". DuckDB: one GROUP BY user_session computing the pandas peer's"
                + " aggregates, SET threads = 2, rows folded into sums.");
        if (!full) {
            return;
        }

        Child.Outcome table = best(() -> Child.java(jvm(options.tableHeap), IngestOurs.class,
                List.of(file.toString(), "table", "2")));
        double tt = table.number("seconds");
        rows.add(new Row(work + ": into an in-memory FeatureTable",
                fmtSeconds(tt) + mbps(mb, tt) + ", " + fmtBytes(table.number("rss")),
                "DuckDB " + fmtSeconds(td) + ", " + fmtBytes(md) + " (not kept)",
                ratio(tt, td) + " time, " + ratio(table.number("rss"), md) + " RSS", "(reference)", ""));
        Child.Outcome csv = best(() -> Child.java(jvm(options.streamHeap), IngestOurs.class,
                List.of(file.toString(), "csv", "2")));
        double tc = csv.number("seconds");
        rows.add(new Row(work + ": to a feature CSV (propensity features)",
                fmtSeconds(tc) + mbps(mb, tc) + ", " + fmtBytes(csv.number("rss")) + ", writes "
                        + fmtBytes(csv.number("csv_bytes")),
                "DuckDB " + fmtSeconds(td) + " (not written)", ratio(tc, td), "(reference)", ""));
        if (!options.noGeneral) {
            Child.Outcome general = Child.java(jvm(options.tableHeap), IngestOurs.class,
                    List.of(file.toString(), "general", "1"));
            double tg = general.number("seconds");
            rows.add(new Row(work + ": read as session objects (reader, sessionizer)",
                    fmtSeconds(tg) + mbps(mb, tg) + ", " + fmtBytes(general.number("rss")),
                    "session views " + fmtSeconds(tt), ratio(tg, tt), "(reference)", ""));
        }
        rows.add(new Row(work + ": floor", "", String.format(Locale.ROOT, "read bytes + count lines, 1 thread %s%s",
                fmtSeconds(floor.number("seconds")), mbps(mb, floor.number("seconds"))),
                ratio(to, floor.number("seconds")), "(reference)", ""));
        if (python("pandas")) {
            Child.Outcome pd = Child.python(PEERS.resolve("pandas_sessions.py"), List.of(file.toString()));
            Matcher m = Pattern.compile("total=([0-9.]+)s").matcher(pd.output());
            double tp = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            rows.add(new Row(work + ": vs pandas", fmtSeconds(to) + ", " + fmtBytes(mo),
                    "pandas " + fmtSeconds(tp) + ", " + fmtBytes(pd.number("rss")),
                    ratio(to, tp) + " time, " + ratio(mo, pd.number("rss")) + " RSS", "(reference)", ""));
        }
    }

    private static List<String> jvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseParallelGC");
    }

    // ---------------------------------------------------------------- train

    private void train() {
        int n = options.rows;
        int d = options.features;
        String work = String.format(Locale.ROOT, "train LR %s x %d", fmtCount(n), d);
        log("%s", work);
        Child.Outcome ours = best(() -> Child.java(List.of("-Xmx" + options.trainHeap), TrainOurs.class,
                List.of(Integer.toString(n), Integer.toString(d), options.dir.toString())));
        double fo = ours.number("fit_seconds");
        double fw = ours.number("warm_fit_seconds");
        double ao = ours.number("auc");
        double mo = ours.number("rss");
        Sklearn sk = python("sklearn") ? Sklearn.run(n, d) : null;
        if (sk != null) {
            rows.add(new Row(work + ": fit, first in a fresh JVM", fmtSeconds(fo), "scikit-learn lbfgs " + fmtSeconds(sk.fit),
                    ratio(fo, sk.fit), "<= 1.00x", met(fo <= sk.fit)));
            rows.add(new Row(work + ": fit, warm (each later fit, e.g. cross-validation)", fmtSeconds(fw),
                    "scikit-learn lbfgs " + fmtSeconds(sk.fit), ratio(fw, sk.fit), "<= 1.00x", met(fw <= sk.fit)));
            rows.add(new Row(work + ": AUC", fmt4(ao), "scikit-learn " + fmt4(sk.auc),
                    String.format(Locale.ROOT, "%+.4f", ao - sk.auc), ">= -0.002", met(ao >= sk.auc - 0.002)));
            rows.add(new Row(work + ": peak RSS", fmtBytes(mo) + " (heap " + fmtBytes(ours.number("heap")) + ")",
                    "scikit-learn " + fmtBytes(sk.rss), ratio(mo, sk.rss), "<= 1 GB", met(mo <= 1e9)));
            scikit = sk;
        } else {
            rows.add(new Row(work + ": fit, first / warm", fmtSeconds(fo) + " / " + fmtSeconds(fw),
                    "scikit-learn not run (0.95 s in DESIGN.md)", ratio(fo, 0.95), "<= 0.95 s", met(fo <= 0.95)));
            rows.add(new Row(work + ": AUC", fmt4(ao), "", "", ">= 0.86", met(ao >= 0.86)));
            rows.add(new Row(work + ": peak RSS", fmtBytes(mo), "", "", "<= 1 GB", met(mo <= 1e9)));
        }
        if (!options.noTribuo) {
            Child.Outcome t = Child.java(List.of("-Xmx" + options.tribuoHeap), TrainTribuo.class,
                    List.of(Integer.toString(n), Integer.toString(d), options.dir.toString()));
            double tb = t.number("build_seconds");
            double tf = t.number("fit_seconds");
            rows.add(new Row(work + ": vs Tribuo as shipped",
                    fmtSeconds(fo) + ", AUC " + fmt4(ao) + ", " + fmtBytes(mo),
                    String.format(Locale.ROOT, "Tribuo LogisticRegressionTrainer: build %s + fit %s, AUC %s, %s",
                            fmtSeconds(tb), fmtSeconds(tf), fmt4(t.number("auc")), fmtBytes(t.number("rss"))),
                    ratio(fo, tb + tf) + " time, " + ratio(mo, t.number("rss")) + " RSS", "(reference)", ""));
        }
    }

    private Sklearn scikit;

    /** The scikit-learn peer's figures. */
    private static final class Sklearn {
        double fit = Double.NaN;
        double batchNs = Double.NaN;
        double singleUs = Double.NaN;
        double auc = Double.NaN;
        double rss = Double.NaN;

        static Sklearn run(int n, int d) {
            Child.Outcome o = Child.python(PEERS.resolve("sklearn_train.py"), List.of(Integer.toString(n), Integer.toString(d)));
            Sklearn s = new Sklearn();
            Matcher m = Pattern.compile("fit=([0-9.]+)s .*\\(([0-9.]+) ns/session\\) single_score=([0-9.]+) us auc=([0-9.]+)")
                    .matcher(o.output());
            if (m.find()) {
                s.fit = Double.parseDouble(m.group(1));
                s.batchNs = Double.parseDouble(m.group(2));
                s.singleUs = Double.parseDouble(m.group(3));
                s.auc = Double.parseDouble(m.group(4));
            }
            s.rss = o.number("rss");
            return s;
        }
    }

    // ---------------------------------------------------------------- score

    private void score() {
        log("scoring (JMH)");
        ScoringBenchmark.Figures f = ScoringBenchmark.run(options.quick);
        String skBatch = scikit != null ? "scikit-learn " + fmt1(scikit.batchNs) + " ns" : "scikit-learn 54 ns (DESIGN.md)";
        double skBatchNs = scikit != null ? scikit.batchNs : 54;
        rows.add(new Row("score a batch, ns/session", fmt1(f.batchNs()) + " ns",
                skBatch + "; Tribuo predict(List), JMH " + fmt1(f.tribuoBatchNs()) + " ns",
                ratio(f.batchNs(), skBatchNs), "< 50 ns", met(f.batchNs() < 50)));
        double skOneUs = scikit != null ? scikit.singleUs : 31;
        rows.add(new Row("score one session", fmtUs(f.oneNs()),
                "Tribuo predict(Example) " + fmtUs(f.tribuoOneNs()) + "; scikit-learn " + fmt1(skOneUs) + " us",
                ratio(f.oneNs(), f.tribuoOneNs()) + " vs Tribuo", "< 0.2 us", met(f.oneNs() < 200)));
    }

    // ---------------------------------------------------------------- render

    private void render() throws IOException {
        Path out = options.dir.resolve("dashboard");
        log("render dashboard into %s", out);
        Child.Outcome r = Child.java(List.of("-Xmx1g", "-Djava.awt.headless=true"), RenderDashboard.class,
                List.of(out.toString(), Integer.toString(options.quick ? 20_000 : 100_000)));
        double cold = r.number("first_seconds");
        double warm = r.number("warm_seconds");
        String what = "render the dashboard (" + r.results.getOrDefault("what", "") + ")";
        rows.add(new Row(what + ", first in a fresh JVM", fmtSeconds(cold), "", "", "< 2 s", met(cold < 2)));
        rows.add(new Row(what + ", warm (each later one)", fmtSeconds(warm), "", "", "< 2 s", met(warm < 2)));
    }

    // ---------------------------------------------------------------- helpers

    private interface Run {
        Child.Outcome run();
    }

    /** The best (fastest) of {@code --repeat} runs; memory is the largest seen. */
    private Child.Outcome best(Run run) {
        Child.Outcome best = null;
        double maxRss = Double.NaN;
        for (int i = 0; i < options.repeat; i++) {
            Child.Outcome o = run.run();
            if (!o.ok()) {
                throw new IllegalStateException("a benchmark child failed with exit code " + o.exitCode + ":\n" + o.output());
            }
            double rss = o.number("rss");
            maxRss = Double.isNaN(maxRss) ? rss : Math.max(maxRss, rss);
            double t = timeOf(o);
            if (best == null || t < timeOf(best)) {
                best = o;
            }
        }
        best.results.put("rss", Double.toString(maxRss));
        return best;
    }

    private static double timeOf(Child.Outcome o) {
        double t = o.number("seconds");
        return Double.isNaN(t) ? o.number("fit_seconds") : t;
    }

    private boolean python(String module) {
        if (options.noPython) {
            return false;
        }
        Child.Outcome o = Child.run(List.of("/usr/bin/python3", "-c", "import " + module));
        if (!o.ok()) {
            notes.add(module + " is not installed (apt-get install -y python3-" + module + "): its peer was skipped");
        }
        return o.ok();
    }

    /** The first three fields of {@code /proc/loadavg}, or "n/a". */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    private String table() {
        String[] head = {"work", "ours", "peer", "ratio", "target", "met?"};
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", head)).append(" |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.work()).append(" | ").append(r.ours()).append(" | ").append(r.peer())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ").append(r.met())
                    .append(" |\n");
        }
        return sb.toString();
    }

    private String markdown(Instant started, String[] args, String table) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmark results\n\n");
        sb.append("- date: ").append(started.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        sb.append("- command: `bench/run.sh ").append(String.join(" ", args)).append("`\n");
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(fmtBytes(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize())).append(" RAM, Java ").append(System.getProperty("java.vm.version"))
                .append(" (").append(System.getProperty("java.vm.name")).append(")\n\n");
        sb.append(table).append('\n');
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append("\nThe machine:\n\n```\n");
        for (List<String> cmd : List.of(List.of("nproc"), List.of("free", "-g"),
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version"))) {
            sb.append("$ ").append(cmd.get(cmd.size() - 1).equals("-version") ? "java -version" : String.join(" ", cmd))
                    .append('\n');
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                sb.append(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                p.waitFor();
            } catch (IOException e) {
                sb.append("(not available: ").append(e.getMessage()).append(")\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sb.append("```\n");
        return sb.toString();
    }

    static String fmtSeconds(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.2f s", s);
    }

    static String mbps(double mb, double s) {
        return Double.isNaN(s) ? "" : String.format(Locale.ROOT, " (%.0f MB/s)", mb / s);
    }

    static String fmtBytes(double b) {
        if (Double.isNaN(b) || b < 0) {
            return "n/a";
        }
        return b >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", b / 1e9) : String.format(Locale.ROOT, "%.0f MB", b / 1e6);
    }

    static String fmtCount(double n) {
        return Double.isNaN(n) ? "n/a" : String.format(Locale.ROOT, "%,.0f", n);
    }

    static String fmt4(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String fmt1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmtUs(double ns) {
        return Double.isNaN(ns) ? "n/a" : String.format(Locale.ROOT, "%.3f us", ns / 1000);
    }

    static String ratio(double ours, double peer) {
        return Double.isNaN(ours) || Double.isNaN(peer) || peer == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2fx", ours / peer);
    }

    static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    /** One line of the table. */
    record Row(String work, String ours, String peer, String ratio, String target, String met) {
    }

    /** The command line. */
    static final class Options {
        boolean quick;
        Path dir = Path.of("/tmp/propensity-bench");
        int ingestMb = 1000;
        int largeMb;
        int rows = 2_000_000;
        int features = 20;
        int repeat = 1;
        boolean noPython;
        boolean noTribuo;
        String streamHeap = "256m";
        String tableHeap = "1200m";
        boolean noGeneral;
        String trainHeap = "800m";
        String tribuoHeap = "12g";
        Set<String> only = new LinkedHashSet<>(List.of("realistic", "ingest", "train", "score", "render"));
        Path realisticFile;
        int realisticCopies = 8444;
        Path out;

        static Options parse(String[] args) {
            Options o = new Options();
            boolean rowsSet = false;
            boolean mbSet = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick":
                        o.quick = true;
                        break;
                    case "--dir":
                        o.dir = Path.of(value(args, ++i, a));
                        break;
                    case "--realistic-file":
                        o.realisticFile = Path.of(value(args, ++i, a));
                        break;
                    case "--realistic-copies":
                        o.realisticCopies = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--mb":
                        o.ingestMb = Integer.parseInt(value(args, ++i, a));
                        mbSet = true;
                        break;
                    case "--large-mb":
                        o.largeMb = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--rows":
                        o.rows = Integer.parseInt(value(args, ++i, a));
                        rowsSet = true;
                        break;
                    case "--features":
                        o.features = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--repeat":
                        o.repeat = Integer.parseInt(value(args, ++i, a));
                        break;
                    case "--stream-heap":
                        o.streamHeap = value(args, ++i, a);
                        break;
                    case "--table-heap":
                        o.tableHeap = value(args, ++i, a);
                        break;
                    case "--no-general":
                        o.noGeneral = true;
                        break;
                    case "--train-heap":
                        o.trainHeap = value(args, ++i, a);
                        break;
                    case "--no-python":
                        o.noPython = true;
                        break;
                    case "--no-tribuo":
                        o.noTribuo = true;
                        break;
                    case "--only":
                        o.only = new LinkedHashSet<>(List.of(value(args, ++i, a).split(",")));
                        break;
                    case "--out":
                        o.out = Path.of(value(args, ++i, a));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + a + "'; see BenchSuite's Javadoc");
                }
            }
            if (o.quick) {
                o.ingestMb = mbSet ? o.ingestMb : 100;
                o.rows = rowsSet ? o.rows : 200_000;
            }
            if (o.repeat < 1) {
                throw new IllegalArgumentException("--repeat must be >= 1, was " + o.repeat);
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }
    }
}
