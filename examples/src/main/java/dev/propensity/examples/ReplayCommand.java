package dev.propensity.examples;

import dev.propensity.core.AsciiOut;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.live.LiveScore;
import dev.propensity.live.LiveScorer;
import dev.propensity.live.LiveStats;
import dev.propensity.live.Replay;
import dev.propensity.metrics.EarlinessPoint;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.PredictionsCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code propensity replay}: replays an event log through the live scorer. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Replays an event log in time order through the live scorer: after every event, the purchase "
                + "probability of its session so far.",
                "Writes session_id,event_index,event_time,probability per event (with --out), prints the throughput, "
                        + "and, when the log holds purchases, how well the scores predicted them after 1, 2, 3, 5, "
                        + "10, 20 events and 1-30 minutes."})
final class ReplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, order = -110,
            paramLabel = "FILE", required = true,
            description = "A model saved by 'dashboard' (model.propensity) or by PurchaseModel.save, trained on event "
                    + "features.")
    Path model;

    @Mixin
    Options.RequiredInput input;

    @Option(names = {"-o", "--out"}, order = -30,
            paramLabel = "FILE.csv",
            description = "Where to write one row per event, or - for standard output; without it only the "
                    + "summary is printed.")
    String out;

    @Option(names = "--max-open", order = -29,
            paramLabel = "N", defaultValue = "1000000", converter = Options.PositiveIntConverter.class,
            description = "The most sessions open at once; beyond it the least recently updated is evicted "
                    + "(counted). Default: ${DEFAULT-VALUE}.")
    int maxOpen;

    @Override
    public Integer call() throws Exception {
        if (input.format != null && input.format.featureCsv()) {
            throw new InputProblem("--format features is a feature CSV; replay needs the event log");
        }
        InputFormat format = input.format != null ? input.format.format() : InputFormat.detect(input.input());
        if (!format.hasEvents()) {
            throw new InputProblem(input.input() + ": is a session table (" + format.name().toLowerCase(Locale.ROOT)
                    + "), not an event log; replay needs events");
        }
        boolean toStdout = "-".equals(out);
        Path file = out == null || toStdout ? null : Outputs.checkFile(Path.of(out));
        PurchaseModel m = PurchaseModels.load(model);
        ReadOptions options = input.readOptions();
        Sessionizer sz = options.sessionizer();
        LiveScorer.Builder b = LiveScorer.builder(m).topDrivers(0).maxOpenSessions(maxOpen)
                .outOfOrderTolerance(sz.outOfOrderTolerance()).idleTimeout(sz.idleTimeout());
        if (!sz.usesSessionIds()) {
            b.byUser(sz.gap());
        }
        LiveScorer live;
        try {
            live = b.build();
        } catch (IllegalArgumentException e) {
            throw new InputProblem(model + ": cannot score events live: " + e.getMessage(), e);
        }
        PrintWriter console = spec.commandLine().getOut();
        Replay.Summary s;
        if (out == null) {
            s = Replay.run(input.input(), format, options, live, x -> { });
        } else if (toStdout) {
            s = replayInto(new ConsoleStream(console), format, options, live);
        } else {
            s = replayInto(Files.newOutputStream(Outputs.file(file)), format, options, live);
        }
        if (!toStdout) {
            print(console, s, out);
        } else {
            print(spec.commandLine().getErr(), s, null);
        }
        return PropensityCommand.OK;
    }

    private Replay.Summary replayInto(OutputStream stream, InputFormat format, ReadOptions options,
                                      LiveScorer live) throws IOException {
        try (AsciiOut w = AsciiOut.to(stream)) {
            w.text("session_id,event_index,event_time,probability\n");
            StringBuilder id = new StringBuilder(64);
            Consumer<LiveScore> rows = x -> {
                id.setLength(0);
                PredictionsCsv.appendField(id, x.sessionId());
                try {
                    w.text(id).ascii(',').number(x.eventIndex()).ascii(',').instant(x.eventTime().toEpochMilli())
                            .ascii(',');
                    if (!Double.isNaN(x.probability())) {
                        w.number(x.probability());
                    }
                    w.ascii('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            return Replay.run(input.input(), format, options, live, rows);
        }
    }

    /** The command's standard output as a byte stream of UTF-8 text, left open. */
    private static final class ConsoleStream extends OutputStream {
        private final PrintWriter console;

        ConsoleStream(PrintWriter console) {
            this.console = console;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            console.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            console.flush();
        }

        @Override
        public void close() {
            console.flush();
        }
    }

    private static void print(PrintWriter p, Replay.Summary s, String out) {
        LiveStats st = s.stats();
        p.printf(Locale.ROOT, "%,d events replayed in %.2f s: %,.0f events/s%s%n", st.events(), s.seconds(),
                s.eventsPerSecond(), out == null ? "" : " -> " + out);
        p.printf(Locale.ROOT, "  scored %,d, purchases %,d (scoring ended), after a purchase %,d, late %,d; "
                + "open at the end %,d, evicted %,d, expired %,d%n", st.scored(), st.purchases(), st.afterPurchase(),
                st.late(), st.openSessions(), st.evicted(), st.expired());
        if (s.read() != null && s.read().rowsRejected() > 0) {
            p.printf(Locale.ROOT, "  %,d rows skipped (--lenient): %s%n", s.read().rowsRejected(),
                    s.read().rejectedByReason());
        }
        if (s.earliness().isEmpty()) {
            p.println("  no purchases in the log: no earliness figures");
            return;
        }
        p.println("  how early can we tell? (sessions that got that far without buying)");
        p.printf(Locale.ROOT, "  %-11s %10s %9s %8s %8s %8s %7s %9s %9s%n", "checkpoint", "sessions", "purchases",
                "ROC AUC", "PR AUC", "log loss", "ECE", "mean p", "rate");
        for (EarlinessPoint e : s.earliness()) {
            p.printf(Locale.ROOT, "  %-11s %,10d %,9d %8.4f %8.4f %8.4f %7.4f %9.4f %9.4f%n", e.checkpoint(),
                    e.sessions(), e.purchases(), e.rocAuc(), e.prAuc(), e.logLoss(), e.ece(), e.meanProbability(),
                    e.purchaseRate());
        }
        p.flush();
    }
}
