package dev.propensity.examples;

import dev.propensity.core.io.SessionReader;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import java.io.BufferedWriter;
import java.io.IOException;
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

/** {@code propensity score}: scores sessions with a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = "Scores every session of an input with a saved model and writes session_id,label,probability.")
final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "A model saved by 'dashboard' (model.propensity) or by PurchaseModel.save.")
    Path model;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
            description = "Event log, session table or feature CSV with the model's features.")
    Path input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = Options.FormatConverter.class,
            completionCandidates = Options.Formats.class,
            description = "Input format: ${COMPLETION-CANDIDATES}; detected from the header when omitted.")
    String format;

    @Option(names = "--cutoff", paramLabel = "POLICY", defaultValue = "before-purchase",
            converter = Options.CutoffConverter.class,
            description = "Which events features may see (use the one the model was trained with). "
                    + "Default: ${DEFAULT-VALUE}.")
    String cutoff;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", required = true,
            description = "The CSV file to write, or - for standard output.")
    String out;

    @Option(names = "--lenient", description = "Skip and count bad rows instead of stopping at the first.")
    boolean lenient;

    @Option(names = "--out-of-order", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = Options.OUT_OF_ORDER_HELP)
    Duration outOfOrder;

    @Override
    public Integer call() throws Exception {
        Path file = "-".equals(out) ? null : Outputs.checkFile(Path.of(out));
        PurchaseModel m = PurchaseModels.load(model);
        FeatureTable table = read();
        double[] p;
        try {
            p = m.predict(table);
        } catch (IllegalArgumentException e) {
            throw new InputProblem(input + ": does not fit the model " + model + ": " + e.getMessage(), e);
        }
        if ("-".equals(out)) {
            write(spec.commandLine().getOut(), table, p);
        } else {
            try (BufferedWriter w = Files.newBufferedWriter(Outputs.file(file), StandardCharsets.UTF_8)) {
                write(w, table, p);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d sessions scored -> %s%n", table.rows(), out);
        }
        return PropensityCommand.OK;
    }

    private FeatureTable read() throws IOException {
        if ("features".equals(format)) {
            return FeatureCsvInput.read(input);
        }
        try (SessionReader reader = Pipeline.open(input, Pipeline.format(format),
                Pipeline.readOptions(lenient, outOfOrder))) {
            return FeatureTables.builder().cutoff(Pipeline.cutoff(cutoff)).build(Pipeline.timed(reader, Progress.silent()));
        }
    }

    private static void write(Writer w, FeatureTable table, double[] p) throws IOException {
        w.write("session_id,label,probability\n");
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < table.rows(); i++) {
            sb.setLength(0);
            PredictionsCsv.appendField(sb, table.id(i));
            sb.append(',').append(table.label(i) ? '1' : '0').append(',').append(p[i]).append('\n');
            w.append(sb);
        }
        w.flush();
    }
}
