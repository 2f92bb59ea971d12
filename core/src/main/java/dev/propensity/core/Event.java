package dev.propensity.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing a shopper did at one moment.
 *
 * <p>Optional fields are {@code null} when the input has no value for them: {@code sessionId} (formats without
 * a shop session id, such as Retailrocket, are sessionized by user and inactivity gap), {@code userId},
 * {@code productId}, {@code category} and {@code brand}. A missing price is {@link Double#NaN}; a present price
 * is finite and not negative.
 *
 * @param sessionId the shop's session id, or {@code null} when the input has none
 * @param userId    the user or visitor id, or {@code null}
 * @param time      when it happened; never {@code null}
 * @param type      what happened; never {@code null}
 * @param productId the product id, or {@code null}
 * @param category  the category (code or id), or {@code null}
 * @param brand     the brand, or {@code null}
 * @param price     the unit price in the shop's currency, or {@code NaN} when absent
 */
public record Event(String sessionId, String userId, Instant time, EventType type,
                    String productId, String category, String brand, double price) {

    /** Validates the fields; see the class description for what is allowed. */
    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        if (sessionId == null && userId == null) {
            throw new IllegalArgumentException("an event needs a session id or a user id, both were null");
        }
        if (!Double.isNaN(price) && (price < 0 || Double.isInfinite(price))) {
            throw new IllegalArgumentException("price must be finite and >= 0 (or NaN when absent), was " + price);
        }
    }

    /**
     * A minimal event: a session, a time and a type, everything else absent.
     *
     * @param sessionId the shop's session id
     * @param time      when it happened
     * @param type      what happened
     * @return the event
     */
    public static Event of(String sessionId, Instant time, EventType type) {
        return new Event(Objects.requireNonNull(sessionId, "sessionId"), null, time, type, null, null, null, Double.NaN);
    }

    /** Whether the event carries a price. */
    public boolean hasPrice() {
        return !Double.isNaN(price);
    }

    /** The event's time in epoch milliseconds. */
    public long epochMillis() {
        return time.toEpochMilli();
    }

    /** A copy of this event with another session id (used by the sessionizer for inactivity sessions). */
    public Event withSessionId(String newSessionId) {
        return new Event(newSessionId, userId, time, type, productId, category, brand, price);
    }
}
