package dev.propensity.live;

/** What an event did to its session in the {@link LiveScorer}. */
public enum LiveStatus {
    /** The event joined its open session, which was scored again: the probability is current. */
    SCORED,
    /**
     * The event is the session's first purchase: the outcome is known, so scoring ends. The probability is the
     * one of the events before the purchase (what the model said just before it happened).
     */
    PURCHASED,
    /** The event came after its session's purchase; it changes nothing (counted in {@link LiveStats#afterPurchase()}). */
    AFTER_PURCHASE,
    /**
     * The event is older than the latest event seen minus the out-of-order tolerance; it is counted
     * ({@link LiveStats#late()}) and not used. The probability is its session's current one, or {@code NaN} when
     * that session is not open.
     */
    LATE
}
