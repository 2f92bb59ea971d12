package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a feature extractor may see of a session: the events before the cutoff and the session-level attributes,
 * never the label. Extractors receive only this type, so no extractor can read the outcome by mistake.
 *
 * @param id         the session id
 * @param userId     the user id, or {@code null}
 * @param events     the visible events in time order (empty for table sessions, or when nothing precedes
 *                   the cutoff)
 * @param attributes the session attributes (for table sessions, the row's columns other than the label)
 */
public record ObservedSession(String id, String userId, List<Event> events, Map<String, String> attributes) {
    /** Validates and copies. */
    public ObservedSession {
        Objects.requireNonNull(id, "id");
        events = List.copyOf(events);
        attributes = Map.copyOf(attributes);
    }

    /**
     * What extractors see of a session under a cutoff: its id, user, attributes and the events the cutoff leaves
     * visible (never the label).
     *
     * @param session the session
     * @param cutoff  the cutoff policy
     * @return the observed session
     */
    public static ObservedSession of(Session session, Cutoff cutoff) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(cutoff, "cutoff");
        return new ObservedSession(session.id(), session.userId(), cutoff.visible(session), session.attributes());
    }
}
