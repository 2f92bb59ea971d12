package dev.propensity.examples;

import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.BuildReport;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.PermutationImportance;
import dev.propensity.model.Evaluation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.viz.Dashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The whole dashboard pipeline as one call: read (or simulate) sessions, extract features behind the cutoff,
 * evaluate the trainer by the protocol, compute the metrics, render the dashboard, and write {@code report.json},
 * {@code predictions.csv} and the model. This is what {@code propensity dashboard} runs; example programs, JShell
 * and tests call it directly.
 *
 * <pre>{@code
 * RunResult r = new DashboardRun(DashboardOptions.defaults(Path.of("out"))).run();
 * System.out.println(r.rocAuc());
 * }</pre>
 *
 * <p>Small data: when cross-validation asks for more folds than there are purchasing (or non-purchasing)
 * sessions, the run uses as many folds as the smaller class has (at least 2), says so on the warning stream and
 * records it in the report ({@code metrics.note}). With fewer than 2 sessions of either class there is nothing to
 * evaluate and the run stops with an {@link InputProblem}.
 */
public final class DashboardRun {
    /** The name of the saved model file in the output directory. */
    public static final String MODEL_FILE = "model.propensity";
    /** Rows permutation importance is measured on at most (a seeded sample of the table). */
    public static final int PERMUTATION_ROWS = 10_000;
    /** Shuffles per feature for permutation importance. */
    public static final int PERMUTATION_REPEATS = 3;
    /** The time permutation importance should take at most, in seconds (see {@code permutation}). */
    public static final double PERMUTATION_BUDGET_SECONDS = 15;
    /** The fewest rows permutation importance is measured on when the model scores slowly. */
    public static final int PERMUTATION_MIN_ROWS = 1_000;

    private final DashboardOptions options;
    private final Progress progress;
    private final PrintWriter warnings;

    /**
     * A run that reports no progress and prints warnings to standard error.
     *
     * @param options what to read, how to evaluate, where to write
     */
    public DashboardRun(DashboardOptions options) {
        this(options, Progress.silent(), new PrintWriter(System.err, true));
    }

    /**
     * A run that reports progress, warnings to standard error.
     *
     * @param options  what to read, how to evaluate, where to write
     * @param progress where phases and rows per second are shown (and timed)
     */
    public DashboardRun(DashboardOptions options, Progress progress) {
        this(options, progress, new PrintWriter(System.err, true));
    }

    /**
     * A run.
     *
     * @param options  what to read, how to evaluate, where to write
     * @param progress where phases and rows per second are shown (and timed)
     * @param warnings where notes such as a reduced number of folds are printed
     */
    public DashboardRun(DashboardOptions options, Progress progress, PrintWriter warnings) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * What was read: the feature table and how the input went; {@code fused} when reading and feature extraction
     * were one pass (their time is then all in {@code readSeconds}).
     */
    record Loaded(FeatureTable table, String source, String format, ReadReport readReport, BuildReport buildReport,
                  double readSeconds, double featureSeconds, boolean fused) {
    }

