package dev.propensity.examples;

import dev.propensity.core.io.InputException;
import dev.propensity.core.io.OutputRefusedException;
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

    /**
     * The heap ran out: one line naming the heap's size and how to give more, exit code 1 (the stack trace with
     * {@code --debug}). Files already written stay as they were: outputs are renamed into place only when whole.
     */
    static int handleOutOfMemory(OutOfMemoryError e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        String cmd = last.commandSpec().qualifiedName();
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        long suggest = Math.max(2048, 2 * heapMb);
        err.println(cmd + ": out of memory: the Java heap (" + heapMb + " MB) is too small for this input; run again"
                + " with more, e.g. JAVA_OPTS=-Xmx" + suggest + "m ./propensity ...");
        if (hasDebug(parseResult.originalArgs().toArray(new String[0]))) {
            e.printStackTrace(err);
        }
        err.flush();
        return PropensityCommand.FAILURE;
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
                || t instanceof OutputLocationException || t instanceof ReportFileException
                || t instanceof OutputRefusedException) {
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

    /** The longest run of non-blank characters shown whole in an error line; longer runs are cut. */
    static final int MAX_WORD = 120;

    /**
     * Collapses a message onto one safe line: the first line plus a mark of what was dropped, control characters
     * (terminal escape sequences among them) shown as backslash-u escapes, and any run of more than {@link #MAX_WORD}
     * non-blank characters (a 10 MB session id, say) cut, with its length.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl).strip() + " [...]";
        return safe(line);
    }

    /** Escapes control characters and cuts over-long words. */
    static String safe(String line) {
        StringBuilder sb = new StringBuilder(Math.min(line.length(), 4096) + 16);
        int i = 0;
        int n = line.length();
        while (i < n) {
            int end = i;
            while (end < n && line.charAt(end) != ' ') {
                end++;
            }
            int len = end - i;
            if (len > MAX_WORD) {
                escape(sb, line, i, i + MAX_WORD / 2);
                sb.append("...(").append(len).append(" characters)");
            } else {
                escape(sb, line, i, end);
            }
            if (end < n) {
                sb.append(' ');
            }
            i = end + 1;
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }

    private static boolean hasDebug(String[] args) {
        for (String a : args) {
            if ("--debug".equals(a)) { // exactly the option: picocli's options are case-sensitive
                return true;
            }
        }
        return false;
    }
}
