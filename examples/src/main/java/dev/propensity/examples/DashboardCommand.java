package dev.propensity.examples;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.propensity.core.Workers;
import dev.propensity.viz.Dashboard;

/** {@code propensity dashboard}: reads, extracts features, trains, evaluates and renders the dashboard. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Trains and evaluates a purchase model and writes the dashboard (PNG, HTML, charts), "
                + "report.json, predictions.csv and the model.",
                "Without --input it runs on simulated sessions."})
final class DashboardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Event log or session table to read. Without it: simulated sessions.")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = Options.FormatConverter.class,
            completionCandidates = Options.Formats.class,
            description = "Input format: ${COMPLETION-CANDIDATES}; detected from the header when omitted.")
    String format;

    @Option(names = {"-m", "--model"}, paramLabel = "NAME", defaultValue = "logistic",
            converter = Options.ModelConverter.class,
            description = "Trainer: logistic (default), xgboost, random-forest, stack or a registered name.")
    String model;

    @Option(names = "--eval", paramLabel = "PROTOCOL", defaultValue = "cv:5", converter = Options.EvalConverter.class,
            description = "Evaluation: cv:K (stratified K-fold), holdout:F (test fraction F) or time:F "
                    + "(latest F by start time). Default: ${DEFAULT-VALUE}.")
    String eval;

    @Option(names = "--cutoff", paramLabel = "POLICY", defaultValue = "before-purchase",
            converter = Options.CutoffConverter.class,
            description = "Which events features may see: before-purchase (default), events:N (first N events) "
                    + "or minutes:T (first T minutes).")
    String cutoff;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for the simulator, the folds and the trainer. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "20000",
            converter = Options.PositiveIntConverter.class,
            description = "How many sessions to simulate without --input. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "propensity-out",
            description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--lenient",
            description = "Skip bad rows (counted by reason in report.json) instead of stopping at the first.")
    boolean lenient;

    @Option(names = "--out-of-order", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = Options.OUT_OF_ORDER_HELP)
    Duration outOfOrder;

    @Override
    public Integer call() throws Exception {
        if (input == null && format != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format " + format + " needs --input FILE (without --input the sessions are simulated)");
        }
        DashboardOptions options = new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, out,
                lenient, outOfOrder);
        Progress progress = Progress.forConsole(spec.commandLine().getErr());
        // the notes (fewer folds, no model, rows skipped) are printed with the summary, so no separate warnings
        PrintWriter noWarnings = new PrintWriter(Writer.nullWriter());
        // the rendering machinery (Java2D, fonts, XChart) warms up on a worker while the pipeline reads and trains
        Workers.Task<RunResult> pipeline = () -> new DashboardRun(options, progress, noWarnings).run();
        Workers.Task<RunResult> warmUp = () -> {
            Dashboard.warmUp(Workers.callerOnly());
            return null;
        };
        RunResult result = Workers.defaults().run(List.of(pipeline, warmUp)).get(0);
        result.printSummary(spec.commandLine().getOut());
        return PropensityCommand.OK;
    }
}
