package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.features.FeatureCsv;
import dev.propensity.pipeline.FeatureInputs;
import dev.propensity.pipeline.Progress;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Whether the output file has been opened (so replaced) by this run. */
    private boolean opened;

    /** The output: the file (parent directories created), or standard output, which closing leaves open. */
    private Writer writer() throws IOException {
        if (output.toStdout()) {
            return new FilterWriter(spec.commandLine().getOut()) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path file = Outputs.file(output.file());
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        opened = true;
        return w;
    }

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
            InputFormat f = input.format != null ? input.format.format() : null;
            SparkRun.features(engine, input.input(), f, cutoff.cutoff, input.readOptions(), output.file(),
                    spec.commandLine().getOut());
            return PropensityCommand.OK;
        }
        Progress progress = output.toStdout() ? Progress.none() : ConsoleProgress.forConsole(spec.commandLine().getErr());
        FeatureCsv.Streamed streamed;
        progress.phase("features");
        try {
            // detected before the output is opened: a missing input leaves an earlier output alone
            InputFormat f = input.format != null ? input.format.format() : InputFormat.detect(input.input());
            try (Writer w = writer()) {
                // the features module picks its fastest way (REES46 bytes straight to rows where it applies)
                streamed = FeatureInputs.writeCsv(input.input(), f, cutoff.cutoff, input.readOptions(), w);
            }
        } catch (IOException | RuntimeException e) {
            // a half-written CSV looks like a whole one: leave none behind (a file never opened is left alone)
            if (opened) {
                Files.deleteIfExists(output.file());
            }
            throw e;
        }
        progress.end();
        long rejected = streamed.read().rowsRejected();
        PrintWriter summary = output.toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (!output.toStdout() || System.console() != null) {
            summary.printf(Locale.ROOT, "%,d sessions (%,d purchases) -> %s%s%n", streamed.report().rows(),
                    streamed.report().buyersIn(), output.toStdout() ? "standard output" : output.out,
                    rejected > 0 ? String.format(Locale.ROOT, "; %,d bad input rows skipped", rejected) : "");
            summary.flush();
        }
        return PropensityCommand.OK;
    }
}
