package dev.propensity.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * An output file written atomically: the bytes go to a temporary file in the target's own folder, which
 * {@link #commit()} renames onto the target. Until then the target keeps its earlier content; a run that fails
 * leaves it untouched and no partial file behind ({@link #close()} without commit deletes the temporary file).
 * The rename replaces a symbolic link at the target rather than writing through it; a target that is a directory
 * is refused, and so is a target that is the same file as an input.
 *
 * <pre>{@code
 * try (SafeOutput out = SafeOutput.create(Path.of("features.csv"), input)) {
 *     Writer w = out.writer();
 *     ...
 *     out.commit();
 * }
 * SafeOutput.write(Path.of("report.json"), bytes);   // the same, in one call
 * }</pre>
 */
public final class SafeOutput implements Closeable {
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private Writer writer;
    private boolean done;

    private SafeOutput(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    /**
     * Opens an atomic output: checks the target, makes its folder, creates the temporary file.
     *
     * @param target the file to write
     * @param inputs files that must not be overwritten (the run's inputs); {@code null} entries are ignored
     * @return the output, to be committed and closed
     * @throws OutputRefusedException when the target is a directory or the same file as an input
     * @throws IOException            when the folder or the temporary file cannot be made
     */
    public static SafeOutput create(Path target, Path... inputs) throws IOException {
        check(target, inputs);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        Path temp = Files.createTempFile(dir, "." + (name.length() > 40 ? name.substring(0, 40) : name) + ".", ".tmp");
        try {
            return new SafeOutput(target, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Checks that a target may be written, without writing: it is not a directory and not the same file as any
     * input (compared by file identity, so a hard link or another spelling of the input's path is caught).
     *
     * @param target the file to write
     * @param inputs the run's inputs; {@code null} entries are ignored
     * @return the target
     * @throws OutputRefusedException when the target may not be written
     */
    public static Path check(Path target, Path... inputs) {
        Objects.requireNonNull(target, "target");
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(target, "is a directory; an output file cannot replace it");
        }
        for (Path in : inputs) {
            if (in != null && sameFile(target, in)) {
                throw new OutputRefusedException(target, "is the input " + in + "; refusing to write over the input");
            }
        }
        return target;
    }

    /** Whether two paths name the same existing file (following links, as reading the input does). */
    static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a whole file atomically.
     *
     * @param target the file
     * @param bytes  its content
     * @param inputs files that must not be overwritten
     * @throws IOException when writing fails (the target is then unchanged)
     */
    public static void write(Path target, byte[] bytes, Path... inputs) throws IOException {
        try (SafeOutput out = create(target, inputs)) {
            out.stream().write(bytes);
            out.commit();
        }
    }

    /** The stream into the temporary file. */
    public OutputStream stream() {
        return stream;
    }

    /** A UTF-8 writer into the temporary file (the same one on every call). */
    public Writer writer() {
        if (writer == null) {
            writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        }
        return writer;
    }

    /** The file this output replaces when committed. */
    public Path target() {
        return target;
    }

    /**
     * Flushes and closes the temporary file and renames it onto the target (atomically where the file system
     * can; a symbolic link at the target is replaced, not followed).
     *
     * @throws IOException when the rename fails (the temporary file is then deleted)
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        try {
            if (writer != null) {
                writer.close();
            } else {
                stream.close();
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                done = true;
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Without a commit, discards the temporary file and leaves the target as it was. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            stream.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
