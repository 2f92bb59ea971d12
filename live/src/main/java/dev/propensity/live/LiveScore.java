package dev.propensity.live;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A session's purchase probability after one event, as {@link LiveScorer#update} returns it.
 *
 * @param sessionId     the session the event belongs to (for sessions keyed by user:
 *                      {@code userId + "@" + start epoch ms}, as the {@code Sessionizer} names them)
 * @param eventIndex    how many events of the session the scorer has received, this one included (1 for the
 *                      first); 0 for a {@link LiveStatus#LATE} event of a session that is not open
 * @param eventTime     the event's time
 * @param probability   the purchase probability of the events seen before any purchase, in [0, 1]; {@code NaN}
 *                      for a late event of a session that is not open
 * @param change        the probability minus the one before this event (0 for the first event and when nothing
 *                      changed): what this event did, for every kind of model
 * @param status        what the event did
 * @param visibleEvents the events the probability is computed from (those before the first purchase)
 * @param drivers       for a linear model, the features with the largest contributions to the log-odds, largest
 *                      absolute first (at most {@link LiveScorer.Builder#topDrivers(int)}); empty for models
 *                      without per-feature contributions (trees: see {@link LiveScorer#explains()}) and for
 *                      late events
 */
public record LiveScore(String sessionId, int eventIndex, Instant eventTime, double probability, double change,
                        LiveStatus status, int visibleEvents, List<Driver> drivers) {
    /** Validates and copies. */
    public LiveScore {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(status, "status");
        drivers = List.copyOf(drivers);
    }

    /** Whether the session's outcome is known (it purchased, now or before), so it is no longer scored. */
    public boolean ended() {
        return status == LiveStatus.PURCHASED || status == LiveStatus.AFTER_PURCHASE;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "LiveScore[%s #%d %s p=%.4f (%+.4f)",
                sessionId, eventIndex, status, probability, change));
        for (Driver d : drivers) {
            sb.append(String.format(Locale.ROOT, ", %s %+.3f", d.feature(), d.contribution()));
        }
        return sb.append(']').toString();
    }
}
