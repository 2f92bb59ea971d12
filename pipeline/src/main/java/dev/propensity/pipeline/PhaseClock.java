package dev.propensity.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Times the phases of a run and tells a {@link Progress} about them. Not thread-safe: one run, one thread.
 */
final class PhaseClock {
    private final Progress progress;
    private final Map<String, Double> seconds = new HashMap<>();
    private String phase;
    private long phaseStart;

    PhaseClock(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Starts a phase, ending the current one. */
    void start(String name) {
        end();
        phase = Objects.requireNonNull(name, "name");
        phaseStart = System.nanoTime();
        progress.phase(name);
    }

    /** Rows done in the current phase. */
    void rows(long rows) {
        progress.rows(rows);
    }

    /** Ends the current phase, if any, adding its time to any earlier time under the same name. */
    void end() {
        if (phase == null) {
            return;
        }
        seconds.merge(phase, (System.nanoTime() - phaseStart) / 1e9, Double::sum);
        phase = null;
        progress.end();
    }

    /** The seconds spent in a phase so far; 0 for a phase that never ran. */
    double seconds(String name) {
        return seconds.getOrDefault(name, 0.0);
    }
}
