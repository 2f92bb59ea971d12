package dev.propensity.core;

import java.io.IOException;
import java.io.OutputStream;

/** A fast buffered writer of ASCII text, numbers and times; the simulator's CSV output. */
final class AsciiOut implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int n;
    private long written;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] dayText = new byte[10];

    AsciiOut(OutputStream out) {
        this.out = out;
    }

    private void ensure(int k) throws IOException {
        if (n + k > buf.length) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(buf, 0, n);
        written += n;
        n = 0;
    }

    long bytes() {
        return written + n;
    }

    AsciiOut ascii(String s) throws IOException {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[n++] = (byte) s.charAt(i);
        }
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
     * {@code yyyy-MM-ddTHH:mm:ssZ}.
     */
    AsciiOut time(long epochSecond, boolean rees46) throws IOException {
        ensure(24);
        long day = Math.floorDiv(epochSecond, 86_400);
        if (day != cachedDay) {
            java.time.LocalDate d = java.time.LocalDate.ofEpochDay(day);
            byte[] t = d.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, dayText, 0, 10);
            cachedDay = day;
        }
        System.arraycopy(dayText, 0, buf, n, 10);
        n += 10;
        buf[n++] = (byte) (rees46 ? ' ' : 'T');
        int sec = Math.floorMod(epochSecond, 86_400);
        two(sec / 3600);
        buf[n++] = ':';
        two(sec / 60 % 60);
        buf[n++] = ':';
        two(sec % 60);
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

    private void two(int v) {
        buf[n++] = (byte) ('0' + v / 10);
        buf[n++] = (byte) ('0' + v % 10);
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
