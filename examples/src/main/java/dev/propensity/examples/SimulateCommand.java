package dev.propensity.examples;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code propensity simulate}: writes simulated sessions as an event log. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = PropensityCommand.Version.class,
        description = {"Writes simulated browsing sessions as an event log (seeded: the same seed gives the same file).",
                "events: time,type,... with page views, checkouts and session attributes; "
                        + "rees46: the REES46 columns (views, carts, removals and purchases only)."})
final class SimulateCommand implements Callable<Integer> {

    /** The event-log formats the simulator writes. */
    enum Format {
        /** The project's generic events CSV. */
        events,
        /** The REES46 columns. */
        rees46
    }

    /** The simulator profiles. */
    enum Profile {
        /** Calibrated to the UCI Online Shoppers table (15.5% conversion, long sessions). */
        uci,
        /** Calibrated to the REES46 log (1.5% conversion, about 3 events a session). */
        rees46
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--sessions"}, order = -110,
            paramLabel = "N", required = true, converter = Options.PositiveIntConverter.class,
            description = "How many sessions to simulate.")
    int sessions;

    @CommandLine.Mixin
    Options.SeedOption seed;

    @Option(names = {"-o", "--out"}, order = -30,
            paramLabel = "FILE", required = true, description = "The CSV file to write.")
    Path out;

    @Option(names = {"-f", "--format"}, order = -25,
            paramLabel = "FORMAT", defaultValue = "events",
            description = "events (default) or rees46.")
    Format format;

    @Option(names = "--profile", order = -24,
            paramLabel = "PROFILE", defaultValue = "uci",
            description = "uci (default: UCI-like sessions) or rees46 (short sessions, rare purchases).")
    Profile profile;

    @Override
    public Integer call() throws Exception {
        Outputs.file(out);
        SimulatorConfig config = profile == Profile.rees46 ? SimulatorConfig.rees46() : SimulatorConfig.defaults();
        SyntheticSessions.WriteSummary s = format == Format.rees46
                ? SyntheticSessions.writeRees46(out, sessions, seed.seed, config)
                : SyntheticSessions.writeEvents(out, sessions, seed.seed, config);
        spec.commandLine().getOut().printf(Locale.ROOT, "%,d sessions (%,d with a purchase), %,d events -> %s (%s)%n",
                s.sessions(), s.purchasedSessions(), s.events(), out, format);
        return PropensityCommand.OK;
    }
}
