package dev.propensity.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks an input path before it is opened. The readers open a file more than once (format detection, then the
 * read; the fast REES46 path maps it), which a FIFO, a terminal or standard output ({@code /dev/stdin}) cannot
 * give: such inputs, and directories, are refused with one line naming the path, instead of a hang, a header
 * taken from mid-stream or an I/O error without a file name. Copy a stream to a file first.
 */
public final class InputPaths {
    private InputPaths() {
    }

    /**
     * Checks that an existing input is a regular file (links followed); a missing one is left to the open.
     *
     * @param path the input
     * @return the path
     * @throws InputException naming the path, when it is a directory, a FIFO, a device or a socket
     */
    public static Path requireRegularFile(Path path) {
        Objects.requireNonNull(path, "path");
        if (Files.isRegularFile(path) || !Files.exists(path)) {
            return path; // a missing file is reported by the open that follows, as "not found"
        }
        String problem;
        if (Files.isDirectory(path)) {
            problem = "is a directory; give a file";
        } else {
            problem = "is not a regular file (a pipe, FIFO, terminal or device, such as /dev/stdin); "
                    + "the input is read more than once, so copy the stream to a file first";
        }
        throw new InputException(path.toString(), 0, null, RejectReason.BAD_FILE, problem);
    }
}
