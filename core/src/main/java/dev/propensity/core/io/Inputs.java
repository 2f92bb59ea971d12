package dev.propensity.core.io;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.Sessionizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;

/**
 * The one entry point for reading any supported input as sessions or events.
 *
 * <pre>{@code
 * try (SessionReader in = Inputs.sessions(Path.of("events.csv"), null, ReadOptions.defaults())) {
 *     for (Session s = in.next(); s != null; s = in.next()) { ... }
 *     System.out.println(in.report());
 * }
 * }</pre>
 *
 * Event formats go through the sessionizer of the {@link ReadOptions} (streaming: memory grows with the sessions
 * open at once); OTTO lines are sessions already; UCI rows are table sessions. A late event (see
 * {@link Sessionizer}) is an {@link InputException} with reason {@link RejectReason#LATE_EVENT} in strict mode,
 * and is counted in the report in lenient mode.
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Opens an event reader for a file.
     *
     * @param path    the file
     * @param format  the format, or {@code null} to detect it ({@link InputFormat#detect(Path)})
     * @param options strict or lenient, mapping, buffer size
     * @return the reader
     * @throws InputException when the file is not of the format, or the format is {@link InputFormat#UCI}
     *                        (which has no events)
     * @throws IOException    when it cannot be read
     */
    public static EventReader events(Path path, InputFormat format, ReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        InputPaths.requireRegularFile(path);
        InputFormat f = format != null ? format : InputFormat.detect(path);
        switch (f) {
            case REES46:
                return Rees46Reader.open(path, options);
            case RETAILROCKET:
                return RetailrocketReader.open(path, options);
            case OTTO:
                return OttoReader.open(path, options);
            case EVENTS:
                return GenericEventReader.open(path, options);
            default:
                throw new InputException(path.toString(), 0, null, RejectReason.BAD_FILE,
                        "the UCI format is a session table and has no events; read it with Inputs.sessions");
        }
    }

    /**
     * Opens a session reader for a file.
     *
     * @param path    the file
     * @param format  the format, or {@code null} to detect it
     * @param options strict or lenient, sessionizer, mapping, buffer size
     * @return the reader, to be closed
     * @throws InputException when the file is not of the format
     * @throws IOException    when it cannot be read
     */
    public static SessionReader sessions(Path path, InputFormat format, ReadOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        InputPaths.requireRegularFile(path);
        InputFormat f = format != null ? format : InputFormat.detect(path);
        if (f == InputFormat.UCI) {
            return UciSessionReader.open(path, options);
        }
        if (f == InputFormat.OTTO) {
            return OttoReader.open(path, options).asSessions();
        }
        return sessions(events(path, f, options), options.effectiveSessionizer());
    }

    /**
     * Groups the events of a reader into sessions, pulling events only as far as needed for the next complete
     * session. Late events are reported against the reader's file and line.
     *
     * @param events      the events; closed when the returned reader is closed
     * @param sessionizer how to group them (its late-event policy applies)
     * @return the session reader
     */
    public static SessionReader sessions(EventReader events, Sessionizer sessionizer) {
        return new Sessionized(events, sessionizer);
    }

    private static final class Sessionized implements SessionReader {
        private final EventReader in;
        private final ArrayDeque<Session> ready = new ArrayDeque<>();
        private final Sessionizer.Run run;
        private boolean done;

        Sessionized(EventReader in, Sessionizer sessionizer) {
            this.in = in;
            this.run = sessionizer.start(ready::add);
        }

        @Override
        public Session next() throws IOException {
            while (ready.isEmpty() && !done) {
                Event e = in.next();
                if (e == null) {
                    run.finish();
                    done = true;
                    break;
                }
                Map<String, String> attributes = in.attributes();
                long lateBefore = run.lateEvents();
                try {
                    run.accept(e, attributes);
                } catch (Sessionizer.LateEventException x) {
                    throw new InputException(in.file(), in.line(), null, RejectReason.LATE_EVENT, x.getMessage());
                }
                in.report().overSessionLimit(run.overflowEvents());
                if (run.lateEvents() != lateBefore) {
                    in.report().note(new InputException(in.file(), in.line(), null, RejectReason.LATE_EVENT,
                            "event at " + e.time() + " arrived later than the out-of-order tolerance allows"));
                }
            }
            return ready.poll();
        }

        @Override
        public ReadReport report() {
            return in.report();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
