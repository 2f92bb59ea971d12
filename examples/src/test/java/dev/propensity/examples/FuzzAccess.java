package dev.propensity.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What the fuzz targets in {@code dev.propensity.examples.fuzz} need of the command's package-private parts. */
public final class FuzzAccess {
    private FuzzAccess() {
    }

    /** The command line, its output discarded and its errors collected. */
    public static CommandLine commandLine(StringWriter err) {
        return PropensityCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    /** The exit code the command gives a usage error, checking that its message is one line. */
    public static int usageExit(CommandLine.ParameterException e, String[] args) {
        StringWriter err = new StringWriter();
        CommandLine.ParameterException onErr = new CommandLine.ParameterException(
                PropensityCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)),
                e.getMessage(), e);
        int code = Errors.handleParameterException(onErr, args);
        // with --debug the stack trace follows the one-line message, as documented; otherwise one line only
        String printed = java.util.Arrays.asList(args).contains("--debug")
                ? err.toString().strip().split("\n", 2)[0] : err.toString().strip();
        if (printed.contains("\n") || printed.isEmpty()) {
            throw new AssertionError("a usage error of more than one line: " + err);
        }
        return code;
    }
}
