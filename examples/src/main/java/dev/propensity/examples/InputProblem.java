package dev.propensity.examples;

/**
 * Bad input or bad usage found by the command itself (an {@code --out} that is a directory where a file goes, an
 * input whose features do not fit the model to score it with). The command reports it
 * as one line on standard error with exit code 2.
 */
public final class InputProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A problem described by one line of text.
     *
     * @param message what is wrong, naming the file (and line) where there is one
     */
    public InputProblem(String message) {
        super(message);
    }

    /**
     * A problem with its cause.
     *
     * @param message what is wrong
     * @param cause   the underlying exception
     */
    public InputProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