    /**
     * Runs the pipeline.
     *
     * <p>When no model can be evaluated on the data (a single class, fewer than 2 sessions of a class, or the
     * trainer refuses the folds, for instance for having fewer purchases than its minimum), the run still writes
     * the descriptive dashboard (KPIs, funnel, breakdowns, insights), says why there is no model in the notes (on
     * the warning stream, in the dashboard and in {@code report.json} under {@code metrics.skipped}), writes a
     * {@code predictions.csv} with the header only, and no model file.
     *
     * @return the paths written and the headline figures
     * @throws IOException   when reading or writing fails
     * @throws InputProblem  when the input holds no sessions
     * @throws dev.propensity.core.io.InputException at the first bad row when reading strictly
     */
    public RunResult run() throws IOException {
        long t0 = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();

        Outputs.checkDirectory(options.out());
        Loaded in = load();
        Outputs.directory(options.out());
        seconds.put("read", in.readSeconds());
        seconds.put("features", in.featureSeconds());
        FeatureTable table = in.table();
        if (table.rows() == 0) {
            throw new InputProblem(in.source() + ": no sessions to evaluate (no data rows, or every row was rejected)");
        }
        ReadReport rr = in.readReport();
        if (rr != null && rr.rowsRejected() > 0) {
            notes.add(String.format(Locale.ROOT, "%,d of %,d input rows skipped (--lenient): %s", rr.rowsRejected(),
                    rr.rowsRead(), rr.rejectedByReason()));
        }

        EvaluationProtocol requested = EvaluationProtocol.parse(options.eval(), options.seed());
        EvaluationProtocol protocol = requested;
        ModelTrainer trainer = Pipeline.trainer(options.model(), options.seed());
        String skipped = whyNotLearnable(table);
        Evaluation evaluation = null;
        PurchaseModel model = null;
        if (skipped == null) {
            protocol = feasible(requested, table);
            String fewerFolds = protocol.equals(requested) ? null : String.format(Locale.ROOT,
                    "only %d purchasing and %d other sessions: evaluated by %s instead of %s", table.positives(),
                    table.rows() - table.positives(), protocol.code(), requested.code());
            try {
                // the final model trains alongside the folds (one more task of the evaluation's threads)
                progress.start("evaluate");
                evaluation = Evaluation.run(trainer, table, protocol, true);
                progress.end();
                model = evaluation.model();
                if (fewerFolds != null) {
                    notes.add(fewerFolds);
                    warnings.println("note: " + fewerFolds);
                }
            } catch (IllegalArgumentException e) {
                progress.end();
                skipped = String.format(Locale.ROOT, "%s could not be trained and evaluated by %s on %,d purchasing "
                        + "and %,d other sessions (%s)", trainer.name(), protocol.code(), table.positives(),
                        table.rows() - table.positives(), e.getMessage());
                evaluation = null;
                model = null;
            }
        }
        if (skipped != null) {
            notes.add("no model: " + skipped);
            warnings.println("note: no model: " + skipped + "; writing the dashboard without model figures");
        }
        seconds.put("evaluate", progress.seconds().getOrDefault("evaluate", 0.0));
        seconds.put("train", model == null ? 0.0 : model.card().trainSeconds()); // its own time, within evaluate

        progress.start("metrics");
        Figures figures = figures(table, evaluation, model, notes);
        if (model != null) {
            model = model.withCard(model.card().withEvaluation(protocol.describe(), figures.cardFigures()));
        }
        progress.end();
        seconds.put("metrics", progress.seconds().get("metrics"));

        progress.start("render");
        Path png = options.out().resolve("dashboard.png");
        Path html = options.out().resolve("dashboard.html");
        Path charts = options.out().resolve("charts");
        render(in, trainer.name(), figures, notes);
        progress.end();
        seconds.put("render", progress.seconds().get("render"));

        progress.start("write");
        Path predictions = options.out().resolve("predictions.csv");
        writePredictions(table, evaluation, predictions);
        Path modelFile = null;
        if (model != null) {
            modelFile = options.out().resolve(MODEL_FILE);
            model.save(modelFile);
        }
        progress.end();
        seconds.put("write", progress.seconds().get("write"));
        seconds.put("total", (System.nanoTime() - t0) / 1e9);

        Path report = options.out().resolve("report.json");
        Reports.write(report, Reports.build(options, in, protocol, requested, notes, skipped, trainer.name(),
                evaluation, figures, seconds));

        ClassificationReport at05 = figures.atHalf();
        ClassificationReport best = figures.atBestF1();
        double nan = Double.NaN;
        return new RunResult(options.out(), png, html, charts, report, predictions, modelFile, table.rows(),
                table.positives(), rr == null ? 0 : rr.rowsRejected(), trainer.name(), protocol.describe(),
                at05 == null ? nan : at05.rocAuc(), at05 == null ? nan : at05.averagePrecision(),
                at05 == null ? nan : at05.accuracy(), best == null ? nan : best.threshold(),
                best == null ? nan : best.f1(), ClassificationMetrics.majorityBaseline(table.labels()),
                figures.insights().stream().map(Insight::sentence).toList(), notes, seconds);
    }

