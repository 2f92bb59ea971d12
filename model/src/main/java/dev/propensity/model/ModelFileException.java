package dev.propensity.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as a saved model: not a model file at all, truncated or damaged, or written by a
 * newer format version than this library reads. The message names the file and the problem.
 */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file. */
    private final transient Path file;

    /**
     * An exception about a file.
     *
     * @param file    the file
     * @param problem what is wrong, completing "FILE: ..."
     * @param cause   the underlying error, or {@code null}
     */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
