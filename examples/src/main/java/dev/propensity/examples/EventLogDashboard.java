package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.features.Cutoffs;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The dashboard of a REES46-format event log ({@code event_time,event_type,product_id,...,user_session}): events
 * are grouped into the shop's sessions, each session's features are computed from its events before the first
 * purchase, and a logistic regression is evaluated on them.
 *
 * <p>The bundled sample ({@code ../shared/data/rees46/2019-11-01-head.csv}) holds 240 sessions with only 2
 * purchases: the run falls back to as many cross-validation folds as there are purchasing sessions, the trainer
 * still refuses so few purchases, and the run says so and draws the descriptive dashboard without a model; its
 * figures show that the pipeline works, not how good the model is.
 *
 * <p>Run: {@code java ... dev.propensity.examples.EventLogDashboard [EVENTS.csv] [OUT_DIR]}.
 */
public final class EventLogDashboard {
    private EventLogDashboard() {
    }

    /**
     * Reads an event log, trains, evaluates and renders its dashboard.
     *
     * @param events the REES46-format CSV file
     * @param out    the output directory
     * @return what was written, with the report
     * @throws IOException when reading or writing fails
     */
    public static OutputWriter.Written run(Path events, Path out) throws IOException {
        OutputWriter writer = OutputWriter.into(out);
        return writer.write(DashboardPipeline.builder(InputSource.file(events, InputFormat.REES46))
                .cutoff(Cutoffs.beforeFirstPurchase())
                .build()
                .run());
    }

    /**
     * Runs the example.
     *
     * @param args optional: the event log and the output directory
     * @throws IOException when reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        Path events = args.length > 0 ? Path.of(args[0]) : SharedData.path(SharedData.REES46);
        Path out = args.length > 1 ? Path.of(args[1]) : Path.of("propensity-out", "rees46");
        Summary.print(Examples.stdout(), run(events, out));
    }
}
