package dev.propensity.core;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back as the same {@code double}, written as {@link Double#toString(double)} lays
 * it out ({@code 0.25}, {@code 1.0E-5}), without allocating: Raffaello Giulietti's Schubfach algorithm ("The
 * Schubfach way to render doubles", 2020), the algorithm of {@code Double.toString} from Java 19 on.
 *
 * <p>Why: on Java 17, {@code Double.toString} of a probability goes through arbitrary-precision arithmetic and was a
 * fifth of the CPU of {@code propensity replay}, which writes one probability per event. The digits are those of
 * {@code Double.toString} on Java 19 and later; Java 17's {@code Double.toString} gives the same except for the rare
 * values where it writes more digits than needed (JDK-4511638), where this gives the shorter, equally exact form.
 * Subnormal numbers, zero, infinities and NaN are left to {@code Double.toString} (its output for them is already
 * the shortest).
 */
final class ShortestDecimal {
    /** The most bytes {@link #write} writes: a sign, 17 digits, a point, {@code E-324}. */
    static final int MAX_CHARS = 24;

    private static final int P = 53;
    private static final long C_MIN = 1L << (P - 1);
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;
    /**
     * For k from {@link #K_MIN} to {@link #K_MAX}: g = floor(10^-k 2^(125 - floor(log2 10^-k))) + 1, a 126-bit
     * number, as its high 63 bits (even index) and its low 63 bits (odd index).
     */
    private static final long[] G = table();

    private ShortestDecimal() {
    }

    private static long[] table() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        for (int k = K_MIN; k <= K_MAX; k++) {
            int shift = 125 - flog2pow10(-k);
            BigInteger v;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                v = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
            } else {
                v = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
            }
            v = v.add(BigInteger.ONE);
            int i = 2 * (k - K_MIN);
            g[i] = v.shiftRight(63).longValueExact();
            g[i + 1] = v.longValue() & MASK_63;
        }
        return g;
    }

    /** floor(e log10 2), for |e| up to about 5,000. */
    static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(e log10 2 + log10 3/4), for |e| up to about 5,000. */
    static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e log2 10), for |e| up to about 1,500. */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * Writes {@code v} into {@code buf} at {@code at}, as {@code Double.toString} lays it out.
     *
     * @param v   the number
     * @param buf where to write; at least {@link #MAX_CHARS} bytes from {@code at}
     * @param at  the first byte to write
     * @return the index after the last byte written
     */
    static int write(double v, byte[] buf, int at) {
        long bits = Double.doubleToRawLongBits(v);
        int bq = (int) (bits >>> (P - 1)) & 0x7ff;
        if (bq == 0 || bq == 0x7ff) { // zero, subnormal, infinite, NaN
            return ascii(Double.toString(v), buf, at);
        }
        if (bits < 0) {
            buf[at++] = '-';
        }
        int q = bq - 1075;
        long c = C_MIN | (bits & (C_MIN - 1));
        if (q < 0 && -q < P) { // a whole number below 2^53
            long f = c >> -q;
            if (f << -q == c) {
                return chars(f, 0, buf, at);
            }
        }
        int out = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        int i = 2 * (k - K_MIN);
        long g1 = G[i];
        long g0 = G[i + 1];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = s / 10 * 10;
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return chars(upin ? sp10 : tp10, k, buf, at);
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return chars(uin ? s : t, k, buf, at);
        }
        long cmp = vb - (s + t << 1);
        return chars(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k, buf, at);
    }

    /** floor(g cp / 2^127), its last bit set when the rest is not 0 (rounded to odd). */
    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** Writes f 10^e (f > 0) as {@code Double.toString} does: plain from 10^-3 up to 10^7, else d.dddE±n. */
    private static int chars(long f, int e, byte[] buf, int at) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int len = 1;
        for (long p = 10; len < 19 && p <= f; p *= 10) {
            len++;
        }
        int exp = len + e - 1; // f 10^e = d.ddd 10^exp
        if (exp >= 0 && exp < 7) {
            if (len <= exp + 1) { // a whole number: digits, zeros, ".0"
                at = digits(f, len, buf, at);
                for (int z = len; z <= exp; z++) {
                    buf[at++] = '0';
                }
                buf[at++] = '.';
                buf[at++] = '0';
                return at;
            }
            int start = at;
            at = digits(f, len, buf, at + 1);
            // move the integer digits left by one to make room for the point
            System.arraycopy(buf, start + 1, buf, start, exp + 1);
            buf[start + exp + 1] = '.';
            return at;
        }
        if (exp < 0 && exp >= -3) {
            buf[at++] = '0';
            buf[at++] = '.';
            for (int z = -1; z > exp; z--) {
                buf[at++] = '0';
            }
            return digits(f, len, buf, at);
        }
        int start = at;
        at = digits(f, len, buf, at + 1);
        buf[start] = buf[start + 1];
        buf[start + 1] = '.';
        if (len == 1) {
            buf[at++] = '0';
        }
        buf[at++] = 'E';
        if (exp < 0) {
            buf[at++] = '-';
            exp = -exp;
        }
        if (exp >= 100) {
            buf[at++] = (byte) ('0' + exp / 100);
            exp %= 100;
            buf[at++] = (byte) ('0' + exp / 10);
        } else if (exp >= 10) {
            buf[at++] = (byte) ('0' + exp / 10);
        }
        buf[at++] = (byte) ('0' + exp % 10);
        return at;
    }

    /** Writes the {@code len} digits of f at {@code at}; returns the index after them. */
    private static int digits(long f, int len, byte[] buf, int at) {
        for (int i = at + len - 1; i >= at; i--) {
            buf[i] = (byte) ('0' + f % 10);
            f /= 10;
        }
        return at + len;
    }

    private static int ascii(String s, byte[] buf, int at) {
        for (int i = 0; i < s.length(); i++) {
            buf[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    /**
     * {@code v} as {@link #write} writes it.
     *
     * @param v the number
     * @return the text
     */
    static String toString(double v) {
        byte[] b = new byte[MAX_CHARS];
        int n = write(v, b, 0);
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
