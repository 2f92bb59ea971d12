package dev.propensity.core.io;

import java.nio.charset.StandardCharsets;

/**
 * A direct-mapped cache from UTF-8 bytes to strings, so that repeated values (brands, categories, ids) share one
 * {@link String} and need no decoding. Fixed size: a colliding value replaces the old one, so memory stays
 * constant however many distinct values pass through.
 */
final class StringCache {
    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    StringCache(int sizePowerOfTwo) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two, was " + sizePowerOfTwo);
        }
        keys = new byte[sizePowerOfTwo][];
        values = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    /** The string of bytes {@code b[s..e)}, or {@code null} when empty. */
    String get(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0) {
            return null;
        }
        int h = n;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int slot = h & mask;
        byte[] k = keys[slot];
        if (k != null && k.length == n) {
            int i = 0;
            while (i < n && k[i] == b[s + i]) {
                i++;
            }
            if (i == n) {
                return values[slot];
            }
        }
        byte[] copy = new byte[n];
        System.arraycopy(b, s, copy, 0, n);
        String v = new String(copy, StandardCharsets.UTF_8);
        keys[slot] = copy;
        values[slot] = v;
        return v;
    }
}
