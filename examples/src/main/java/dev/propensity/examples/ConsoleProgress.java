package dev.propensity.examples;

import dev.propensity.pipeline.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows the current phase of a run, and its rows per second, on one line of standard error that it redraws, when
 * the JVM has a console (standard input and output on a terminal). The timings are the pipeline's own; this only
 * draws. Not thread-safe: one run, one thread reports.
 */
final class ConsoleProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private String phase;
    private long phaseStart;
    private long lastDraw;
    private boolean drawn;

    private ConsoleProgress(PrintWriter err) {
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Progress drawn on {@code err} when there is a console, none otherwise.
     *
     * @param err where to draw
     * @return the progress
     */
    static Progress forConsole(PrintWriter err) {
        return System.console() != null ? new ConsoleProgress(err) : Progress.none();
    }

    @Override
    public void phase(String name) {
        phase = Objects.requireNonNull(name, "name");
        phaseStart = System.nanoTime();
        lastDraw = 0;
        draw(phase + " ...");
    }

    @Override
    public void rows(long rows) {
        if (phase == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double s = (now - phaseStart) / 1e9;
        draw(String.format(Locale.ROOT, "%s: %,d rows, %,.0f rows/s", phase, rows, s > 0 ? rows / s : 0.0));
    }

    @Override
    public void end() {
        phase = null;
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    private void draw(String text) {
        err.print("\r\033[K" + text);
        err.flush();
        drawn = true;
    }
}
