package dev.propensity.pipeline;

import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.util.Iterator;

/** The sessions of an event input, streamed once more (for prefix rows and the earliness study). */
final class SessionSource implements AutoCloseable {
    private final SessionReader reader;
    private final Iterator<Session> sessions;

    private SessionSource(SessionReader reader, Iterator<Session> sessions) {
        this.reader = reader;
        this.sessions = sessions;
    }

    /** Opens the sessions of a simulated input or an event file. */
    static SessionSource open(InputSource source, ReadOptions options) throws IOException {
        if (source instanceof InputSource.Simulated s) {
            return new SessionSource(null, SyntheticSessions.generate(s.sessions(), s.seed()).iterator());
        }
        if (source instanceof InputSource.DataFile d) {
            InputFormat f = d.format() != null ? d.format() : InputFormat.detect(d.file());
            SessionReader r = Inputs.sessions(d.file(), f, options);
            return new SessionSource(r, r.stream().iterator());
        }
        throw new IllegalArgumentException(source.describe() + " holds no event sessions");
    }

    Iterator<Session> sessions() {
        return sessions;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
