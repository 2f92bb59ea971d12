package dev.propensity.examples;

import dev.propensity.core.Workers;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.TrainerFactory;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.DashboardResult;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import dev.propensity.pipeline.Progress;
import dev.propensity.pipeline.Training;
import dev.propensity.viz.Dashboard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code propensity dashboard}: the pipeline module's {@link DashboardPipeline} on the options given, its files
 * written by {@link OutputWriter}, and a summary.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Trains and evaluates a purchase model and writes the dashboard (PNG, HTML, charts), "
                + "report.json, predictions.csv and the model.",
                "Without --input it runs on simulated sessions."})
final class DashboardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.OptionalInput input;

    @Option(names = {"-m", "--model"}, order = -80,
            paramLabel = "NAME", defaultValue = "logistic",
            converter = Options.ModelConverter.class,
            description = "Trainer: logistic (default), xgboost, random-forest, stack or a registered name. The tree "
                    + "models train natively in XGBoost, on every core: on about 2 million sessions the default cv:5 "
                    + "took 1.5 minutes for random-forest, 8.5 for xgboost and 15 for stack (2-core machine); "
                    + "an input whose training matrix cannot fit the available memory is refused in one line.")
    TrainerFactory model;

    @Option(names = "--eval", order = -70,
            paramLabel = "PROTOCOL", defaultValue = "cv:5", converter = Options.EvalConverter.class,
            description = "Evaluation: cv:K (stratified K-fold), holdout:F (test fraction F) or time:F "
                    + "(latest F by start time). Default: ${DEFAULT-VALUE}.")
    EvaluationProtocol eval;

    @Mixin
    Options.CutoffOption cutoff;

    @Mixin
    Options.SeedOption seed;

    @Option(names = "--sessions", order = -40,
            paramLabel = "N", defaultValue = "20000",
            converter = Options.PositiveIntConverter.class,
            description = "How many sessions to simulate without --input. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--train-on", order = -35,
            paramLabel = "ROWS", defaultValue = "whole-session", converter = Options.TrainingConverter.class,
            description = "whole-session (default: one row per session) or prefixes (rows at several cutoffs per "
                    + "session, each session weighing one, folds split by session: a model for sessions still in "
                    + "progress, as 'replay' and live scoring use; event data only).")
    Training trainOn;

    @Option(names = {"-o", "--out"}, order = -30,
            paramLabel = "DIR", defaultValue = "propensity-out", converter = Options.LocalPathConverter.class,
            description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() throws Exception {
        if (input.input() == null && input.format != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + input.format.name()
                    + " needs --input FILE (without --input the sessions are simulated)");
        }
        if (trainOn == Training.PREFIXES && input.input() != null) {
            boolean events = input.format != null ? !input.format.featureCsv() && input.format.format().hasEvents()
                    : dev.propensity.core.io.InputFormat.detect(input.input()).hasEvents();
            if (!events) {
                throw new InputProblem(input.input() + ": --train-on prefixes needs an event log, and this is "
                        + (input.format != null && input.format.featureCsv() ? "a feature CSV" : "a session table"));
            }
        }
        if (engine.spark(spec.commandLine())) {
            if (trainOn == Training.PREFIXES) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--train-on prefixes runs on one machine only; drop it or drop --engine spark");
            }
            if (input.location() == null || input.format != null && input.format.featureCsv()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine spark needs --input EVENTS (an event log; the simulator runs on one machine)");
            }
            SparkRun.dashboard(engine, input.location(), input.format != null ? input.format.format() : null,
                    cutoff.cutoff, input.readOptions(), model.create(seed.seed), eval.withSeed(seed.seed), seed.seed,
                    out, spec.commandLine().getOut());
            return PropensityCommand.OK;
        }
        OutputWriter writer = OutputWriter.into(out, input.input()); // a wrong --out is refused before any reading
        InputSource source = input.input() == null ? InputSource.simulated(sessions, seed.seed) : input.source();
        Progress progress = ConsoleProgress.forConsole(spec.commandLine().getErr());
        // the notes (fewer folds, no model, rows skipped) are printed with the summary, so no separate warnings
        DashboardPipeline pipeline = DashboardPipeline.builder(source)
                .cutoff(cutoff.cutoff)
                .protocol(eval.withSeed(seed.seed))
                .trainer(model)
                .seed(seed.seed)
                .trainOn(trainOn)
                .readOptions(input.readOptions())
                .progress(progress)
                .build();
        // the rendering machinery (Java2D, fonts, XChart) warms up on a worker while the pipeline reads and trains
        Workers.Task<DashboardResult> run = pipeline::run;
        Workers.Task<DashboardResult> warmUp = () -> {
            Dashboard.warmUp(Workers.callerOnly());
            return null;
        };
        DashboardResult result = Workers.defaults().run(List.of(run, warmUp)).get(0);
        Summary.print(spec.commandLine().getOut(), writer.write(result, progress));
        return PropensityCommand.OK;
    }
}
