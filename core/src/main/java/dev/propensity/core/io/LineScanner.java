package dev.propensity.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A byte-level scanner of CSV records (RFC 4180: comma separated, optional double quotes, {@code ""} escapes,
 * quoted commas and newlines) or of plain lines, over one large reusable buffer. It strips a UTF-8 byte order
 * mark, accepts LF and CRLF line endings and skips blank lines. Not public: readers build on it.
 */
final class LineScanner implements RawRow, Closeable {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private static final long QUOTES = 0x2222222222222222L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /** A mask with the high bit set in exactly the bytes of {@code x} that are zero. */
    private static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** Whether any of the eight bytes of {@code x} is zero (exact). */
    private static boolean hasZeroByte(long x) {
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    /** The longest record accepted, in bytes. */
    static final int MAX_RECORD = 64 << 20;

    private final InputStream in;
    private final boolean csv;
    private byte[] buf;
    private int limit;
    private boolean eof;
    private int pos;
    /** The line number of the next unread byte. */
    private long nextLine = 1;
    private boolean first = true;

    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] escaped = new boolean[32];
    private boolean anyEscaped;
    private int count;
    private long line;
    private String malformed;
    private int malformedField = -1;

    LineScanner(InputStream in, boolean csv, int bufferSize) {
        this.in = in;
        this.csv = csv;
        this.buf = new byte[bufferSize];
    }

    /** The first bytes of the file (reads them if needed), for sniffing binary data; at most {@code n}. */
    int peek(byte[] dst) throws IOException {
        while (!eof && limit < Math.min(dst.length, buf.length)) {
            fill();
        }
        int n = Math.min(dst.length, limit);
        System.arraycopy(buf, 0, dst, 0, n);
        return n;
    }

    /**
     * Moves to the next non-blank record.
     *
     * @return false at the end of input
     */
    boolean next() throws IOException {
        if (first) {
            first = false;
            while (!eof && limit < 3) {
                fill();
            }
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            int r = scan();
            if (r < 0) {
                return false;
            }
            if (r > 0) {
                if (anyEscaped) {
                    unescape();
                }
                return true;
            }
        }
    }

