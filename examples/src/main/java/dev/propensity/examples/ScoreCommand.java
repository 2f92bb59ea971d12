package dev.propensity.examples;

import dev.propensity.core.io.CsvCells;
import dev.propensity.core.io.SafeOutput;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.FeatureInputs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code propensity score}: scores sessions with a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = "Scores every session of an input with a saved model and writes session_id,label,probability.")
final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, order = -110,
            paramLabel = "FILE", required = true, converter = Options.LocalPathConverter.class,
            description = "A model saved by 'dashboard' (model.propensity) or by PurchaseModel.save.")
    Path model;

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
        if (engine.spark(spec.commandLine())) {
            if (output.toStdout() || input.format != null && input.format.featureCsv()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--engine spark scores an event log"
                        + " into a .csv file or a directory (Parquet and CSV parts)");
            }
            SparkRun.checkLocal(output.out, input.location());
            SparkRun.score(engine, model, input.location(), input.format != null ? input.format.format() : null,
                    cutoff.cutoff, input.readOptions(), output.out, spec.commandLine().getOut());
            return PropensityCommand.OK;
        }
        Path file = output.toStdout() ? null : Outputs.checkFile(output.file(), input.input(), model);
        PurchaseModel m = PurchaseModels.load(model);
        FeatureTable table = FeatureInputs.readInOrder(input.source(), cutoff.cutoff, input.readOptions());
        double[] p;
        try {
            p = m.predict(table);
        } catch (IllegalArgumentException e) {
            throw new InputProblem(input.input() + ": does not fit the model " + model + ": " + e.getMessage(), e);
        }
        if (file == null) {
            write(spec.commandLine().getOut(), table, p);
        } else {
            try (SafeOutput out = SafeOutput.create(Outputs.file(file, input.input(), model), input.input(), model)) {
                write(new BufferedWriter(out.writer(), 1 << 16), table, p);
                out.commit();
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%,d sessions scored -> %s%n", table.rows(), output.out);
        }
        return PropensityCommand.OK;
    }

    private static void write(Writer w, FeatureTable table, double[] p) throws IOException {
        w.write("session_id,label,probability\n");
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < table.rows(); i++) {
            sb.setLength(0);
            CsvCells.append(sb, table.id(i));
            sb.append(',').append(table.label(i) ? '1' : '0').append(',').append(p[i]).append('\n');
            w.append(sb);
        }
        w.flush();
    }
}
