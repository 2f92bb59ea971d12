package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.features.BuildReport;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTables;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code propensity features}: streams any supported input to one feature row per session, as CSV. */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Streams an event log or session table to one CSV row per session: "
                + "session_id,label,<features>. Memory stays flat whatever the input size.",
                "The file can be read back with 'dashboard --format features'."})
final class FeaturesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "Event log or session table.")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = Options.FormatConverter.class,
            completionCandidates = Options.Formats.class,
            description = "Input format (not 'features'); detected from the header when omitted.")
    String format;

    @Option(names = "--cutoff", paramLabel = "POLICY", defaultValue = "before-purchase",
            converter = Options.CutoffConverter.class,
            description = "before-purchase (default), events:N or minutes:T.")
    String cutoff;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", required = true,
            description = "The CSV file to write, or - for standard output.")
    String out;

    @Option(names = "--lenient", description = "Skip and count bad rows instead of stopping at the first.")
    boolean lenient;

    @Option(names = "--out-of-order", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = Options.OUT_OF_ORDER_HELP)
    Duration outOfOrder;

    /** Whether the output file has been opened (so replaced) by this run. */
    private boolean opened;

    /** The output: the file (parent directories created), or standard output, which closing leaves open. */
    private Writer writer() throws IOException {
        if ("-".equals(out)) {
            return new FilterWriter(spec.commandLine().getOut()) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path file = Outputs.file(Path.of(out));
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        opened = true;
        return w;
    }

    @Override
    public Integer call() throws Exception {
        if ("features".equals(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format features is already a feature CSV; give the events or session table it came from");
        }
        Progress progress = "-".equals(out) ? Progress.silent() : Progress.forConsole(spec.commandLine().getErr());
        FeatureTables.Builder settings = FeatureTables.builder().cutoff(Pipeline.cutoff(cutoff));
        BuildReport report;
        long rejected = 0;
        progress.start("features");
        try {
            // the features module picks its fastest way (REES46 bytes straight to rows where it applies)
            InputFormat f = format != null ? Pipeline.format(format) : InputFormat.detect(input);
            try (Writer w = writer()) {
                FeatureCsv.Streamed streamed = FeatureCsv.stream(input, f,
                        Pipeline.readOptions(lenient, outOfOrder), settings, w);
                report = streamed.report();
                rejected = streamed.read().rowsRejected();
            }
        } catch (IOException | RuntimeException e) {
            // a half-written CSV looks like a whole one: leave none behind (a file never opened is left alone)
            if (opened && !"-".equals(out)) {
                Files.deleteIfExists(Path.of(out));
            }
            throw e;
        }
        progress.end();
        PrintWriter summary = "-".equals(out) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (!"-".equals(out) || System.console() != null) {
            summary.printf(Locale.ROOT, "%,d sessions (%,d purchases) -> %s%s%n", report.rows(), report.buyersIn(),
                    "-".equals(out) ? "standard output" : out,
                    rejected > 0 ? String.format(Locale.ROOT, "; %,d bad input rows skipped", rejected) : "");
            summary.flush();
        }
        return PropensityCommand.OK;
    }
}
