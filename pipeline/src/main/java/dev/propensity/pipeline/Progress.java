package dev.propensity.pipeline;

/**
 * Where a run reports what it is doing: the phase that starts, and rows done within it, for a console line or a
 * progress bar. The pipeline times its phases itself (see the report's timings); an implementation only shows
 * them. Calls come from the thread that runs the pipeline, one at a time.
 *
 * <p>Phases of a dashboard run, in order: {@code read} and {@code features} (or {@code read + features} when a
 * file is read straight into feature rows), {@code evaluate}, {@code metrics}, then, when the outputs are written,
 * {@code render} and {@code write}.
 */
public interface Progress {

    /**
     * A phase starts (the previous one, if any, has ended).
     *
     * @param name the phase's name, e.g. {@code read}
     */
    void phase(String name);

    /**
     * Rows done so far in the current phase (called every thousand rows or so, where rows are counted).
     *
     * @param rows the rows done, at least 1
     */
    void rows(long rows);

    /** The current phase has ended. */
    void end();

    /**
     * Progress that shows nothing.
     *
     * @return the silent progress
     */
    static Progress none() {
        return Quiet.INSTANCE;
    }
}
