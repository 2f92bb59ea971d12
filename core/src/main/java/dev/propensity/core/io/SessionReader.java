package dev.propensity.core.io;

import dev.propensity.core.Session;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads sessions one at a time: table rows as table sessions, or events grouped by a sessionizer (see
 * {@link Inputs#sessions(java.nio.file.Path, InputFormat, ReadOptions)}).
 *
 * <p>Pull {@link #next()} until it returns {@code null}, then {@link #close()}. Memory stays bounded by the
 * sessions open at once, not by the file. In strict mode the first bad row throws an {@link InputException}.
 */
public interface SessionReader extends Closeable {
    /**
     * The next complete session.
     *
     * @return the session, or {@code null} at the end of input
     * @throws InputException in strict mode, at a bad row
     * @throws IOException    when reading fails
     */
    Session next() throws IOException;

    /** Rows read and rejected so far. */
    ReadReport report();

    /**
     * The remaining sessions as a sequential stream; an {@link IOException} surfaces as
     * {@link UncheckedIOException}. Closing the stream closes this reader.
     */
    default Stream<Session> stream() {
        Iterator<Session> it = new Iterator<>() {
            private Session nextSession;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (nextSession == null && !done) {
                    try {
                        nextSession = SessionReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = nextSession == null;
                }
                return nextSession != null;
            }

            @Override
            public Session next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more sessions");
                }
                Session s = nextSession;
                nextSession = null;
                return s;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Reads every remaining session into a list (for small inputs; large ones should stream).
     *
     * @return the sessions in the order they were completed
     * @throws IOException when reading fails
     */
    default List<Session> readAll() throws IOException {
        List<Session> all = new ArrayList<>();
        for (Session s = next(); s != null; s = next()) {
            all.add(s);
        }
        return all;
    }
}
