package dev.propensity.pipeline;

import dev.propensity.core.Workers;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.RejectReason;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.Evaluation;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TrainerFactory;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.report.BreakdownSection;
import dev.propensity.pipeline.report.EarlinessSection;
import dev.propensity.pipeline.report.ImportanceSection;
import dev.propensity.pipeline.report.InputSummary;
import dev.propensity.pipeline.report.MetricsSection;
import dev.propensity.pipeline.report.OutputFiles;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard pipeline: read (or simulate) sessions, compute their features behind a cutoff, evaluate a trainer
 * by a protocol and train the final model, compute the figures, and assemble the report. What
 * {@code propensity dashboard} runs; {@link OutputWriter} then writes the files.
 *
 * <pre>{@code
 * DashboardResult r = DashboardPipeline.builder(InputSource.file(Path.of("events.csv")))
 *         .protocol(EvaluationProtocol.crossValidation(10, 42))
 *         .trainer(Trainers.factory("xgboost"))
 *         .build()
 *         .run();
 * OutputWriter.into(Path.of("out")).write(r);
 * }</pre>
 *
 * <p>Small data (see {@link SmallData}): cross-validation with more folds than the rarer class has sessions runs
 * with fewer folds and says so; with too few sessions of a class, or when the trainer refuses the folds (for
 * instance for having fewer purchases than its minimum), the run has no model: it still computes the descriptive
 * figures (KPIs, funnel, breakdowns, insights) and says in the notes why there is no model. An input with no
 * sessions at all is an {@link InputException}.
 *
 * <p>A pipeline is immutable; {@link #run()} may be called again, and gives the same figures for the same input
 * (the timings aside).
 */
public final class DashboardPipeline {
    private final InputSource source;
    private final Cutoff cutoff;
    private final EvaluationProtocol protocol;
    private final TrainerFactory trainer;
    private final long seed;
    private final ReadOptions readOptions;
    private final PermutationBudget permutationBudget;
    private final Workers workers;
    private final Progress progress;
    private final Warnings warnings;
    private final Training training;
    private final boolean earliness;

    private DashboardPipeline(Builder b) {
        this.source = b.source;
        this.cutoff = b.cutoff;
        this.protocol = b.protocol;
        this.trainer = b.trainer;
        this.seed = b.seed;
        this.readOptions = b.readOptions;
        this.permutationBudget = b.permutationBudget;
        this.workers = b.workers;
        this.progress = b.progress;
        this.warnings = b.warnings;
        this.training = b.training;
        this.earliness = b.earliness;
    }

    /**
     * A builder for a run on the given input, with the command's defaults for the rest: the before-purchase
     * cutoff, stratified 5-fold cross-validation with seed 42, logistic regression, seed 42, strict reading, the
     * default permutation budget, {@link Workers#defaults()}, no progress and no warnings shown.
     *
     * @param source what to read
     * @return the builder
     */
    public static Builder builder(InputSource source) {
        return new Builder(source);
    }

    /** The version of the library, as the report gives it ({@code unknown} when the build did not record it). */
    public static String version() {
        return Version.VALUE;
    }

    /**
     * Runs the pipeline.
     *
     * @return the report, the figures, the predictions and the model
     * @throws IOException    when reading fails
     * @throws InputException at the first bad row when reading strictly, for a file of no known format, or when the
     *                        input holds no sessions
     */
    public DashboardResult run() throws IOException {
        long t0 = System.nanoTime();
        PhaseClock clock = new PhaseClock(progress);
        List<String> notes = new ArrayList<>();
        LoadedInput in = FeatureInputs.load(source, cutoff, readOptions, clock, workers);
        FeatureTable table = in.table();
        if (table.rows() == 0) {
            throw new InputException(source.describe(), 0, null, RejectReason.BAD_FILE,
                    "no sessions to evaluate (no data rows, or every row was rejected)");
        }
        ReadReport rr = in.read();
        if (rr != null && rr.rowsRejected() > 0) {
            notes.add(String.format(Locale.ROOT, "%,d of %,d input rows skipped (--lenient): %s", rr.rowsRejected(),
                    rr.rowsRead(), rr.rejectedByReason()));
        }
        if (rr != null && rr.eventsOverSessionLimit() > 0) {
            notes.add(String.format(Locale.ROOT, "%,d events dropped from sessions longer than the maximum session "
                    + "length (--max-session-events; each session's first purchase kept)", rr.eventsOverSessionLimit()));
        }
        int sessions = table.rows();
        int purchases = table.positives();
        ModelTrainer model = Objects.requireNonNull(trainer.create(seed), "the trainer factory made null");
        boolean events = in.hasEvents() && !(source instanceof InputSource.FeatureFile);
        if (training == Training.PREFIXES && !events) {
            throw new IllegalArgumentException(source.describe() + ": training on prefixes needs event sessions, "
                    + "and this input is " + (in.hasEvents() ? "a feature file" : "a session table"));
        }
        EvaluationProtocol used = protocol;
        Optional<String> skipped = SmallData.whyNoModel(sessions, purchases);
        Evaluation evaluation = null;
        if (skipped.isEmpty()) {
            used = SmallData.feasible(protocol, sessions, purchases);
            try {
                // the final model trains alongside the folds (one more task of the evaluation's threads)
                clock.start("evaluate");
                if (training == Training.PREFIXES) {
                    FeatureTable prefixes;
                    try (SessionSource ss = SessionSource.open(source, readOptions)) {
                        prefixes = PrefixRows.build(ss.sessions(), null, PrefixRows.DEFAULT_PER_SESSION, seed);
                    }
                    evaluation = PrefixEvaluation.run(model, table, prefixes, used);
                    notes.add(String.format(Locale.ROOT, "trained on session prefixes: %,d rows, %d per session at "
                            + "cutoffs drawn from its events before any purchase; folds split by session, tested on "
                            + "whole sessions", prefixes.rows(), PrefixRows.DEFAULT_PER_SESSION));
                } else {
                    evaluation = Evaluation.run(model, table, used, true, workers);
                }
                clock.end();
                if (!used.equals(protocol)) {
                    String fewer = String.format(Locale.ROOT, "only %d purchasing and %d other sessions: evaluated "
                            + "by %s instead of %s", purchases, sessions - purchases, used.code(), protocol.code());
                    notes.add(fewer);
                    warnings.warn(fewer);
                }
            } catch (IllegalArgumentException e) {
                clock.end();
                skipped = Optional.of(String.format(Locale.ROOT, "%s could not be trained and evaluated by %s on %,d "
                        + "purchasing and %,d other sessions (%s)", model.name(), used.code(), purchases,
                        sessions - purchases, e.getMessage()));
            }
        }
        if (skipped.isPresent()) {
            notes.add("no model: " + skipped.get());
            warnings.warn("no model: " + skipped.get() + "; writing the dashboard without model figures");
        }

        clock.start("metrics");
        Figures figures = Figures.of(table, evaluation, permutationBudget, seed, workers);
        notes.addAll(figures.notes());
        PurchaseModel trained = evaluation == null ? null : evaluation.model().withCard(
                evaluation.model().card().withEvaluation(used.describe(), figures.modelCardFigures()));
        clock.end();

        EarlinessSection early = null;
        if (events && earliness && skipped.isEmpty()) {
            clock.start("earliness");
            try (SessionSource ss = SessionSource.open(source, readOptions)) {
                early = EarlinessStudy.run(ss.sessions(), sessions, trainer, seed);
            } catch (IllegalArgumentException e) {
                notes.add("no earliness figures: " + e.getMessage());
            }
            clock.end();
        }
        MetricsSection metrics = skipped.isPresent()
                ? MetricsSection.skipped(model.name(), skipped.get(), protocol)
                : MetricsSection.evaluated(model.name(), used, protocol, figures.atHalf(), figures.atBestF1(),
                        figures.evaluation(), evaluation.foldSeconds());
        double train = evaluation == null ? 0.0 : evaluation.model().card().trainSeconds();
        Timings timings = new Timings(in.readSeconds(), in.featureSeconds(), clock.seconds("evaluate"), train,
                clock.seconds("metrics"), 0, 0, (System.nanoTime() - t0) / 1e9);
        Report report = new Report(Report.FORMAT_VERSION, version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), seed,
                InputSummary.of(source.describe(), in.format(), readOptions, rr, in.build(), table), figures.kpis(),
                notes, metrics, new ImportanceSection(figures.coefficients(), figures.permutation(),
                        permutationBudget.describe()),
                BreakdownSection.of(figures.breakdowns(), figures.funnel()), figures.insights(), timings,
                timingsNote(in.fused()), OutputFiles.standard(), early);
        return new DashboardResult(report, headline(in, figures, model.name()), figures,
                Predictions.of(table, evaluation), trained, table, evaluation);
    }

    /** How the report's timings overlap. */
    static String timingsNote(boolean fused) {
        String trained = "the final model was trained alongside the evaluation's folds: evaluate includes it, and "
                + "train is its own training time (from its model card)";
        return fused ? "read and features were timed as one step (the file is read straight into feature rows, in "
                + "one pass on the REES46 fast path); their time is under read; " + trained : trained;
    }

    /** The dashboard's title and data line. */
    private static Headline headline(LoadedInput in, Figures figures, String trainerName) {
        FeatureTable table = in.table();
        String cutoffText = in.build() == null ? "as in the feature file"
                : in.hasEvents() ? in.build().cutoff() : "none (a session table)";
        return new Headline("Purchase propensity: " + in.source().shortName(),
                String.format(Locale.ROOT, "%s; %,d sessions, %,d purchases; cutoff %s; model %s",
                        in.source().describe(), table.rows(), table.positives(), cutoffText,
                        figures.hasModel() ? trainerName : "none"));
    }

    @Override
    public String toString() {
        return "DashboardPipeline[" + source.describe() + ", cutoff " + cutoff.name() + ", " + protocol.code()
                + ", seed " + seed + "]";
    }

    /** The settings of a run; every one but the input has a default (see {@link #builder(InputSource)}). */
    public static final class Builder {
        private final InputSource source;
        private Cutoff cutoff = Cutoffs.beforeFirstPurchase();
        private EvaluationProtocol protocol = EvaluationProtocol.crossValidation(5, 42);
        private TrainerFactory trainer = Trainers.factory("logistic");
        private long seed = 42;
        private ReadOptions readOptions = ReadOptions.defaults();
        private PermutationBudget permutationBudget = PermutationBudget.defaults();
        private Workers workers = Workers.defaults();
        private Progress progress = Progress.none();
        private Warnings warnings = Warnings.none();
        private Training training = Training.WHOLE_SESSIONS;
        private boolean earliness = true;

        private Builder(InputSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Which events the features may see (default: those before the first purchase).
         *
         * @param value the cutoff
         * @return this builder
         */
        public Builder cutoff(Cutoff value) {
            this.cutoff = Objects.requireNonNull(value, "cutoff");
            return this;
        }

        /**
         * How the model is evaluated (default: stratified 5-fold cross-validation, seed 42). The protocol carries
         * its own seed; {@link EvaluationProtocol#withSeed(long)} gives it the run's.
         *
         * @param value the protocol
         * @return this builder
         */
        public Builder protocol(EvaluationProtocol value) {
            this.protocol = Objects.requireNonNull(value, "protocol");
            return this;
        }

        /**
         * Which rows the model is trained on (default {@link Training#WHOLE_SESSIONS}). With
         * {@link Training#PREFIXES} (event data only) the model trains on {@link PrefixRows}, evaluated with folds
         * split by session: the model for sessions still in progress, as a live scorer sees them.
         *
         * @param value the training rows
         * @return this builder
         */
        public Builder trainOn(Training value) {
            this.training = Objects.requireNonNull(value, "training");
            return this;
        }

        /**
         * Whether event data gets the report's earliness study (default: on): whole-session and prefix training
         * compared after 1 to 20 events and 1 to 30 minutes, on at most 100,000 sessions. Reads the input once more.
         *
         * @param on whether to run it
         * @return this builder
         */
        public Builder earliness(boolean on) {
            this.earliness = on;
            return this;
        }

        /**
         * What trains the model (default: logistic regression); made with the run's {@link #seed(long)}.
         *
         * @param value the factory, e.g. {@code Trainers.factory("xgboost")}
         * @return this builder
         */
        public Builder trainer(TrainerFactory value) {
            this.trainer = Objects.requireNonNull(value, "trainer");
            return this;
        }

        /**
         * The run's seed (default 42): the trainer's, and that of permutation importance's sample and shuffles.
         * The simulator's and the protocol's seeds are their own ({@link InputSource#simulated(int, long)},
         * {@link EvaluationProtocol#withSeed(long)}).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * How a file is read (default: strict, sessions by id where the format has them).
         *
         * @param value the read options
         * @return this builder
         */
        public Builder readOptions(ReadOptions value) {
            this.readOptions = Objects.requireNonNull(value, "readOptions");
            return this;
        }

        /**
         * How much work permutation importance may take (default {@link PermutationBudget#defaults()}).
         *
         * @param value the budget
         * @return this builder
         */
        public Builder permutationBudget(PermutationBudget value) {
            this.permutationBudget = Objects.requireNonNull(value, "permutationBudget");
            return this;
        }

        /**
         * Where the pipeline's own parallel work runs (default {@link Workers#defaults()}): the evaluation's folds
         * and the trainer's own parallel work, and permutation importance, which measures several features at a
         * time on them.
         *
         * @param value the workers
         * @return this builder
         */
        public Builder workers(Workers value) {
            this.workers = Objects.requireNonNull(value, "workers");
            return this;
        }

        /**
         * Where the phases and rows read are shown (default: nowhere).
         *
         * @param value the progress
         * @return this builder
         */
        public Builder progress(Progress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /**
         * Where remarks are said as they happen (default: nowhere; they are in the report's notes either way).
         *
         * @param value the warnings
         * @return this builder
         */
        public Builder warnings(Warnings value) {
            this.warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /**
         * The pipeline.
         *
         * @return the pipeline, ready to {@link DashboardPipeline#run() run}
         */
        public DashboardPipeline build() {
            return new DashboardPipeline(this);
        }
    }

    /** The library version, from a resource Maven filters at build time. */
    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            Properties p = new Properties();
            try (InputStream in = DashboardPipeline.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the library version", e);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        }
    }
}
