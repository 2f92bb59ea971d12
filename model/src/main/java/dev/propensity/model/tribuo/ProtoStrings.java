package dev.propensity.model.tribuo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds, in protobuf bytes, every string that names a Java class, without any protobuf schema and without loading
 * anything: the bytes are walked as protobuf wire format, every length-delimited field both as text and (when it
 * parses) as a nested message, to a depth of {@value #MAX_DEPTH}. Tribuo's {@code ProtoUtil.deserialize} calls
 * {@code Class.forName} on the {@code class_name} of the model, of its nested members, domains and outputs, and
 * olcut on the provenance's class names; each of those strings is found here, so they can be checked against an
 * allowlist before Tribuo sees the bytes.
 */
final class ProtoStrings {
    /** Nesting deeper than protobuf-java's own default recursion limit is refused. */
    static final int MAX_DEPTH = 100;

    private final Set<String> names = new LinkedHashSet<>();

    private ProtoStrings() {
    }

    /**
     * Every string in the bytes that has the form of a Java class name with a package.
     *
     * @param bytes protobuf bytes
     * @return the names, in the order found
     * @throws IllegalArgumentException when the bytes are not a protobuf message, or nest too deep
     */
    static Set<String> classNames(byte[] bytes) {
        ProtoStrings s = new ProtoStrings();
        if (!s.walk(bytes, 0, bytes.length, 0)) {
            throw new IllegalArgumentException("the Tribuo model is not a protobuf message");
        }
        return s.names;
    }

    /** Walks a message; false when the range is not valid wire format (nothing is recorded for it then). */
    private boolean walk(byte[] b, int from, int to, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the Tribuo model nests deeper than " + MAX_DEPTH + " levels");
        }
        // first a dry pass: is the whole range wire format?
        if (!valid(b, from, to)) {
            return false;
        }
        int p = from;
        while (p < to) {
            long[] tag = varint(b, p, to);
            p = (int) tag[1];
            int wire = (int) (tag[0] & 7);
            switch (wire) {
                case 0 -> p = (int) varint(b, p, to)[1];
                case 1 -> p += 8;
                case 5 -> p += 4;
                case 3, 4 -> {
                    // a group's start or end: its fields follow at this level
                }
                default -> { // 2, as valid() checked
                    long[] len = varint(b, p, to);
                    int start = (int) len[1];
                    int end = start + (int) len[0];
                    String text = text(b, start, end);
                    if (text != null && isClassName(text)) {
                        names.add(text);
                    }
                    if (end > start) {
                        walk(b, start, end, depth + 1);
                    }
                    p = end;
                }
            }
        }
        return true;
    }

    /**
     * Whether a text could name a class in a package: dotted Java identifiers, possibly as an array descriptor
     * ({@code [Lpkg.Name;}).
     */
    static boolean isClassName(String s) {
        String t = s;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        if (t.length() != s.length() && t.startsWith("L") && t.endsWith(";")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.indexOf('.') < 0) {
            return false;
        }
        boolean start = true;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.') {
                if (start) {
                    return false;
                }
                start = true;
            } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                start = false;
            } else {
                return false;
            }
        }
        return !start;
    }

    /** Whether a range is a sequence of well-formed fields (field numbers >= 1, wire types 0, 1, 2, 5). */
    private static boolean valid(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            long[] tag = varint(b, p, to);
            if (tag == null || (tag[0] >>> 3) == 0 || (tag[0] >>> 3) > 0x1FFFFFFFL) {
                return false;
            }
            p = (int) tag[1];
            switch ((int) (tag[0] & 7)) {
                case 0 -> {
                    long[] v = varint(b, p, to);
                    if (v == null) {
                        return false;
                    }
                    p = (int) v[1];
                }
                case 1 -> p += 8;
                case 5 -> p += 4;
                case 3, 4 -> {
                    // start or end of a group (proto2): its fields follow at this level
                }
                case 2 -> {
                    long[] len = varint(b, p, to);
                    if (len == null || len[0] < 0 || len[0] > to - len[1]) {
                        return false;
                    }
                    p = (int) (len[1] + len[0]);
                }
                default -> {
                    return false;
                }
            }
            if (p > to) {
                return false;
            }
        }
        return true;
    }

    /** A varint at {@code p}: {value, next position}, or {@code null} when malformed or cut. */
    private static long[] varint(byte[] b, int p, int to) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= to) {
                return null;
            }
            int x = b[p++];
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return new long[] {v, p};
            }
        }
        return null;
    }

    /** The range as strict UTF-8 text, or {@code null}. */
    private static String text(byte[] b, int from, int to) {
        if (to == from || to - from > 65_535) {
            return null; // longer than any class name the JVM accepts
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
