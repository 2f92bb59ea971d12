package dev.propensity.core.io;

import dev.propensity.core.Sessionizer;
import java.util.Objects;

/**
 * How to read an input.
 *
 * @param lenient     {@code false} (strict, the default): the first bad row throws an {@link InputException};
 *                    {@code true}: bad rows are skipped and counted by reason in the {@link ReadReport}, and late
 *                    events are counted and kept (see {@link Sessionizer.LatePolicy#COUNT})
 * @param sessionizer how events are grouped into sessions by {@link Inputs#sessions}; its late-event policy is
 *                    replaced by the one {@code lenient} implies
 * @param mapping     the column mapping of the generic {@link InputFormat#EVENTS} format
 * @param bufferSize  the read buffer in bytes, at least 4096 (default 256 KiB)
 */
public record ReadOptions(boolean lenient, Sessionizer sessionizer, EventMapping mapping, int bufferSize) {
    /** The default buffer size: 256 KiB. */
    public static final int DEFAULT_BUFFER = 256 << 10;

    /** Validates. */
    public ReadOptions {
        Objects.requireNonNull(sessionizer, "sessionizer");
        Objects.requireNonNull(mapping, "mapping");
        if (bufferSize < 4096) {
            throw new IllegalArgumentException("bufferSize must be >= 4096, was " + bufferSize);
        }
    }

    /** Strict reading, {@link Sessionizer#bySessionId()}, the {@link EventMapping#standard()} mapping. */
    public static ReadOptions defaults() {
        return new ReadOptions(false, Sessionizer.bySessionId(), EventMapping.standard(), DEFAULT_BUFFER);
    }

    /** The defaults, but lenient. */
    public static ReadOptions lenientDefaults() {
        return defaults().withLenient(true);
    }

    /** A copy with strict ({@code false}) or lenient ({@code true}) reading. */
    public ReadOptions withLenient(boolean value) {
        return new ReadOptions(value, sessionizer, mapping, bufferSize);
    }

    /** A copy with another sessionizer. */
    public ReadOptions withSessionizer(Sessionizer value) {
        return new ReadOptions(lenient, value, mapping, bufferSize);
    }

    /** A copy with another column mapping for the generic events format. */
    public ReadOptions withMapping(EventMapping value) {
        return new ReadOptions(lenient, sessionizer, value, bufferSize);
    }

    /** A copy with another buffer size. */
    public ReadOptions withBufferSize(int value) {
        return new ReadOptions(lenient, sessionizer, mapping, value);
    }

    /** The sessionizer with the late-event policy that {@link #lenient()} implies. */
    public Sessionizer effectiveSessionizer() {
        return sessionizer.withLateEvents(lenient ? Sessionizer.LatePolicy.COUNT : Sessionizer.LatePolicy.FAIL);
    }
}