    /** Scans one record from pos: 1 = a record, 0 = a blank line, -1 = end of input. */
    private int scan() throws IOException {
        restart:
        while (true) {
            int p = pos;
            int recordStart = p;
            long lines = nextLine;
            count = 0;
            anyEscaped = false;
            malformed = null;
            malformedField = -1;
            int fieldStart = p;
            final byte[] b = buf;
            final int lim = limit;
            if (p >= lim) {
                if (eof) {
                    return -1;
                }
                compactAndFill(recordStart);
                continue;
            }
            if (!csv) {
                while (p + 8 <= lim) {
                    long w = (long) LONGS.get(b, p);
                    if (hasZeroByte(w ^ NEWLINES) || hasZeroByte(w)) {
                        break;
                    }
                    p += 8;
                }
                while (p < lim && b[p] != '\n') {
                    if (b[p] == 0 && malformed == null) {
                        malformed = "binary data (a NUL byte)";
                    }
                    p++;
                }
                if (p == lim && !eof) {
                    compactAndFill(recordStart);
                    continue;
                }
                int e = p;
                if (e > recordStart && b[e - 1] == '\r') {
                    e--;
                }
                line = lines;
                nextLine = lines + 1;
                pos = p < lim ? p + 1 : p;
                if (e == recordStart) {
                    return 0;
                }
                add(recordStart, e);
                return 1;
            }
            // fast path: a record without quotes or NUL bytes whose newline is in the buffer, found and split
            // eight bytes at a time
            int nl = p;
            long hit = 0;
            while (nl + 8 <= lim) {
                long w = (long) LONGS.get(b, nl);
                hit = zeroBytes(w ^ NEWLINES) | zeroBytes(w ^ QUOTES) | zeroBytes(w);
                if (hit != 0) {
                    nl += Long.numberOfTrailingZeros(hit) >>> 3;
                    break;
                }
                nl += 8;
            }
            if (hit != 0 && b[nl] == '\n') {
                int fs = p;
                int k = p;
                while (k + 8 <= nl) {
                    long m = zeroBytes((long) LONGS.get(b, k) ^ COMMAS);
                    while (m != 0) {
                        int at = k + (Long.numberOfTrailingZeros(m) >>> 3);
                        add(fs, at);
                        fs = at + 1;
                        m &= m - 1;
                    }
                    k += 8;
                }
                for (; k < nl; k++) {
                    if (b[k] == ',') {
                        add(fs, k);
                        fs = k + 1;
                    }
                }
                int e = nl;
                if (e > fs && b[e - 1] == '\r') {
                    e--;
                }
                add(fs, e);
                line = lines;
                nextLine = lines + 1;
                pos = nl + 1;
                return (count == 1 && e == recordStart) ? 0 : 1;
            }
            while (true) {
                if (p >= lim) {
                    if (!eof) {
                        compactAndFill(recordStart);
                        continue restart;
                    }
                    // last record without a newline
                    int e = p;
                    if (e > fieldStart && b[e - 1] == '\r') {
                        e--;
                    }
                    add(fieldStart, e);
                    line = lines;
                    nextLine = lines + 1;
                    pos = p;
                    return (count == 1 && e == recordStart) ? 0 : 1;
                }
                byte c = b[p];
                if (c == ',') {
                    add(fieldStart, p);
                    p++;
                    fieldStart = p;
                } else if (c == '\n') {
                    int e = p;
                    if (e > fieldStart && b[e - 1] == '\r') {
                        e--;
                    }
                    add(fieldStart, e);
                    line = lines;
                    nextLine = lines + 1;
                    pos = p + 1;
                    return (count == 1 && e == recordStart) ? 0 : 1;
                } else if (c == '"' && p == fieldStart) {
                    // quoted field
                    int q = p + 1;
                    boolean escapes = false;
                    long extraLines = 0;
                    int close = -1;
                    while (q < lim) {
                        byte d = b[q];
                        if (d == '"') {
                            if (q + 1 >= lim && !eof) {
                                break; // need more data to know
                            }
                            if (q + 1 < lim && b[q + 1] == '"') {
                                escapes = true;
                                q += 2;
                                continue;
                            }
                            close = q;
                            break;
                        }
                        if (d == '\n') {
                            extraLines++;
                        }
                        q++;
                    }
                    if (close < 0) {
                        if (!eof) {
                            compactAndFill(recordStart);
                            continue restart;
                        }
                        line = lines;
                        nextLine = lines + extraLines + 1;
                        pos = lim;
                        count = 0;
                        add(recordStart, lim);
                        malformed = "a quoted field is not closed before the end of the file";
                        malformedField = 0;
                        return 1;
                    }
                    lines += extraLines;
                    int after = close + 1;
                    if (after < lim && b[after] != ',' && b[after] != '\n' && b[after] != '\r') {
                        if (malformed == null) {
                            malformed = "text after a closing quote";
                            malformedField = count;
                        }
                    }
                    add(p + 1, close);
                    if (escapes) {
                        escaped[count - 1] = true;
                        anyEscaped = true;
                    }
                    p = after;
                    if (p < lim && b[p] == ',') {
                        p++;
                        fieldStart = p;
                        if (p >= lim && !eof) {
                            // the record goes on after the buffer end
                            compactAndFill(recordStart);
                            continue restart;
                        }
                        if (p >= lim) {
                            add(p, p); // trailing empty field
                            line = lines;
                            nextLine = lines + 1;
                            pos = p;
                            return 1;
                        }
                        continue;
                    }
                    if (p < lim && b[p] == '\r' && p + 1 < lim && b[p + 1] == '\n') {
                        p++;
                    }
                    if (p >= lim) {
                        if (!eof) {
                            compactAndFill(recordStart);
                            continue restart;
                        }
                        line = lines;
                        nextLine = lines + 1;
                        pos = p;
                        return 1;
                    }
                    if (b[p] == '\n') {
                        line = lines;
                        nextLine = lines + 1;
                        pos = p + 1;
                        return 1;
                    }
                    // text after the closing quote: skip to the next comma or newline
                    while (p < lim && b[p] != ',' && b[p] != '\n') {
                        p++;
                    }
                    if (p < lim && b[p] == ',') {
                        p++;
                    }
                    fieldStart = p;
                } else {
                    if (c == 0 && malformed == null) {
                        malformed = "binary data (a NUL byte)";
                        malformedField = count;
                    }
                    p++;
                    // skip ordinary bytes eight at a time (a quote is ordinary here: not at a field start)
                    while (p + 8 <= lim) {
                        long w = (long) LONGS.get(b, p);
                        if (hasZeroByte(w ^ COMMAS) || hasZeroByte(w ^ NEWLINES) || hasZeroByte(w)) {
                            break;
                        }
                        p += 8;
                    }
                }
            }
        }
    }

    /** Resolves {@code ""} escapes in place, once the whole record is in the buffer. */
    private void unescape() {
        byte[] b = buf;
        for (int i = 0; i < count; i++) {
            if (escaped[i]) {
                int w = starts[i];
                for (int r = starts[i]; r < ends[i]; r++) {
                    b[w++] = b[r];
                    if (b[r] == '"') {
                        r++;
                    }
                }
                ends[i] = w;
                escaped[i] = false;
            }
        }
        anyEscaped = false;
    }

    private void add(int s, int e) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            escaped = Arrays.copyOf(escaped, count * 2);
        }
        escaped[count] = false;
        starts[count] = s;
        ends[count] = e;
        count++;
    }

    private void compactAndFill(int recordStart) throws IOException {
        int keep = limit - recordStart;
        if (recordStart > 0) {
            System.arraycopy(buf, recordStart, buf, 0, keep);
        } else if (keep == buf.length) {
            if (buf.length >= MAX_RECORD) {
                throw new RecordTooLong(nextLine);
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_RECORD, buf.length * 2));
        }
        limit = keep;
        pos = 0;
        fill();
    }

    private void fill() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Whether the current record is structurally broken; see {@link #malformedProblem()}. */
    boolean malformed() {
        return malformed != null;
    }

    /** What is structurally wrong with the current record, or {@code null}. */
    String malformedProblem() {
        return malformed;
    }

    /** The 0-based field where the structural problem is, or -1 when unknown. */
    int malformedField() {
        return malformedField;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public int fieldCount() {
        return count;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int start(int i) {
        return starts[i];
    }

    @Override
    public int end(int i) {
        return ends[i];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Thrown when one record exceeds {@link #MAX_RECORD}. */
    static final class RecordTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;

        RecordTooLong(long line) {
            super("line " + line + " is longer than " + (MAX_RECORD >> 20) + " MiB");
            this.line = line;
        }
    }
}
