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

    AsciiOut ch(char c) throws IOException {
        ensure(1);
        buf[n++] = (byte) c;
        return this;
    }

    AsciiOut num(long v) throws IOException {
        ensure(20);
        if (v < 0) {
            buf[n++] = '-';
            v = -v;
        }
        if (v == 0) {
            buf[n++] = '0';
            return this;
        }
        int start = n;
        while (v > 0) {
            buf[n++] = (byte) ('0' + v % 10);
            v /= 10;
        }
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /** Writes cents as a decimal price: 48907 becomes 489.07. */
    AsciiOut cents(long cents) throws IOException {
        num(cents / 100);
        ensure(3);
        long c = cents % 100;
        buf[n++] = '.';
        buf[n++] = (byte) ('0' + c / 10);
        buf[n++] = (byte) ('0' + c % 10);
        return this;
    }

    AsciiOut uuid(long hi, long lo) throws IOException {
        ensure(36);
        ClickstreamGenerator.hex(hi >>> 32, buf, n, 8);
        buf[n + 8] = '-';
        ClickstreamGenerator.hex(hi >>> 16, buf, n + 9, 4);
        buf[n + 13] = '-';
        ClickstreamGenerator.hex(hi, buf, n + 14, 4);
        buf[n + 18] = '-';
        ClickstreamGenerator.hex(lo >>> 48, buf, n + 19, 4);
        buf[n + 23] = '-';
        ClickstreamGenerator.hex(lo, buf, n + 24, 12);
        n += 36;
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
        int sec = (int) Math.floorMod(epochSecond, 86_400);
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
