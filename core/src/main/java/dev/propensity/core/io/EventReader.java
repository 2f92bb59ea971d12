package dev.propensity.core.io;

import dev.propensity.core.Event;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Reads events from a file one at a time, in file order, in constant memory.
 *
 * <p>Pull {@link #next()} until it returns {@code null}, then {@link #close()}. In strict mode (the default of
 * {@link ReadOptions}) the first bad row throws an {@link InputException}; in lenient mode bad rows are skipped
 * and counted in {@link #report()}. I/O failures throw {@link IOException}.
 */
public interface EventReader extends Closeable {
    /**
     * The next event.
     *
     * @return the event, or {@code null} at the end of the file
     * @throws InputException in strict mode, at a bad row
     * @throws IOException    when reading fails
     */
    Event next() throws IOException;

    /**
     * Session-level attributes on the row of the event last returned (for example {@code traffic_source} in the
     * generic events format); empty for formats that have none. Valid until the next call of {@link #next()}.
     */
    default Map<String, String> attributes() {
        return Map.of();
    }

    /** The 1-based line number of the event last returned (0 before the first). */
    long line();

    /** Rows read and rejected so far. */
    ReadReport report();

    /** The file, as the caller named it. */
    default String file() {
        return report().file();
    }

    /**
     * Feeds every remaining event to a consumer.
     *
     * @param consumer receives each event
     * @return the report
     * @throws IOException when reading fails
     */
    default ReadReport forEachRemaining(java.util.function.Consumer<Event> consumer) throws IOException {
        for (Event e = next(); e != null; e = next()) {
            consumer.accept(e);
        }
        return report();
    }
}
