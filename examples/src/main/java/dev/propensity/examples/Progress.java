package dev.propensity.examples;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Times the phases of a run and, on a terminal, shows the current phase and its rows per second on standard
 * error. Quiet when not on a terminal (or when made with {@link #silent()}); the timings are kept either way.
 *
 * <p>Not thread-safe: one run, one thread reports.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private String phase;
    private long phaseStart;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /**
     * Progress that draws on {@code err} when the JVM has a console (standard input and output on a terminal),
     * and is silent otherwise.
     *
     * @param err where to draw
     * @return the progress
     */
    public static Progress forConsole(PrintWriter err) {
        return new Progress(System.console() != null ? Objects.requireNonNull(err, "err") : null);
    }

    /** Progress that only keeps timings. */
    public static Progress silent() {
        return new Progress(null);
    }

    /**
     * Starts a phase (ending the current one).
     *
     * @param name the phase name, such as {@code read} or {@code train}
     */
    public void start(String name) {
        end();
        phase = Objects.requireNonNull(name, "name");
        phaseStart = System.nanoTime();
        lastDraw = 0;
        if (err != null) {
            draw(phase + " ...");
        }
    }

    /**
     * Reports how many rows the current phase has done; redraws at most four times a second.
     *
     * @param rows rows done so far in this phase
     */
    public void rows(long rows) {
        if (err == null || phase == null) {
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

    /** Ends the current phase, if any, and records its time (added to any earlier time under the same name). */
    public void end() {
        if (phase == null) {
            return;
        }
        double s = (System.nanoTime() - phaseStart) / 1e9;
        seconds.merge(phase, s, Double::sum);
        phase = null;
        if (err != null && drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** Seconds spent per phase, in the order the phases first ran. */
    public Map<String, Double> seconds() {
        return new LinkedHashMap<>(seconds);
    }

    private void draw(String text) {
        err.print("\r\033[K" + text);
        err.flush();
        drawn = true;
    }
}
