package dev.propensity.examples;

import dev.propensity.core.Workers;
import dev.propensity.live.LiveScorer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.InputSource;
import dev.propensity.server.PropensityServer;
import dev.propensity.server.SavedRun;
import dev.propensity.server.ServeData;
import dev.propensity.viz.Dashboard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code propensity serve}: runs the dashboard pipeline on an input (or reads a previous run's outputs) once, then
 * serves the interactive page and the REST API of the server module until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Serves the interactive dashboard (slicers, threshold, drill-through) and the REST API "
                + "(/api/v1/summary, /api/v1/score, /api/v1/events, /health, /metrics).",
                "Without --input or --from it runs on simulated sessions. Prints the URL; Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.OptionalInput input;

    @Option(names = "--from", order = -95, paramLabel = "DIR",
            description = "A previous 'dashboard --out DIR' run: its report.json, predictions.csv and model, with "
                    + "the input file it names (read again for the sessions' facts; nothing is trained).")
    Path from;

    @Option(names = {"-m", "--model"}, order = -80, paramLabel = "FILE",
            description = "A saved model for /api/v1/score and /api/v1/events (default: the run's model).")
    Path model;

    @Mixin
    Options.CutoffOption cutoff;

    @Mixin
    Options.SeedOption seed;

    @Option(names = "--sessions", order = -40, paramLabel = "N", defaultValue = "20000",
            converter = Options.PositiveIntConverter.class,
            description = "How many sessions to simulate without --input. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--host", order = -30, paramLabel = "ADDRESS", defaultValue = PropensityServer.LOOPBACK,
            description = "Address to bind. Default: ${DEFAULT-VALUE}; any other address needs --token.")
    String host;

    @Option(names = "--port", order = -20, paramLabel = "PORT", defaultValue = "8080",
            description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--token", order = -10, paramLabel = "T",
            description = "Bearer token (16+ characters) that the page and the API then require.")
    String token;

    @Override
    public Integer call() throws Exception {
        if (from != null && input.input() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --input FILE or --from DIR, not both");
        }
        if (input.input() == null && input.format != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + input.format.name()
                    + " needs --input FILE");
        }
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be in 0-65535, was " + port);
        }
        PurchaseModel scoring = model == null ? null : PurchaseModels.load(model);
        Workers.Task<ServeData> load;
        if (from != null) {
            load = () -> SavedRun.read(from, scoring);
        } else {
            InputSource source = input.input() == null ? InputSource.simulated(sessions, seed.seed) : input.source();
            DashboardPipeline pipeline = DashboardPipeline.builder(source)
                    .cutoff(cutoff.cutoff)
                    .seed(seed.seed)
                    .readOptions(input.readOptions())
                    .progress(ConsoleProgress.forConsole(spec.commandLine().getErr()))
                    .build();
            load = () -> ServeData.of(pipeline.run());
        }
        // the rendering machinery warms up on a worker while the data loads (as for 'dashboard')
        Workers.Task<ServeData> warmUp = () -> {
            Dashboard.warmUp(Workers.callerOnly());
            return null;
        };
        ServeData data = Workers.defaults().run(List.of(load, warmUp)).get(0);
        PropensityServer.Builder b;
        try {
            b = PropensityServer.builder(data).host(host).port(port).token(token);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scoring != null) {
            b.live(LiveScorer.of(scoring));
        }
        PropensityServer server;
        try {
            server = b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (PropensityServer s = server.start()) {
            StringBuilder rounds = new StringBuilder();
            for (java.time.Duration d : s.warmUpRounds()) {
                rounds.append(rounds.length() == 0 ? "; rounds " : ", ").append(String.format(java.util.Locale.ROOT,
                        "%.2f s", d.toNanos() / 1e9));
            }
            spec.commandLine().getErr().println(String.format(java.util.Locale.ROOT, "propensity: drew %d slices "
                    + "in %.1f s before listening%s (so the first pages cost what later ones do)", s.warmUpSlices(),
                    s.warmUpTime().toNanos() / 1e9, rounds));
            spec.commandLine().getOut().println("Serving " + data.size() + " sessions at " + s.url()
                    + (token == null ? "" : " (bearer token required; open " + s.url() + "?token=... once)"));
            spec.commandLine().getOut().flush();
            // until the JVM stops (Ctrl-C), or the thread running the command in process is interrupted
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return PropensityCommand.OK;
    }
}
