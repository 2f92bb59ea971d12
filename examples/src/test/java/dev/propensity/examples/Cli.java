package dev.propensity.examples;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in process with captured output. */
final class Cli {
    private Cli() {
    }

    /** The outcome of one run. */
    record Result(int exit, String out, String err) {
        /** The non-blank lines of standard error. */
        long errLines() {
            return err.lines().filter(l -> !l.isBlank()).count();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code propensity args...}. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PropensityCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
