package dev.propensity.pipeline;

/**
 * Where a run says, as it happens, what a caller should know about its result: fewer folds than asked, no model
 * and why. The same remarks are in the report's notes; a command that prints the notes at the end needs no
 * warnings, a server may log them.
 */
@FunctionalInterface
public interface Warnings {

    /**
     * A remark, one line of plain text.
     *
     * @param message what happened, e.g. "only 2 purchasing and 238 other sessions: evaluated by cv:2 instead of
     *                cv:5"
     */
    void warn(String message);

    /**
     * Warnings that go nowhere.
     *
     * @return the silent warnings
     */
    static Warnings none() {
        return Quiet.INSTANCE;
    }
}
