package dev.propensity.live;

/**
 * Counters of a {@link LiveScorer} since it was built. Read while other threads update, the counters are each
 * current but not taken at one instant together.
 *
 * @param events          events received by {@link LiveScorer#update}
 * @param scored          events that were scored ({@link LiveStatus#SCORED} and {@link LiveStatus#PURCHASED})
 * @param purchases       sessions whose scoring ended with a purchase
 * @param afterPurchase   events of sessions that had already purchased ({@link LiveStatus#AFTER_PURCHASE})
 * @param late            events older than the latest event minus the out-of-order tolerance, not used
 * @param openSessions    sessions open now (sessions that purchased are kept as small markers until they idle
 *                        out, so that their later events are recognised; they count here)
 * @param evicted         sessions removed because {@link LiveScorer.Builder#maxOpenSessions(int)} was reached
 *                        (the least recently updated first)
 * @param expired         sessions removed after {@link LiveScorer.Builder#idleTimeout(java.time.Duration)} without
 *                        events (measured in event time, against the latest event seen)
 * @param reordered       events within the tolerance placed before earlier events of their session, so that the
 *                        session's running tally was folded again over its events (rare in a log in time order)
 */
public record LiveStats(long events, long scored, long purchases, long afterPurchase, long late, int openSessions,
                        long evicted, long expired, long reordered) {
}
