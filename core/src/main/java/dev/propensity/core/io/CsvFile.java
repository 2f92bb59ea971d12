package dev.propensity.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The shared part of the delimited-text readers: opening, sniffing binary data, the header, structural checks and
 * the strict/lenient handling of bad rows.
 */
abstract class CsvFile implements Closeable {
    final String file;
    final LineScanner sc;
    final ReadReport report;
    final boolean lenient;
    String[] header;

    CsvFile(Path path, ReadOptions options, boolean csv) throws IOException {
        this(path, options, csv, 0, Long.MAX_VALUE);
    }

    /**
     * Opens the bytes {@code [from, to)} of a file (for reading one file on several threads).
     *
     * @param from 0, or the first byte of a line
     * @param to   the end of a line, or {@link Long#MAX_VALUE} for the end of the file
     */
    CsvFile(Path path, ReadOptions options, boolean csv, long from, long to) throws IOException {
        this.file = path.toString();
        this.report = new ReadReport(file);
        this.lenient = options.lenient();
        InputStream in;
        try {
            in = from == 0 && to == Long.MAX_VALUE ? Files.newInputStream(path) : range(path, from, to);
        } catch (NoSuchFileException e) {
            throw new InputException(file, 0, null, RejectReason.BAD_FILE, "no such file");
        }
        this.sc = new LineScanner(in, csv, options.bufferSize());
        byte[] head = new byte[8192];
        int n;
        try {
            n = sc.peek(head);
        } catch (IOException e) {
            sc.close();
            throw e;
        }
        String binary = Bytes.binaryProblem(head, n);
        if (binary != null) {
            sc.close();
            throw new InputException(file, 0, null, RejectReason.BAD_FILE, binary);
        }
    }

    /** A stream of the bytes {@code [from, to)} of a file. */
    private static InputStream range(Path path, long from, long to) throws IOException {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a byte range needs 0 <= from <= to, was [" + from + ", " + to + ")");
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        ch.position(from);
        InputStream all = Channels.newInputStream(ch);
        return new InputStream() {
            private long left = to - from;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = all.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = all.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                all.close();
            }
        };
    }

    /**
     * Reads the header line.
     *
     * @param expected what a header of this format looks like, for the message on an empty file
     */
    final String[] readHeader(String expected) throws IOException {
        if (!next()) {
            throw new InputException(file, 0, null, RejectReason.BAD_FILE,
                    "the file is empty; expected a header line: " + expected);
        }
        if (sc.malformed()) {
            throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE,
                    "bad header: " + sc.malformedProblem());
        }
        String[] h = new String[sc.fieldCount()];
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < h.length; i++) {
            h[i] = sc.string(i).trim();
            // columns are found by name, ignoring case: a repeated name would silently pick the first
            Integer was = seen.put(h[i].toLowerCase(java.util.Locale.ROOT), i);
            if (was != null && !h[i].isEmpty()) {
                throw new InputException(file, sc.line(), h[i], RejectReason.BAD_FILE, "the header names column '"
                        + h[i] + "' twice (columns " + (was + 1) + " and " + (i + 1) + "); which one is meant "
                        + "is ambiguous");
            }
        }
        header = h;
        return h;
    }

    private boolean next() throws IOException {
        try {
            return sc.next();
        } catch (LineScanner.RecordTooLong e) {
            throw new InputException(file, e.line, null, RejectReason.MALFORMED, e.getMessage().substring(
                    e.getMessage().indexOf(" is ") + 1).trim());
        }
    }

    /**
     * Reads the header line and requires it to be exactly {@code names}; closes the file and rethrows when it is
     * not (for constructors, whose callers never get the reader to close).
     */
    final void expectHeaderOrClose(String... names) throws IOException {
        try {
            readHeader(String.join(",", names));
            requireHeader(names);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Throws when the header is not the expected one. */
    final void requireHeader(String... names) {
        boolean ok = header.length == names.length;
        for (int i = 0; ok && i < names.length; i++) {
            ok = header[i].equalsIgnoreCase(names[i]);
        }
        if (!ok) {
            throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE, "unexpected header "
                    + String.join(",", header) + "; expected " + String.join(",", names));
        }
    }

    /**
     * Moves to the next data row that is structurally sound and has as many fields as the header; bad rows are
     * thrown (strict) or counted (lenient).
     *
     * @return false at the end of the file
     */
    final boolean nextRow() throws IOException {
        while (next()) {
            report.row();
            if (sc.malformed()) {
                int f = sc.malformedField();
                String col = f >= 0 && f < header.length ? header[f] : null;
                reject(new RowError(RejectReason.MALFORMED, col, sc.malformedProblem()));
                continue;
            }
            if (sc.fieldCount() != header.length) {
                reject(new RowError(RejectReason.WRONG_COLUMN_COUNT, null, "expected " + header.length
                        + " fields (" + String.join(",", header) + "), found " + sc.fieldCount()));
                continue;
            }
            return true;
        }
        return false;
    }

    /**
     * Moves to the next non-blank line of a line-based file (JSON lines), rejecting lines with binary data.
     *
     * @return false at the end of the file
     */
    final boolean nextLine() throws IOException {
        while (next()) {
            report.row();
            if (sc.malformed()) {
                reject(new RowError(RejectReason.MALFORMED, null, sc.malformedProblem()));
                continue;
            }
            return true;
        }
        return false;
    }

    /** Whether the first non-blank byte of the file is an opening brace (JSON lines rather than CSV). */
    static boolean looksLikeJson(byte[] head, int n) {
        int i = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        return i < n && head[i] == '{';
    }

    /** Handles a bad row: throws in strict mode, counts it in lenient mode. */
    final void reject(RowError e) {
        InputException ie = e.at(file, sc.line());
        if (!lenient) {
            throw ie;
        }
        report.reject(ie);
    }

    /** The index of a header column, or -1. */
    final int column(String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        sc.close();
    }
}
