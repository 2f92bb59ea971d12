package dev.propensity.metrics;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import java.util.List;
import java.util.Objects;

/**
 * A point in a session's life at which its purchase is predicted: after its first {@code k} events, after its first
 * {@code m} minutes, or after all its events before the first purchase.
 *
 * <p>A session <em>counts</em> at a checkpoint when it got that far without buying: at {@code events:k}, when it
 * has at least {@code k} events before its first purchase; at {@code minutes:m}, when it has an event at or after
 * {@code m} minutes from its first event and no purchase at or before that time (it was still going, and had not
 * bought, m minutes in); at {@code all}, always. Its score there is the probability of the events visible at the
 * checkpoint: the first {@code k}; those at most {@code m} minutes after the first event (as the cutoffs
 * {@code events:k} and {@code minutes:m} give them); all events before the first purchase.
 *
 * @param kind  what the value counts
 * @param value k or m; 0 for {@link Kind#ALL}
 */
public record Checkpoint(Kind kind, int value) {
    /** What a checkpoint's value counts. */
    public enum Kind {
        /** Events seen. */
        EVENTS,
        /** Minutes since the session's first event. */
        MINUTES,
        /** All events before the first purchase. */
        ALL
    }

    /** The event counts the report gives: 1, 2, 3, 5, 10, 20. */
    public static final List<Integer> REPORT_EVENTS = List.of(1, 2, 3, 5, 10, 20);
    /** The minutes the report gives: 1, 2, 5, 10, 30. */
    public static final List<Integer> REPORT_MINUTES = List.of(1, 2, 5, 10, 30);

    /** Validates. */
    public Checkpoint {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ALL ? value != 0 : value < 1) {
            throw new IllegalArgumentException("checkpoint " + kind + " needs "
                    + (kind == Kind.ALL ? "value 0" : "a value >= 1") + ", was " + value);
        }
    }

    /** After the first {@code k >= 1} events. */
    public static Checkpoint events(int k) {
        return new Checkpoint(Kind.EVENTS, k);
    }

    /** After the first {@code m >= 1} minutes. */
    public static Checkpoint minutes(int m) {
        return new Checkpoint(Kind.MINUTES, m);
    }

    /** After all events before the first purchase. */
    public static Checkpoint all() {
        return new Checkpoint(Kind.ALL, 0);
    }

    /** The event checkpoints of the report, then {@code all}. */
    public static List<Checkpoint> reportEvents() {
        java.util.ArrayList<Checkpoint> out = new java.util.ArrayList<>();
        REPORT_EVENTS.forEach(k -> out.add(events(k)));
        out.add(all());
        return List.copyOf(out);
    }

    /** The minute checkpoints of the report. */
    public static List<Checkpoint> reportMinutes() {
        return REPORT_MINUTES.stream().map(Checkpoint::minutes).toList();
    }

    /** {@code events:k}, {@code minutes:m} or {@code all}, as the cutoffs are named. */
    public String name() {
        return switch (kind) {
            case EVENTS -> "events:" + value;
            case MINUTES -> "minutes:" + value;
            case ALL -> "all";
        };
    }

    /**
     * How many events of a session are visible at this checkpoint, or -1 when the session does not count here
     * (see the class description).
     *
     * @param session an event session
     * @return the number of visible events (a prefix before the first purchase), or -1
     */
    public int visible(Session session) {
        List<Event> events = session.events();
        int p = session.firstPurchaseIndex();
        int limit = p < 0 ? events.size() : p;
        switch (kind) {
            case ALL:
                return limit;
            case EVENTS:
                return limit >= value ? value : -1;
            default:
                if (events.isEmpty()) {
                    return -1;
                }
                long mark = events.get(0).epochMillis() + value * 60_000L;
                if (events.get(events.size() - 1).epochMillis() < mark) {
                    return -1;
                }
                if (p >= 0 && events.get(p).epochMillis() <= mark) {
                    return -1;
                }
                int k = 0;
                while (k < limit && events.get(k).epochMillis() <= mark) {
                    k++;
                }
                return k;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
