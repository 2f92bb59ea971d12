package dev.propensity.core.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An output the program refuses to write: it would replace the input, write through a symbolic link, replace a
 * directory, or fill a non-empty folder that another program made. The message names the path and the reason;
 * the command reports it as bad usage (exit code 2).
 */
public final class OutputRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The path. */
    private final transient Path path;

    /**
     * An exception about a path.
     *
     * @param path   the output path refused
     * @param reason why, completing "PATH: ..."
     */
    public OutputRefusedException(Path path, String reason) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(reason, "reason"));
        this.path = path;
    }

    /** The output path refused. */
    public Path path() {
        return path;
    }
}