    /** Reads the input (or simulates it) into a feature table. */
    Loaded load() throws IOException {
        FeatureTables.Builder builder = FeatureTables.builder().cutoff(Pipeline.cutoff(options.cutoff()));
        if (options.input() == null) {
            progress.start("read");
            List<Session> sessions = SyntheticSessions.generate(options.sessions(), options.seed());
            progress.end();
            progress.start("features");
            FeatureTables.Result r = builder.buildWithReport(sessions);
            progress.end();
            Map<String, Double> s = progress.seconds();
            return new Loaded(r.table(), "simulated sessions (seed " + options.seed() + ")", "simulated", null,
                    r.report(), s.get("read"), s.get("features"), false);
        }
        Path file = options.input();
        if ("features".equals(options.format())) {
            progress.start("read");
            FeatureTable table = FeatureCsvInput.read(file);
            progress.end();
            return new Loaded(table, file.toString(), "features", null, null, progress.seconds().get("read"), 0.0,
                    false);
        }
        InputFormat format = options.format() != null ? Pipeline.format(options.format()) : InputFormat.detect(file);
        if (format == InputFormat.REES46) {
            // REES46: the features module reads the bytes straight into feature rows (on two threads when strict)
            progress.start("read + features");
            FeatureTables.Result r = builder.build(file, format, options.readOptions());
            progress.end();
            double seconds = progress.seconds().get("read + features");
            return new Loaded(r.table(), file.toString(), "rees46", r.read(), r.report(), seconds, 0.0, true);
        }
        progress.start("read + features");
        long t0 = System.nanoTime();
        try (SessionReader reader = Pipeline.open(file, format, options.readOptions())) {
            Pipeline.TimedSessions sessions = Pipeline.timed(reader, progress);
            FeatureTables.Result r = builder.buildWithReport(sessions);
            progress.end();
            double total = (System.nanoTime() - t0) / 1e9;
            return new Loaded(r.table(), file.toString(), format.name().toLowerCase(Locale.ROOT), reader.report(),
                    r.report(), sessions.readSeconds(), Math.max(0, total - sessions.readSeconds()), false);
        }
    }

    /** Why no model can be evaluated on a table (a single class, fewer than 2 of a class), or null when one can. */
    static String whyNotLearnable(FeatureTable table) {
        int n = table.rows();
        int pos = table.positives();
        if (pos == 0 || pos == n) {
            return String.format(Locale.ROOT, "all %,d sessions %s; a purchase model needs both buying and "
                    + "non-buying sessions", n, pos == 0 ? "are without a purchase" : "purchased");
        }
        if (pos < 2 || n - pos < 2) {
            return String.format(Locale.ROOT, "%d purchasing and %d other sessions; evaluation needs at least 2 of each",
                    pos, n - pos);
        }
        return null;
    }

    /** The requested protocol, or cross-validation with fewer folds when a class has fewer sessions than folds. */
    static EvaluationProtocol feasible(EvaluationProtocol requested, FeatureTable table) {
        if (requested.kind() != EvaluationProtocol.Kind.CROSS_VALIDATION) {
            return requested;
        }
        int smaller = Math.min(table.positives(), table.rows() - table.positives());
        if (smaller >= requested.folds()) {
            return requested;
        }
        return EvaluationProtocol.crossValidation(Math.max(2, smaller), requested.seed());
    }

