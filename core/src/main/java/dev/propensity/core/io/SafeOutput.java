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
 * A target that is a directory is refused, and so is a target that is the same file as an input. A symbolic link
 * named as the target is followed to its file, which is replaced (the link stays); a device or pipe
 * ({@code /dev/null}) is written straight.
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
    /** The temporary file, or {@code null} when writing straight to a device or pipe. */
    private final Path temp;
    private final OutputStream stream;
    /** The name the temporary file is renamed to, in its folder (a link's target's name for a link). */
    private final String realName;
    private Writer writer;
    private boolean done;

    private SafeOutput(Path target, Path temp, OutputStream stream, String realName) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
        this.realName = realName;
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
        if (Files.isSymbolicLink(abs)) {
            // a link the user named (such as /dev/stdout) is followed; the link itself is never replaced. Inside a
            // dashboard folder, links are refused before anything is written (the pipeline's OutputFolder).
            if (!Files.exists(abs)) {
                throw new OutputRefusedException(target, "is a symbolic link to a missing file; refusing to follow it");
            }
            abs = abs.toRealPath();
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            // a device or pipe (/dev/null, a FIFO): written straight, as there is nothing to replace atomically
            return new SafeOutput(target, null, new BufferedOutputStream(Files.newOutputStream(abs), 1 << 16), null);
        }
        String name = abs.getFileName().toString();
        Path temp = tempBeside(abs);
        try {
            return new SafeOutput(target, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16),
                    name);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A new empty temporary file in the target's folder (made when missing), named {@code .NAME.*.tmp}, with the
     * permissions the target has, or {@code rw-r--r--} for a new file (a temporary file is otherwise private to its
     * owner, which the renamed output must not stay).
     *
     * @param target the file the temporary file will replace
     * @return the temporary file
     * @throws IOException when it cannot be made
     */
    public static Path tempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        Path temp = Files.createTempFile(dir, "." + (name.length() > 40 ? name.substring(0, 40) : name) + ".", ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.isRegularFile(abs) ? Files.getPosixFilePermissions(abs)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
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
            if (temp != null) {
                Path dest = temp.resolveSibling(realName);
                try {
                    Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            done = true;
        } finally {
            if (!done) {
                done = true;
                deleteTemp();
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
            deleteTemp();
        }
    }

    private void deleteTemp() throws IOException {
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
    }
}
