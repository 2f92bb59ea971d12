package dev.propensity.spark;

import dev.propensity.core.io.InputException;
import dev.propensity.core.io.RejectReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Text inputs on any Hadoop {@link FileSystem} ({@code hdfs://}, {@code s3a://}, {@code file://}, ...): listing,
 * byte ranges cut at line ends, and the bytes of a range, all through Hadoop's FileSystem API.
 *
 * <p>The project's readers read local files, so an executor <em>stages</em> the range it reads: the bytes
 * {@code [from, to)} are read through the FileSystem API and written at the same offsets into a local sparse temporary
 * file (holes cost no disk), which the range reader reads exactly as it reads a local file; the file is deleted when the
 * read ends. Error messages name the URI, not the staged file.
 */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * The files of a location: itself, or a directory's visible files in name order (names starting with {@code .}
     * or {@code _} skipped, as Spark's own part files).
     *
     * @param conf     the Hadoop configuration
     * @param location a file or directory URI
     * @return the files
     * @throws IOException when listing fails
     */
    static List<FileStatus> files(Configuration conf, String location) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new InputException(location, 0, null, RejectReason.BAD_FILE, "no such file");
        }
        FileStatus status = fs.getFileStatus(p);
        if (!status.isDirectory()) {
            return List.of(status);
        }
        List<FileStatus> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(p)) {
            String name = s.getPath().getName();
            if (s.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(s -> s.getPath().getName()));
        if (out.isEmpty()) {
            throw new InputException(location, 0, null, RejectReason.BAD_FILE, "the directory holds no files");
        }
        return out;
    }

    /**
     * Byte ranges of a file, cut at line ends (the rule of {@link SparkEvents#ranges(long, long, SparkEvents.At)}).
     *
     * @param conf the Hadoop configuration
     * @param file the file
     * @param size the range size
     * @return {@code [from, to)} pairs
     * @throws IOException when reading fails
     */
    static List<long[]> ranges(Configuration conf, FileStatus file, long size) throws IOException {
        try (FSDataInputStream in = file.getPath().getFileSystem(conf).open(file.getPath())) {
            return SparkEvents.ranges(file.getLen(), size, (pos, buf) -> in.read(pos, buf.array(), 0, buf.capacity()));
        }
    }

    /**
     * Copies bytes {@code [from, to)} of a file into a new local temporary file, at the same offsets, named as the
     * file is (format detection reads the name). When {@code from > 0} the file's first {@code head} bytes (at
     * least the header; the reader checks them as one machine does: header, not binary) are copied too; the bytes
     * between are a hole.
     *
     * @param conf the Hadoop configuration
     * @param uri  the file
     * @param from the first byte
     * @param to   the end (clamped to the file's length)
     * @param head how many of the file's first bytes to copy as well (the reader's first buffer)
     * @return the local file; {@link #delete(Path)} it when done
     * @throws IOException when reading or writing fails
     */
    static Path stage(Configuration conf, String uri, long from, long to, int head) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        Path dir = Files.createTempDirectory("propensity-stage");
        Path local = dir.resolve(p.getName().isEmpty() ? "input" : p.getName());
        FileSystem fs = p.getFileSystem(conf);
        try (FSDataInputStream in = fs.open(p);
             FileChannel out = FileChannel.open(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[1 << 16];
            if (from > 0) {
                long header = SparkEvents.lineEnd((at, b) -> in.read(at, b.array(), 0, b.capacity()),
                        ByteBuffer.allocate(1 << 16), 0, fs.getFileStatus(p).getLen());
                copy(in, out, buf, 0, Math.min(Math.max(header, head), from));
            }
            copy(in, out, buf, from, to);
        } catch (IOException | RuntimeException e) {
            delete(local);
            throw e;
        }
        return local;
    }

    /** Copies bytes {@code [from, to)} (up to the end of the input) at the same offsets. */
    private static void copy(FSDataInputStream in, FileChannel out, byte[] buf, long from, long to)
            throws IOException {
        long pos = from;
        in.seek(from);
        while (pos < to) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, to - pos));
            if (n < 0) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                pos += out.write(b, pos);
            }
        }
    }

    /** Deletes a staged file and its folder ({@code null}: nothing to delete). */
    static void delete(Path local) {
        if (local == null) {
            return;
        }
        try {
            Files.deleteIfExists(local);
            Files.deleteIfExists(local.getParent());
        } catch (IOException ignored) {
            // a temporary file: the read's result does not depend on it
        }
    }

    /** The same error, naming the URI instead of the staged file. */
    static InputException named(InputException e, String uri) {
        InputException x = new InputException(uri, e.line(), e.column(), e.reason(), e.problem());
        x.setStackTrace(e.getStackTrace());
        return x;
    }
}
