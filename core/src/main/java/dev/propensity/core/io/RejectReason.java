package dev.propensity.core.io;

/** Why a row was rejected; lenient reading counts skipped rows by these keys (see {@link ReadReport}). */
public enum RejectReason {
    /** The row has more or fewer fields than the header. */
    WRONG_COLUMN_COUNT,
    /** A numeric field does not parse as a number. */
    BAD_NUMBER,
    /** A time field does not parse in the expected format. */
    BAD_TIME,
    /** An event type the format (or the column mapping) does not define. */
    UNKNOWN_EVENT_TYPE,
    /** A price that is negative, infinite or NaN. */
    BAD_PRICE,
    /** A required value (session id, user id, label, ...) is empty. */
    MISSING_VALUE,
    /** Broken structure: an unclosed quote, text after a closing quote, invalid JSON, binary data. */
    MALFORMED,
    /** An event older than the sessionizer's out-of-order tolerance allows (see {@code Sessionizer}). */
    LATE_EVENT,
    /** The file as a whole is not usable: not text, no header, an unrecognised header. */
    BAD_FILE
}
