package dev.propensity.pipeline;

import java.nio.file.Path;

/**
 * An output location that cannot be written: a file stands where the output folder, or one of its parents, must
 * go. Found before any work starts (see {@link OutputWriter#into(Path)}). The message names the location and what
 * is in the way.
 */
public final class OutputLocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The location asked for. */
    private final transient Path location;

    /**
     * An exception about a location.
     *
     * @param location the folder or file asked for
     * @param blocking the file that stands in the way
     */
    public OutputLocationException(Path location, Path blocking) {
        super("cannot write " + location + ": " + blocking + " is a file, not a directory");
        this.location = location;
    }

    /** The folder or file that could not be written. */
    public Path location() {
        return location;
    }
}
