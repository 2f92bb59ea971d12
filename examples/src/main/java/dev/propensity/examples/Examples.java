package dev.propensity.examples;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the example programs. */
final class Examples {
    private Examples() {
    }

    /**
     * Prepares an example program's console: turns Tribuo's INFO logging down to WARNING, as the command does,
     * and returns standard output as a UTF-8 writer that flushes on every line.
     */
    static PrintWriter stdout() {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PropensityCommand.quietLibraries(false);
        return w;
    }
}
