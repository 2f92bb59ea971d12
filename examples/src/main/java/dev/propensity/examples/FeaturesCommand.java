package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.features.FeatureCsv;
import dev.propensity.pipeline.FeatureInputs;
import dev.propensity.pipeline.Progress;
import dev.propensity.core.io.SafeOutput;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code propensity features}: streams any supported input to one feature row per session, as CSV. */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Streams an event log or session table to one CSV row per session: "
                + "session_id,label,<features>. Memory stays flat whatever the input size.",
                "The file can be read back with 'dashboard --format features'."})
final class FeaturesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.RequiredInput input;

    @Mixin
    Options.CutoffOption cutoff;

    @Mixin
    Options.CsvOutput output;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() throws Exception {
        if (input.format != null && input.format.featureCsv()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format features is already a feature CSV; give the events or session table it came from");
        }
        if (engine.spark(spec.commandLine())) {
            if (output.toStdout()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine spark writes a .csv file or a directory (Parquet and CSV parts), not standard output");
            }
            SparkRun.checkLocal(output.out, input.location());
            InputFormat f = input.format != null ? input.format.format() : null;
            SparkRun.features(engine, input.location(), f, cutoff.cutoff, input.readOptions(), output.out,
                    spec.commandLine().getOut());
            return PropensityCommand.OK;
        }
        if (!output.toStdout()) {
            Outputs.checkFile(output.file(), input.input()); // never the input, never a directory
        }
        Progress progress = output.toStdout() ? Progress.none() : ConsoleProgress.forConsole(spec.commandLine().getErr());
        FeatureCsv.Streamed streamed;
        progress.phase("features");
        // detected before the output is opened: a missing input leaves an earlier output alone
        InputFormat f = input.format != null ? input.format.format() : InputFormat.detect(input.input());
        if (output.toStdout()) {
            Writer w = spec.commandLine().getOut();
            streamed = FeatureInputs.writeCsv(input.input(), f, cutoff.cutoff, input.readOptions(), w);
            w.flush();
        } else {
            // written to a temporary file beside the target and renamed at the end: a failed run leaves the
            // earlier file as it was and no half-written CSV
            try (SafeOutput out = SafeOutput.create(Outputs.file(output.file(), input.input()), input.input())) {
                Writer w = new BufferedWriter(out.writer(), 1 << 16);
                streamed = FeatureInputs.writeCsv(input.input(), f, cutoff.cutoff, input.readOptions(), w);
                w.flush();
                out.commit();
            }
        }
        progress.end();
        long rejected = streamed.read().rowsRejected();
        PrintWriter summary = output.toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (!output.toStdout() || System.console() != null) {
            summary.printf(Locale.ROOT, "%,d sessions (%,d purchases) -> %s%s%n", streamed.report().rows(),
                    streamed.report().buyersIn(), output.toStdout() ? "standard output" : output.out,
                    (rejected > 0 ? String.format(Locale.ROOT, "; %,d bad input rows skipped", rejected) : "")
                    + (streamed.read().eventsOverSessionLimit() > 0 ? String.format(Locale.ROOT,
                    "; %,d events over --max-session-events dropped", streamed.read().eventsOverSessionLimit()) : ""));
            summary.flush();
        }
        return PropensityCommand.OK;
    }
}
