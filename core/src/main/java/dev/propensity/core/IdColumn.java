package dev.propensity.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Many strings stored as one array of UTF-8 bytes and the offset of each: about the strings' length in bytes plus
 * 4 bytes each, instead of a {@link String} object and its own byte array each (some 80 bytes for a 36-character
 * session id). {@link #get(int)} makes the string again. A string that UTF-8 cannot give back unchanged (one with an
 * unpaired surrogate) is kept as it is, on the side.
 */
final class IdColumn {
    private final byte[] bytes;
    /** {@code offsets[i]} to {@code offsets[i + 1]} are the bytes of string i. */
    private final int[] offsets;
    /** The strings UTF-8 does not round-trip, by row. */
    private final Map<Integer, String> odd;

    private IdColumn(byte[] bytes, int[] offsets, Map<Integer, String> odd) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.odd = odd;
    }

    /** The number of strings. */
    int size() {
        return offsets.length - 1;
    }

    /** String {@code row}. */
    String get(int row) {
        int from = offsets[row];
        int to = offsets[row + 1];
        if (odd.isEmpty() || to > from) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        String s = odd.get(row);
        return s == null ? "" : s;
    }

    /** The given rows, in the given order (each index checked). */
    IdColumn select(int[] rows) {
        long total = 0;
        for (int r : rows) {
            Objects.checkIndex(r, size());
            total += offsets[r + 1] - offsets[r];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the selected ids take " + total + " bytes, more than an array holds");
        }
        Appender a = new Appender(rows.length, (int) total);
        for (int r : rows) {
            int from = offsets[r];
            int to = offsets[r + 1];
            if (to == from && odd.containsKey(r)) {
                a.add(odd.get(r));
            } else {
                a.addBytes(bytes, from, to - from);
            }
        }
        return a.build();
    }

    /** Collects strings in order; not thread-safe. */
    static final class Appender {
        private byte[] bytes;
        private int[] offsets;
        private int size;
        private final Map<Integer, String> odd = new HashMap<>();

        /**
         * An empty appender.
         *
         * @param rows  the expected number of strings (grows beyond)
         * @param bytes the expected total bytes (grows beyond; 0 for 32 a string)
         */
        Appender(int rows, int bytes) {
            this.offsets = new int[Math.max(1, rows) + 1];
            this.bytes = new byte[bytes > 0 ? bytes : 32 * Math.max(1, rows)];
        }

        /** The number of strings added. */
        int size() {
            return size;
        }

        /** Adds a string. */
        void add(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (needsCheck(s) && !new String(b, StandardCharsets.UTF_8).equals(s)) {
                // kept as it is; its byte range stays empty
                odd.put(size, s);
                addBytes(b, 0, 0);
                return;
            }
            addBytes(b, 0, b.length);
        }

        /** Whether a string has a surrogate (only then can UTF-8 fail to give it back). */
        private static boolean needsCheck(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isSurrogate(s.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        void addBytes(byte[] src, int from, int len) {
            if (size + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            int at = offsets[size];
            if (at + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(at + len, bytes.length * 2));
            }
            System.arraycopy(src, from, bytes, at, len);
            offsets[size + 1] = at + len;
            size++;
        }

        /** The strings added so far, in arrays of exactly their size. */
        IdColumn build() {
            int used = offsets[size];
            return new IdColumn(used == bytes.length ? bytes : Arrays.copyOf(bytes, used),
                    offsets.length == size + 1 ? offsets : Arrays.copyOf(offsets, size + 1),
                    odd.isEmpty() ? Map.of() : Map.copyOf(odd));
        }

        /** String {@code row} of those added so far. */
        String get(int row) {
            Objects.checkIndex(row, size);
            String s = odd.get(row);
            return s != null ? s : new String(bytes, offsets[row], offsets[row + 1] - offsets[row],
                    StandardCharsets.UTF_8);
        }
    }
}
