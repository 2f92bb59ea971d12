package dev.propensity.examples;

import dev.propensity.core.io.InputException;
import dev.propensity.core.io.RejectReason;
import dev.propensity.model.ModelFileException;
import dev.propensity.pipeline.OutputLocationException;
import dev.propensity.pipeline.report.ReportFileException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Maps exceptions to the command's exit codes and one-line messages: bad input and bad usage give exit code 2,
 * anything else 1. Stack traces only with {@code --debug}.
 */
final class Errors {
    private Errors() {
    }

    /** Picocli could not parse the arguments: exit 2 with one line and a pointer to the help. */
    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String cmd = cl.getCommandSpec().qualifiedName();
        err.println(cmd + ": " + oneLine(ex.getMessage()) + " (see '" + cmd + " --help')");
        if (hasDebug(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return PropensityCommand.BAD_INPUT;
    }

    /** A subcommand threw: classify, print one line, return the exit code. */
    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        String cmd = cl.getCommandSpec().qualifiedName();
        boolean debug = hasDebug(parseResult.originalArgs().toArray(new String[0]));
        int code;
        String message;
        if (ex instanceof CommandLine.ParameterException) {
            code = PropensityCommand.BAD_INPUT;
            message = oneLine(ex.getMessage()) + " (see '" + cmd + " --help')";
        } else if (isInputProblem(ex)) {
            code = PropensityCommand.BAD_INPUT;
            message = describeInput(ex);
        } else {
            code = PropensityCommand.FAILURE;
            message = "error: " + describe(ex) + (debug ? "" : " (rerun with --debug for the stack trace)");
        }
        err.println(cmd + ": " + message);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Whether an exception (or what it wraps) is about the user's input rather than a bug. */
    static boolean isInputProblem(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof InputProblem || t instanceof FileNotFoundException || t instanceof NoSuchFileException
                || t instanceof AccessDeniedException || t instanceof CommandLine.ParameterException
                || t instanceof InputException || t instanceof ModelFileException
                || t instanceof OutputLocationException || t instanceof ReportFileException) {
            return true;
        }
        return false;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof CommandLine.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describeInput(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            String file = t instanceof FileSystemException ? ((FileSystemException) t).getFile() : t.getMessage();
            return "input file not found: " + file;
        }
        if (t instanceof AccessDeniedException) {
            return "cannot read " + ((AccessDeniedException) t).getFile() + ": permission denied";
        }
        if (t instanceof InputException ie && ie.reason() == RejectReason.LATE_EVENT) {
            // the reader's advice ends "... or raise the tolerance": say how, here
            return oneLine(t.getMessage()) + " with --out-of-order DURATION (or --lenient: late events counted, kept)";
        }
        return oneLine(t.getMessage());
    }

    private static String describe(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            return f.getFile() + ": " + (f.getReason() == null ? t.getClass().getSimpleName() : f.getReason());
        }
        String msg = t.getMessage();
        String name = t.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? name : name + ": " + oneLine(msg);
    }

    /** Collapses a message onto one line (first line plus a count of what was dropped). */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        if (nl < 0) {
            return m;
        }
        return m.substring(0, nl).strip() + " [...]";
    }

    private static boolean hasDebug(String[] args) {
        for (String a : args) {
            if ("--debug".equals(a.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
