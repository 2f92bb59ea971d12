package dev.propensity.examples;

import dev.propensity.pipeline.DashboardPipeline;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code propensity} command: {@code dashboard}, {@code features}, {@code simulate} and {@code score}.
 *
 * <p>Exit codes: 0 on success; 2 for bad input or bad usage, with one line on standard error naming the file,
 * the line and the problem; 1 for anything else (one line, and the stack trace with {@code --debug}).
 * Run it through {@code ./propensity} at the repository root, or in process with
 * {@link #execute(PrintWriter, PrintWriter, String...)}.
 */
@Command(name = "propensity",
        mixinStandardHelpOptions = true,
        versionProvider = PropensityCommand.Version.class,
        description = "Predicts whether e-commerce sessions end in a purchase, explains why, and draws the dashboard.",
        subcommands = {DashboardCommand.class, FeaturesCommand.class, SimulateCommand.class, ScoreCommand.class,
                ReplayCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 other errors "
                + "(rerun with --debug for the stack trace)."})
public final class PropensityCommand implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an unexpected failure. */
    public static final int FAILURE = 1;
    /** Exit code for bad input or bad usage. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean debug;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Let libraries (Tribuo) log at INFO.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Created by picocli. */
    public PropensityCommand() {
    }

    /** Without a subcommand: prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> backgroundFailure(t, e, System.err));
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * What the command does when a thread other than its own dies of an exception nobody caught (a JVM thread such
     * as Java2D's disposer, say): when the heap ran out, nothing, because the command's own thread reports that in
     * one line (exit code 1) and a second report would be a stack trace; anything else as the JVM would.
     *
     * @param t   the thread
     * @param e   what it died of
     * @param err where to report
     */
    static void backgroundFailure(Thread t, Throwable e, java.io.PrintStream err) {
        if (e instanceof OutOfMemoryError) {
            return;
        }
        err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(err);
    }

    /**
     * Runs the command in process, writing to the given streams, and returns its exit code (never exits the JVM).
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the command-line arguments
     * @return 0 on success, 2 for bad input or usage, 1 otherwise
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The configured picocli command line: error handlers that map exceptions to exit codes and one-line messages.
     *
     * @param out standard output
     * @param err standard error
     * @return the command line, ready to {@code execute}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PropensityCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parseResult -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            quietLibraries(verbose);
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                return Errors.handleOutOfMemory(e, cl, parseResult);
            }
        });
        cl.setParameterExceptionHandler(Errors::handleParameterException);
        cl.setExecutionExceptionHandler(Errors::handleExecutionException);
        return cl;
    }

    /**
     * Turns the {@code org.tribuo} and {@code com.oracle.labs.mlrg.olcut} java.util.logging loggers down to
     * WARNING (or back to INFO when {@code verbose}). The loggers are kept referenced so the level sticks.
     *
     * @param verbose whether to keep INFO logging
     */
    public static void quietLibraries(boolean verbose) {
        Level level = verbose ? Level.INFO : Level.WARNING;
        for (Logger l : Loggers.KEPT) {
            l.setLevel(level);
        }
    }

    /** Holds the library loggers so that their levels are not lost to garbage collection. */
    private static final class Loggers {
        static final Logger[] KEPT = {Logger.getLogger("org.tribuo"), Logger.getLogger("com.oracle.labs.mlrg.olcut")};
    }

    /** Reports the version from the jar manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"propensity " + DashboardPipeline.version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
