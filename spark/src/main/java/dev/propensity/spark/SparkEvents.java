package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.io.EventReader;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.Rees46Reader;
import dev.propensity.core.io.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads events into a Spark {@link Dataset} of event rows, with the project's own readers running inside the
 * executors, so that every row is parsed, checked and rejected by exactly the rules of the single-machine read.
 *
 * <ul>
 *   <li><b>REES46 CSV</b>: each file is cut into byte ranges at line ends, one task per range, each read by
 *       {@link Rees46Reader#openRange}.</li>
 *   <li><b>Generic mapped CSV or JSON lines</b> ({@link InputFormat#EVENTS}) and <b>Retailrocket</b>: one task per
 *       file, read by the same reader as on one machine (a directory of part files reads in parallel).</li>
 *   <li><b>Parquet</b>: see {@link ParquetEvents}.</li>
 * </ul>
 *
 * <p>The files must be readable at the same path by the driver and every executor (a local path in local mode, a
 * shared mount on a cluster). A bad row fails the job with the single machine's {@link InputException}: the file,
 * the line and the problem (for a REES46 range after the first, the driver finds the line by reading the file
 * up to the bad row, so the message is the one the single-machine read gives).
 */
final class SparkEvents {
    /** Input positions: the split's index in the high bits, the row's index in the split in the low 40 bits. */
    static final int SEQ_SHIFT = 40;

    private SparkEvents() {
    }

    /**
     * One piece of input a task reads.
     *
     * @param file   the file
     * @param format its format
     * @param from   the first byte (0: the whole file from its header)
     * @param to     the end ({@link Long#MAX_VALUE}: the file's end)
     * @param index  the split's position in the input, for the rows' {@code seq}
     */
    record Split(String file, InputFormat format, long from, long to, int index) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The events of a file or of a directory of files (read in name order, hidden files skipped).
     *
     * @param spark     the session
     * @param input     a file or a directory
     * @param format    the format, or {@code null} to detect it per file
     * @param options   strict or lenient, mapping (lenient: bad rows are skipped)
     * @param rangeSize REES46 range size in bytes (positive)
     * @return the event rows ({@link EventRows#SCHEMA})
     * @throws IOException when the input cannot be listed or its format detected
     */
    static Dataset<Row> read(SparkSession spark, Path input, InputFormat format, ReadOptions options, long rangeSize)
            throws IOException {
        Objects.requireNonNull(spark, "spark");
        List<Path> files = files(input);
        List<Split> splits = new ArrayList<>();
        for (Path f : files) {
            InputFormat fmt = format != null ? format : InputFormat.detect(f);
            if (fmt == InputFormat.UCI || fmt == InputFormat.OTTO) {
                throw new InputException(f.toString(), 0, null, RejectReason.BAD_FILE, "the " + fmt.name()
                        .toLowerCase(Locale.ROOT) + " format is not an event log; the spark engine reads rees46,"
                        + " retailrocket, events (CSV or JSON lines) and Parquet event files");
            }
            if (fmt == InputFormat.REES46) {
                // the header is checked here, on the driver, before any task starts
                Rees46Reader.open(f, options).close();
                for (long[] r : ranges(f, rangeSize)) {
                    splits.add(new Split(f.toString(), fmt, r[0], r[1], splits.size()));
                }
            } else {
                Inputs.events(f, fmt, options).close();
                splits.add(new Split(f.toString(), fmt, 0, Long.MAX_VALUE, splits.size()));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(
                jsc.parallelize(splits, Math.max(1, splits.size())).flatMap(new ReadSplit(options)), EventRows.SCHEMA);
    }

    /**
     * The events of a file or directory on a Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code file://},
     * ...): listed, checked and cut into ranges on the driver through Hadoop's FileSystem API, each range read in an
     * executor through the same API (see {@link HadoopFiles}) by the project's readers.
     *
     * @param spark     the session (its Hadoop configuration is the file systems')
     * @param location  a file or directory URI
     * @param format    the format, or {@code null} to detect it per file
     * @param options   strict or lenient, mapping
     * @param rangeSize REES46 range size in bytes (positive)
     * @return the event rows ({@link EventRows#SCHEMA})
     * @throws IOException when the input cannot be listed or read
     */
    static Dataset<Row> read(SparkSession spark, String location, InputFormat format, ReadOptions options,
                             long rangeSize) throws IOException {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Split> splits = new ArrayList<>();
        List<org.apache.hadoop.fs.FileStatus> listed = HadoopFiles.files(conf, location);
        boolean single = listed.size() == 1 && !listed.get(0).getPath().getName().isEmpty()
                && location.endsWith(listed.get(0).getPath().getName());
        for (org.apache.hadoop.fs.FileStatus f : listed) {
            // messages name the file as it was given (a directory's files: the directory's URI and the name)
            String uri = single ? location
                    : location.replaceAll("/+$", "") + "/" + f.getPath().getName();
            InputFormat fmt = checkedFormat(conf, uri, f.getLen(), format, options);
            if (fmt == InputFormat.UCI || fmt == InputFormat.OTTO) {
                throw new InputException(uri, 0, null, RejectReason.BAD_FILE, "the " + fmt.name()
                        .toLowerCase(Locale.ROOT) + " format is not an event log; the spark engine reads rees46,"
                        + " retailrocket, events (CSV or JSON lines) and Parquet event files");
            }
            if (fmt == InputFormat.REES46) {
                for (long[] r : HadoopFiles.ranges(conf, f, rangeSize)) {
                    splits.add(new Split(uri, fmt, r[0], r[1], splits.size()));
                }
            } else {
                splits.add(new Split(uri, fmt, 0, f.getLen(), splits.size()));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(splits, Math.max(1, splits.size()))
                .flatMap(new ReadSplit(options, new org.apache.spark.util.SerializableConfiguration(conf))),
                EventRows.SCHEMA);
    }

    /**
     * The format of a file on a Hadoop file system, detected (unless given) and checked by the single machine's code
     * on the file's head, staged locally.
     *
     * @param conf    the Hadoop configuration
     * @param uri     the file
     * @param length  its length in bytes
     * @param format  the format, or {@code null} to detect it
     * @param options the read options (the head's size, strictness)
     * @return the format
     * @throws IOException when reading fails
     * @throws InputException naming the URI, when the head is not a valid input
     */
    static InputFormat checkedFormat(org.apache.hadoop.conf.Configuration conf, String uri, long length,
                                     InputFormat format, ReadOptions options) throws IOException {
        Path head = HadoopFiles.stage(conf, uri, 0, Math.min(length, options.bufferSize()), 0);
        try {
            InputFormat fmt = format != null ? format : InputFormat.detect(head);
            if (fmt == InputFormat.REES46) {
                Rees46Reader.open(head, options).close();
            }
            return fmt;
        } catch (InputException e) {
            throw HadoopFiles.named(e, uri);
        } finally {
            HadoopFiles.delete(head);
        }
    }

    /** The files of an input: itself, or a directory's visible regular files in name order. */
    static List<Path> files(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!Files.exists(input)) {
                throw new InputException(input.toString(), 0, null, RejectReason.BAD_FILE, "no such file");
            }
            return List.of(input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(input)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .sorted().forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new InputException(input.toString(), 0, null, RejectReason.BAD_FILE, "the directory holds no files");
        }
        return out;
    }

    /**
     * Byte ranges of about {@code size} bytes that end at line ends; the first starts at 0 (the header).
     *
     * @param file the file
     * @param size the range size, positive
     * @return {@code [from, to)} pairs covering the file
     * @throws IOException when it cannot be read
     */
    static List<long[]> ranges(Path file, long size) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            return ranges(Files.size(file), size, (pos, buf) -> ch.read(buf, pos));
        }
    }

    /** Reads bytes at a position into a buffer (a local file's channel, a Hadoop stream). */
    interface At {
        /**
         * Reads from {@code pos} into {@code buf} (cleared, its array filled from 0).
         *
         * @return the bytes read, or {@code -1} at the end
         */
        int read(long pos, java.nio.ByteBuffer buf) throws IOException;
    }

    /**
     * Byte ranges of about {@code size} bytes that end at line ends; the first starts at 0 (the header).
     *
     * @param length the file's length
     * @param size   the range size, positive
     * @param at     reads the file's bytes
     * @return {@code [from, to)} pairs covering the file
     * @throws IOException when it cannot be read
     */
    static List<long[]> ranges(long length, long size, At at) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("range size must be >= 1 byte, was " + size);
        }
        List<long[]> out = new ArrayList<>();
        long from = 0;
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
        while (from < length) {
            long to = from + size;
            if (to >= length) {
                to = length;
            } else {
                to = lineEnd(at, buf, to, length);
            }
            out.add(new long[]{from, to});
            from = to;
        }
        if (out.isEmpty()) {
            out.add(new long[]{0, length});
        }
        return out;
    }

    /** The position after the first newline at or after {@code pos} (or the file's length). */
    static long lineEnd(At at, java.nio.ByteBuffer buf, long pos, long length) throws IOException {
        long p = pos;
        while (p < length) {
            buf.clear();
            int n = at.read(p, buf);
            if (n <= 0) {
                return length;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return length;
    }

    /**
     * A strict REES46 read failed in a range after the first: the range reader counts lines from the range's
     * start, so the driver reads the file from the top up to the bad row and throws the single machine's error.
     *
     * @param file    the file
     * @param options the read options
     * @param fromRange the range's error, thrown when the file reads clean (it cannot, but never hide an error)
     * @return never returns normally
     * @throws IOException when the file cannot be read
     */
    static RuntimeException locate(String file, ReadOptions options, InputException fromRange) throws IOException {
        if (!Locations.isUri(file)) {
            return locate(Path.of(file), options, fromRange);
        }
        org.apache.hadoop.conf.Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
        Path staged = HadoopFiles.stage(conf, file, 0, Long.MAX_VALUE, 0);
        try {
            return locate(staged, options, fromRange);
        } catch (InputException e) {
            return HadoopFiles.named(e, file);
        } finally {
            HadoopFiles.delete(staged);
        }
    }

    /** {@link #locate(String, ReadOptions, InputException)} of a local file. */
    static RuntimeException locate(Path file, ReadOptions options, InputException fromRange) throws IOException {
        try (Rees46Reader r = Rees46Reader.open(file, options)) {
            while (r.next() != null) {
                // reads every row: a strict reader throws at the first bad one, with its line in the file
            }
        }
        return fromRange;
    }

    /** Reads one split on an executor: the project's reader, row by row, lazily. */
    static final class ReadSplit implements FlatMapFunction<Split, Row> {
        private static final long serialVersionUID = 1L;
        private final PortableOptions options;
        /** The Hadoop configuration of URI inputs, or {@code null} for local paths. */
        private final org.apache.spark.util.SerializableConfiguration hadoop;

        ReadSplit(ReadOptions options) {
            this(options, null);
        }

        ReadSplit(ReadOptions options, org.apache.spark.util.SerializableConfiguration hadoop) {
            this.options = PortableOptions.of(options);
            this.hadoop = hadoop;
        }

        @Override
        public Iterator<Row> call(Split split) throws IOException {
            ReadOptions options = this.options.readOptions();
            // a URI's range is staged locally through Hadoop's FileSystem API; a local path is read in place
            Path staged = hadoop == null ? null : HadoopFiles.stage(hadoop.value(), split.file(),
                    split.format() == InputFormat.REES46 ? split.from() : 0, split.to(), options.bufferSize());
            Path p = staged != null ? staged : Path.of(split.file());
            EventReader reader;
            try {
                if (split.format() == InputFormat.REES46) {
                    reader = Rees46Reader.openRange(p, options, split.from(),
                            split.to() == Long.MAX_VALUE ? Files.size(p) : split.to());
                } else {
                    reader = Inputs.events(p, split.format(), options);
                }
            } catch (InputException x) {
                HadoopFiles.delete(staged);
                throw staged == null ? x : HadoopFiles.named(x, split.file());
            } catch (IOException | RuntimeException x) {
                if (staged != null) {
                    HadoopFiles.delete(staged);
                }
                throw x;
            }
            long base = (long) split.index() << SEQ_SHIFT;
            boolean ranged = split.format() == InputFormat.REES46 && split.from() > 0;
            return new Iterator<>() {
                private Row next;
                private long i;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next == null && !done) {
                        try {
                            Event e = reader.next();
                            if (e == null) {
                                done = true;
                                reader.close();
                                unstage();
                            } else {
                                next = EventRows.row(base + i++, e, reader.attributes());
                            }
                        } catch (InputException x) {
                            closeQuietly();
                            InputException named = staged == null ? x : HadoopFiles.named(x, split.file());
                            throw ranged ? new RangeInputException(split, named) : named;
                        } catch (IOException x) {
                            closeQuietly();
                            throw new UncheckedIOException(x);
                        }
                    }
                    return next != null;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Row r = next;
                    next = null;
                    return r;
                }

                private void closeQuietly() {
                    done = true;
                    try {
                        reader.close();
                    } catch (IOException ignored) {
                        // the read's own error is the one to report
                    }
                    unstage();
                }

                private void unstage() {
                    if (staged != null) {
                        HadoopFiles.delete(staged);
                    }
                }
            };
        }
    }

    /** A bad row in a REES46 range after the first: its line number counts from the range's start. */
    static final class RangeInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String file;

        RangeInputException(Split split, InputException cause) {
            super(cause.getMessage() + " (line counted from byte " + split.from() + ")", cause);
            this.file = split.file();
        }

        String file() {
            return file;
        }
    }
}
