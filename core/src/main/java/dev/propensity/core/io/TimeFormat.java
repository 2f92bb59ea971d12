package dev.propensity.core.io;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * How a time column is written, for {@link EventMapping}.
 *
 * <ul>
 *   <li>{@link #ISO}: ISO-8601, such as {@code 2019-11-01T08:00:00Z}, {@code 2019-11-01T10:00:00+02:00}, or
 *       without an offset ({@code 2019-11-01T08:00:00}, also with a space instead of {@code T} and the REES46
 *       {@code " UTC"} suffix), then read as UTC;</li>
 *   <li>{@link #EPOCH_MILLIS}, {@link #EPOCH_SECONDS}: a number since 1970-01-01T00:00Z (seconds may have a
 *       fraction);</li>
 *   <li>{@link #pattern(String, ZoneId)}: a {@link DateTimeFormatter} pattern, read in a zone unless the pattern
 *       has an offset.</li>
 * </ul>
 *
 * @param kind    the kind
 * @param pattern the pattern for {@link Kind#PATTERN}, else {@code null}
 * @param zone    the zone for {@link Kind#PATTERN} (and for ISO times without offset: UTC)
 */
public record TimeFormat(Kind kind, String pattern, ZoneId zone) {
    /** The kinds of time format. */
    public enum Kind {
        /** ISO-8601. */
        ISO,
        /** Epoch milliseconds. */
        EPOCH_MILLIS,
        /** Epoch seconds, optionally with a fraction. */
        EPOCH_SECONDS,
        /** A {@link DateTimeFormatter} pattern. */
        PATTERN
    }

    /** ISO-8601 (see the class description). */
    public static final TimeFormat ISO = new TimeFormat(Kind.ISO, null, ZoneOffset.UTC);
    /** Epoch milliseconds. */
    public static final TimeFormat EPOCH_MILLIS = new TimeFormat(Kind.EPOCH_MILLIS, null, ZoneOffset.UTC);
    /** Epoch seconds. */
    public static final TimeFormat EPOCH_SECONDS = new TimeFormat(Kind.EPOCH_SECONDS, null, ZoneOffset.UTC);

    /** Validates: a pattern kind needs a valid pattern. */
    public TimeFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
        if (kind == Kind.PATTERN) {
            Objects.requireNonNull(pattern, "pattern");
            DateTimeFormatter.ofPattern(pattern); // throws IllegalArgumentException on a bad pattern
        }
    }

    /**
     * A {@link DateTimeFormatter} pattern read in a zone.
     *
     * @param pattern for example {@code dd/MM/yyyy HH:mm:ss}
     * @param zone    the zone of times without an offset
     * @return the format
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public static TimeFormat pattern(String pattern, ZoneId zone) {
        return new TimeFormat(Kind.PATTERN, pattern, zone);
    }

    /**
     * Parses a name as used on the command line: {@code iso}, {@code epoch-ms}, {@code epoch-s}, or a pattern.
     *
     * @param text the name or pattern
     * @return the format (patterns are read in UTC)
     */
    public static TimeFormat parse(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "iso":
                return ISO;
            case "epoch-ms":
            case "epoch_ms":
            case "ms":
                return EPOCH_MILLIS;
            case "epoch-s":
            case "epoch_s":
            case "s":
                return EPOCH_SECONDS;
            default:
                return pattern(text, ZoneOffset.UTC);
        }
    }
}
