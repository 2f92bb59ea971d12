package dev.propensity.core.io;

/**
 * One row of a delimited text file as raw bytes, for low-level readers and visitors that want to avoid building
 * objects (see the REES46 reader's scan).
 *
 * <p>Field {@code i} is the UTF-8 bytes {@code buffer()[start(i)] .. buffer()[end(i) - 1]}, already unquoted
 * (RFC 4180 {@code ""} escapes resolved). The view is valid only during the callback that received it: the
 * buffer is reused for the next row.
 */
interface RawRow {
    /** The 1-based line number the row starts on. */
    long line();

    /** The number of fields. */
    int fieldCount();

    /** The buffer the fields are in. */
    byte[] buffer();

    /** The start offset of field {@code i} in {@link #buffer()}. */
    int start(int i);

    /** The end offset (exclusive) of field {@code i} in {@link #buffer()}. */
    int end(int i);

    /** Whether field {@code i} is empty. */
    default boolean isEmpty(int i) {
        return end(i) == start(i);
    }

    /** Field {@code i} decoded as UTF-8 (a new string each call). */
    default String string(int i) {
        return new String(buffer(), start(i), end(i) - start(i), java.nio.charset.StandardCharsets.UTF_8);
    }
}
