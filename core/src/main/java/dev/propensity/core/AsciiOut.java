package dev.propensity.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast buffered writer of text, numbers and times to a byte stream, for large CSV outputs (the simulator's
 * events, the replay's scores): times are written from a cached day without formatter objects, and ASCII text
 * byte by byte. Not thread-safe; {@link #close()} flushes and closes the stream.
 *
 * <pre>{@code
 * try (AsciiOut out = AsciiOut.to(Files.newOutputStream(path))) {
 *     out.text("s-1").ascii(',').instant(event.epochMillis()).ascii(',').number(0.25).ascii('\n');
 * }
 * }</pre>
 */
public final class AsciiOut implements AutoCloseable {
    /** The epoch seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written as four digits. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_800L;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int n;
    private long written;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] dayText = new byte[10];

    private AsciiOut(OutputStream out) {
        this.out = out;
    }

    /**
     * A writer to a stream.
     *
     * @param out the stream, closed by {@link #close()}
     * @return the writer
     */
    public static AsciiOut to(OutputStream out) {
        return new AsciiOut(java.util.Objects.requireNonNull(out, "out"));
    }

    private void ensure(int k) throws IOException {
        if (n + k > buf.length) {
            flush();
        }
    }

    /**
     * Writes what is buffered to the stream (without flushing the stream).
     *
     * @throws IOException when writing fails
     */
    public void flush() throws IOException {
        out.write(buf, 0, n);
        written += n;
        n = 0;
    }

    /** The bytes written so far, buffered ones included. */
    long bytes() {
        return written + n;
    }

    /** Writes ASCII text (each char as one byte: the caller knows the text is ASCII). */
    AsciiOut ascii(String s) throws IOException {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[n++] = (byte) s.charAt(i);
        }
        return this;
    }

    /**
     * Writes one ASCII character.
     *
     * @param c the character, below 128
     * @return this writer
     * @throws IOException when writing fails
     */
    public AsciiOut ascii(char c) throws IOException {
        ensure(1);
        buf[n++] = (byte) c;
        return this;
    }

    /**
     * Writes text in UTF-8 (byte by byte while it is ASCII).
     *
     * @param s the text
     * @return this writer
     * @throws IOException when writing fails
     */
    public AsciiOut text(CharSequence s) throws IOException {
        int len = s.length();
        ensure(len);
        int start = n;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n = start;
                return bytes(s.toString().getBytes(StandardCharsets.UTF_8));
            }
            buf[n++] = (byte) c;
        }
        return this;
    }

    /**
     * Writes a whole number in decimal.
     *
     * @param v the number
     * @return this writer
     * @throws IOException when writing fails
     */
    public AsciiOut number(long v) throws IOException {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            ascii('-');
            v = -v;
        }
        ensure(19);
        int digits = 1;
        for (long p = 10; p <= v && digits < 19; p *= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
        return this;
    }

    /**
     * Writes a number as {@link Double#toString(double)} lays it out, with the shortest digits that read back as the
     * same number (those of {@code Double.toString} from Java 19 on; Java 17's differs only for the rare numbers it
     * writes with more digits than needed). It allocates nothing and is several times faster than Java 17's
     * {@code Double.toString} on probabilities.
     *
     * @param v the number
     * @return this writer
     * @throws IOException when writing fails
     */
    public AsciiOut number(double v) throws IOException {
        ensure(ShortestDecimal.MAX_CHARS);
        n = ShortestDecimal.write(v, buf, n);
        return this;
    }

    AsciiOut bytes(byte[] b) throws IOException {
        if (b.length > buf.length - n) {
            flush();
            if (b.length > buf.length) {
                out.write(b);
                written += b.length;
                return this;
            }
        }
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
        return this;
    }

    /**
     * Writes an epoch second as {@code yyyy-MM-dd HH:mm:ss} (then {@code " UTC"} when {@code rees46}) or as
     * {@code yyyy-MM-ddTHH:mm:ssZ}. The year must have four digits.
     */
    AsciiOut time(long epochSecond, boolean rees46) throws IOException {
        ensure(24);
        dateTime(epochSecond, rees46 ? ' ' : 'T');
        if (rees46) {
            buf[n++] = ' ';
            buf[n++] = 'U';
            buf[n++] = 'T';
            buf[n++] = 'C';
        } else {
            buf[n++] = 'Z';
        }
        return this;
    }

    /**
     * Writes an instant given in epoch milliseconds exactly as {@link Instant#toString()} does:
     * {@code yyyy-MM-ddTHH:mm:ssZ}, with {@code .SSS} before the {@code Z} when the milliseconds are not 0.
     *
     * @param epochMillis the instant
     * @return this writer
     * @throws IOException when writing fails
     */
    public AsciiOut instant(long epochMillis) throws IOException {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second < MIN_SECOND || second >= MAX_SECOND) {
            return ascii(Instant.ofEpochMilli(epochMillis).toString());
        }
        ensure(24);
        dateTime(second, 'T');
        int ms = (int) Math.floorMod(epochMillis, 1000);
        if (ms != 0) {
            buf[n++] = '.';
            buf[n++] = (byte) ('0' + ms / 100);
            two(ms % 100);
        }
        buf[n++] = 'Z';
        return this;
    }

    /** {@code yyyy-MM-dd}, the separator, {@code HH:mm:ss} (room ensured by the caller). */
    private void dateTime(long epochSecond, char separator) {
        long day = Math.floorDiv(epochSecond, 86_400);
        if (day != cachedDay) {
            byte[] t = LocalDate.ofEpochDay(day).toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, dayText, 0, 10);
            cachedDay = day;
        }
        System.arraycopy(dayText, 0, buf, n, 10);
        n += 10;
        buf[n++] = (byte) separator;
        int sec = (int) Math.floorMod(epochSecond, 86_400);
        two(sec / 3600);
        buf[n++] = ':';
        two(sec / 60 % 60);
        buf[n++] = ':';
        two(sec % 60);
    }

    private void two(int v) {
        buf[n++] = (byte) ('0' + v / 10);
        buf[n++] = (byte) ('0' + v % 10);
    }

    /**
     * Flushes and closes the stream.
     *
     * @throws IOException when writing or closing fails
     */
    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