    /** The metrics the dashboard and the report show. */
    record Figures(int[] tested, boolean[] labels, double[] scores, ClassificationReport atHalf,
                   ClassificationReport atBestF1, EvaluationResult result, Kpis kpis, List<Breakdown> breakdowns,
                   Funnel funnel, List<Importance> coefficients, List<Importance> permutation, List<Insight> insights) {

        Map<String, Double> cardFigures() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("rocAuc", atHalf.rocAuc());
            m.put("averagePrecision", atHalf.averagePrecision());
            m.put("logLoss", atHalf.logLoss());
            m.put("accuracy", atHalf.accuracy());
            m.put("majorityBaseline", atHalf.majorityBaseline());
            m.put("bestF1", atBestF1.f1());
            m.put("bestF1Threshold", atBestF1.threshold());
            return m;
        }
    }

    private Figures figures(FeatureTable table, Evaluation evaluation, PurchaseModel model, List<String> notes) {
        SessionFacts facts = table.facts();
        Funnel funnel = facts.hasEvents() ? Funnel.of(facts) : null;
        if (evaluation == null || model == null) {
            List<Breakdown> breakdowns = distinctBreakdowns(Breakdowns.all(facts));
            return new Figures(new int[0], new boolean[0], new double[0], null, null, null, Kpis.of(facts),
                    breakdowns, funnel, List.of(), List.of(), distinct(Insights.generate(facts)));
        }
        int[] folds = evaluation.folds();
        double[] probabilities = evaluation.probabilities();
        int[] tested = testedRows(folds);
        boolean[] all = table.labels();
        boolean[] labels = new boolean[tested.length];
        double[] scores = new double[tested.length];
        for (int i = 0; i < tested.length; i++) {
            labels[i] = all[tested[i]];
            scores[i] = probabilities[tested[i]];
        }
        EvaluationResult result = evaluation.result();
        ClassificationReport atHalf = ClassificationMetrics.evaluate(labels, scores, 0.5);
        ClassificationReport atBest = ClassificationMetrics.evaluate(labels, scores, result.bestF1().threshold());
        Kpis kpis = Kpis.of(facts, result);
        List<Breakdown> breakdowns = distinctBreakdowns(Breakdowns.all(facts, probabilities));
        Set<String> nearOutcome = nearOutcome(table.schema());
        List<Importance> coefficients = List.of();
        if (model instanceof LinearExplainable) {
            LinearExplainable linear = (LinearExplainable) model;
            Map<String, Double> c = linear.coefficients();
            String[] names = c.keySet().toArray(new String[0]);
            double[] values = new double[names.length];
            Set<String> near = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                values[i] = c.get(names[i]);
                if (nearOutcome.contains(linear.sourceFeature(names[i]))) {
                    near.add(names[i]);
                }
            }
            coefficients = Importance.fromCoefficients(names, values, near);
        }
        List<Importance> permutation = permutation(table, model, nearOutcome, notes);
        List<Insight> insights = distinct(Insights.generate(facts, atBest,
                permutation.isEmpty() ? coefficients : permutation));
        return new Figures(tested, labels, scores, atHalf, atBest, result, kpis, breakdowns, funnel, coefficients,
                permutation, insights);
    }

    /** The insights without repeated sentences (a table can hold one attribute under two names). */
    static List<Insight> distinct(List<Insight> insights) {
        Set<String> seen = new HashSet<>();
        List<Insight> out = new ArrayList<>();
        for (Insight i : insights) {
            if (seen.add(i.sentence())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The breakdowns without repeats: the UCI reader keeps {@code VisitorType} also as {@code visitor_type}, which
     * would give the same chart twice. A breakdown whose groups (labels and counts) equal an earlier one's is left
     * out; the first (the project's own attribute name) is kept.
     */
    static List<Breakdown> distinctBreakdowns(List<Breakdown> breakdowns) {
        Set<List<String>> seen = new HashSet<>();
        List<Breakdown> out = new ArrayList<>();
        for (Breakdown b : breakdowns) {
            List<String> key = new ArrayList<>();
            for (Breakdown.Group g : b.groups()) {
                key.add(g.label() + "|" + g.sessions() + "|" + g.purchases());
            }
            if (seen.add(key)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Permutation importance of the final model on a seeded sample of at most {@link #PERMUTATION_ROWS} rows, within
     * a time budget of about {@link #PERMUTATION_BUDGET_SECONDS}: one scoring pass is timed first, and for a slow
     * model the sample (down to {@link #PERMUTATION_MIN_ROWS} rows) and the repeats (down to 1) shrink; when even
     * that would take too long, permutation importance is left out and a note says so.
     */
    private List<Importance> permutation(FeatureTable table, PurchaseModel model, Set<String> nearOutcome,
                                         List<String> notes) {
        FeatureTable sample = sample(table, PERMUTATION_ROWS);
        long t0 = System.nanoTime();
        model.predict(sample);
        double perPass = (System.nanoTime() - t0) / 1e9;
        int features = table.schema().size();
        int repeats = PERMUTATION_REPEATS;
        double estimate = perPass * (1 + features * repeats);
        if (estimate > PERMUTATION_BUDGET_SECONDS) {
            int rows = (int) Math.max(PERMUTATION_MIN_ROWS, sample.rows() * PERMUTATION_BUDGET_SECONDS / estimate);
            if (rows < sample.rows()) {
                perPass *= (double) rows / sample.rows();
                sample = sample(table, rows);
            }
            estimate = perPass * (1 + features * repeats);
            if (estimate > PERMUTATION_BUDGET_SECONDS) {
                repeats = 1;
                estimate = perPass * (1 + features);
            }
            if (estimate > 2 * PERMUTATION_BUDGET_SECONDS) {
                notes.add(String.format(Locale.ROOT, "permutation importance left out: scoring is too slow "
                        + "(about %.0f s for %,d rows and %d features)", estimate, sample.rows(), features));
                return List.of();
            }
        }
        boolean[] labels = sample.labels();
        int pos = 0;
        for (boolean b : labels) {
            pos += b ? 1 : 0;
        }
        if (pos == 0 || pos == labels.length) {
            return List.of();
        }
        FeatureSchema schema = sample.schema();
        double[][] columns = new double[schema.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = sample.columnArray(j);
        }
        SessionFacts facts = sample.facts();
        return PermutationImportance.compute(columns, schema.names().toArray(new String[0]), labels,
                cols -> model.predict(FeatureTable.of(schema, cols, facts)), repeats, options.seed(), nearOutcome);
    }

    /** A seeded sample of at most {@code rows} rows, in table order (the table itself when it is small enough). */
    private FeatureTable sample(FeatureTable table, int rows) {
        if (table.rows() <= rows) {
            return table;
        }
        int[] picked = new java.util.Random(options.seed()).ints(0, table.rows()).distinct().limit(rows).sorted()
                .toArray();
        return table.select(picked);
    }

    private static Set<String> nearOutcome(FeatureSchema schema) {
        Set<String> s = new HashSet<>();
        for (FeatureSpec f : schema.features()) {
            if (f.nearOutcome()) {
                s.add(f.name());
            }
        }
        return s;
    }


    static int[] testedRows(int[] folds) {
        int n = 0;
        for (int f : folds) {
            n += f >= 0 ? 1 : 0;
        }
        int[] rows = new int[n];
        int k = 0;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] >= 0) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    private static void writePredictions(FeatureTable table, Evaluation evaluation, Path file) throws IOException {
        if (evaluation == null) {
            PredictionsCsv.write(file, new String[0], new boolean[0], new double[0], new int[0]);
            return;
        }
        int[] folds = evaluation.folds();
        double[] p = evaluation.probabilities();
        int[] tested = testedRows(folds);
        String[] ids = new String[tested.length];
        boolean[] labels = new boolean[tested.length];
        double[] probs = new double[tested.length];
        int[] testFolds = new int[tested.length];
        for (int i = 0; i < tested.length; i++) {
            int r = tested[i];
            ids[i] = table.id(r);
            labels[i] = table.label(r);
            probs[i] = p[r];
            testFolds[i] = folds[r];
        }
        PredictionsCsv.write(file, ids, labels, probs, testFolds);
    }

    private void render(Loaded in, String trainer, Figures figures, List<String> notes)
            throws IOException {
        FeatureTable table = in.table();
        Dashboard.Builder b = Dashboard.builder()
                .title("Purchase propensity: " + title(in))
                .dataDescription(String.format(Locale.ROOT, "%s; %,d sessions, %,d purchases; cutoff %s; model %s",
                        in.source(), table.rows(), table.positives(),
                        in.buildReport() == null ? "as in the feature file"
                                : table.facts().hasEvents() ? in.buildReport().cutoff() : "none (a session table)",
                        figures.result() == null ? "none" : trainer))
                .facts(table.facts(), figures.result() == null ? null : probabilitiesOfAll(table, figures))
                .kpis(figures.kpis())
                .breakdowns(figures.breakdowns())
                .insights(figures.insights());
        if (figures.funnel() != null) {
            b.funnel(figures.funnel());
        }
        if (figures.result() != null) {
            b.evaluation(figures.result()).predictions(figures.labels(), figures.scores());
            b.importance(figures.permutation().isEmpty() ? figures.coefficients() : figures.permutation());
        }
        for (String note : notes) {
            b.note(note);
        }
        b.build().writeAll(options.out());
    }

    /** A short name of the data for the title. */
    private static String title(Loaded in) {
        if (in.readReport() == null && "simulated".equals(in.format())) {
            return "simulated sessions";
        }
        Path name = Path.of(in.source()).getFileName();
        return name == null ? in.source() : name.toString();
    }

    /** Out-of-fold probabilities per table row (NaN for rows never tested). */
    private static double[] probabilitiesOfAll(FeatureTable table, Figures figures) {
        double[] p = new double[table.rows()];
        java.util.Arrays.fill(p, Double.NaN);
        int[] tested = figures.tested();
        double[] scores = figures.scores();
        for (int i = 0; i < tested.length; i++) {
            p[tested[i]] = scores[i];
        }
        return p;
    }
}
