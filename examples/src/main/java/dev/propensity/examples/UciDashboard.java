package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The dashboard of the UCI Online Shoppers Purchasing Intention table (12,330 sessions, one row each), evaluated
 * by stratified 10-fold cross-validation as in the literature.
 *
 * <p>Run: {@code java ... dev.propensity.examples.UciDashboard [TABLE.csv] [OUT_DIR]}; the defaults are
 * {@code ../shared/data/uci/online_shoppers_intention.csv} and {@code propensity-out/uci}.
 */
public final class UciDashboard {
    private UciDashboard() {
    }

    /**
     * Trains, evaluates and renders the dashboard of a UCI-format table.
     *
     * @param table the CSV file
     * @param out   the output directory
     * @return what was written, with the report
     * @throws IOException when reading or writing fails
     */
    public static OutputWriter.Written run(Path table, Path out) throws IOException {
        OutputWriter writer = OutputWriter.into(out);
        return writer.write(DashboardPipeline.builder(InputSource.file(table, InputFormat.UCI))
                .protocol(EvaluationProtocol.crossValidation(10, 42))
                .seed(42)
                .build()
                .run());
    }

    /**
     * Runs the example.
     *
     * @param args optional: the table and the output directory
     * @throws IOException when reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Path table = args.length > 0 ? Path.of(args[0]) : SharedData.path(SharedData.UCI);
        Path out = args.length > 1 ? Path.of(args[1]) : Path.of("propensity-out", "uci");
        Summary.print(Examples.stdout(), run(table, out));
    }
}
