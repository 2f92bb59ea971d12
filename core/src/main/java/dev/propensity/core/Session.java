package dev.propensity.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One browsing session: its events in time order, or, for session tables such as the UCI Online Shoppers data,
 * only its attributes and outcome.
 *
 * <p>Two kinds of session flow through the same pipeline:
 * <ul>
 *   <li>an <em>event session</em> ({@link #of(String, String, List)}) holds at least one event; its start, end
 *       and label are derived from the events (label: at least one {@link EventType#PURCHASE});</li>
 *   <li>a <em>table session</em> ({@link #summary(String, Map, boolean)}) has no events, no start and no end;
 *       its label and attributes come from the table row.</li>
 * </ul>
 * Attributes are session-level facts the input carries (traffic source, visitor type, month, ...), as strings
 * keyed by a name; see {@link SessionAttributes} for the names the project's readers use.
 *
 * @param id         the session id; never {@code null}
 * @param userId     the user id, or {@code null} when unknown
 * @param events     the events in time order (ties keep input order); empty only for a table session
 * @param attributes session-level attributes; never {@code null}, may be empty
 * @param start      the first event's time, or {@code null} for a table session
 * @param end        the last event's time, or {@code null} for a table session
 * @param purchased  the label: whether the session ends in a purchase
 */
public record Session(String id, String userId, List<Event> events, Map<String, String> attributes,
                      Instant start, Instant end, boolean purchased) {

    /** Validates and copies; see the class description. */
    public Session {
        Objects.requireNonNull(id, "id");
        events = List.copyOf(events);
        attributes = Map.copyOf(attributes);
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).time().isBefore(events.get(i - 1).time())) {
                throw new IllegalArgumentException("session " + id + ": events not in time order at index " + i
                        + " (" + events.get(i).time() + " before " + events.get(i - 1).time() + ")");
            }
        }
        if (events.isEmpty()) {
            if (start != null || end != null) {
                throw new IllegalArgumentException("session " + id + " has no events but a start or end time");
            }
        } else {
            if (!events.get(0).time().equals(start) || !events.get(events.size() - 1).time().equals(end)) {
                throw new IllegalArgumentException("session " + id + ": start/end must be the first/last event times");
            }
            boolean anyPurchase = events.stream().anyMatch(e -> e.type().isPurchase());
            if (anyPurchase != purchased) {
                throw new IllegalArgumentException("session " + id + ": label " + purchased
                        + " disagrees with its events (purchase event present: " + anyPurchase + ")");
            }
        }
    }

    /**
     * An event session. Events are sorted by time (stable, so ties keep their order).
     *
     * @param id     the session id
     * @param userId the user id, or {@code null}
     * @param events at least one event
     * @return the session, labelled by whether any event is a purchase
     * @throws IllegalArgumentException if {@code events} is empty
     */
    public static Session of(String id, String userId, List<Event> events) {
        return of(id, userId, events, Map.of());
    }

    /**
     * An event session with session-level attributes.
     *
     * @param id         the session id
     * @param userId     the user id, or {@code null}
     * @param events     at least one event
     * @param attributes attributes such as traffic source; see {@link SessionAttributes}
     * @return the session, labelled by whether any event is a purchase
     * @throws IllegalArgumentException if {@code events} is empty
     */
    public static Session of(String id, String userId, List<Event> events, Map<String, String> attributes) {
        Objects.requireNonNull(id, "id");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("session " + id + " has no events");
        }
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::time));
        boolean purchased = false;
        for (Event e : sorted) {
            purchased |= e.type().isPurchase();
        }
        return new Session(id, userId, sorted, attributes, sorted.get(0).time(),
                sorted.get(sorted.size() - 1).time(), purchased);
    }

    /**
     * A table session: attributes and a label, no events.
     *
     * @param id         the session id (for tables without one, the 1-based row number)
     * @param attributes the row's attributes by column name
     * @param purchased  the label
     * @return the session
     */
    public static Session summary(String id, Map<String, String> attributes, boolean purchased) {
        return new Session(id, null, List.of(), attributes, null, null, purchased);
    }

    /** Whether this session has events (as opposed to being a table row). */
    public boolean hasEvents() {
        return !events.isEmpty();
    }

    /** The time from the first to the last event; {@link Duration#ZERO} for one event; empty for a table session. */
    public Optional<Duration> duration() {
        return hasEvents() ? Optional.of(Duration.between(start, end)) : Optional.empty();
    }

    /** The index of the first purchase event, or -1 when there is none (always -1 for a table session). */
    public int firstPurchaseIndex() {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().isPurchase()) {
                return i;
            }
        }
        return -1;
    }

    /** An attribute's value, if the input has it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** The number of events of a type. */
    public int count(EventType type) {
        int n = 0;
        for (Event e : events) {
            if (e.type() == type) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", user=" + userId + ", events=" + events.size() + ", start=" + start
                + ", end=" + end + ", purchased=" + purchased + ", attributes=" + attributes + "]";
    }
}
