package dev.propensity.metrics;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The purchase funnel: sessions, then sessions that reached a product view, the cart, the checkout, and a
 * purchase, with the share of all sessions and the drop-off from the step before.
 *
 * <p>A session <em>reached</em> a step when it has an event of that step's type or of any later step's type (a
 * purchase without a logged cart event still passed the cart), and the purchase step is the label. So the counts
 * never rise from one step to the next and every drop-off lies in [0, 1]. Steps whose event type never occurs in
 * the data (no checkout event in REES46; no events at all in a session table such as UCI) are skipped and named
 * in {@link #skipped()}.
 *
 * @param steps   the steps, starting with all sessions and ending with purchases
 * @param skipped the names of the steps left out because their event type never occurs
 */
public record Funnel(List<Step> steps, List<String> skipped) {

    /** The name of the first step (all sessions). */
    public static final String SESSIONS = "Sessions";
    /** The name of the last step (sessions with a purchase). */
    public static final String PURCHASED = "Purchased";

    private static final List<EventType> MIDDLE = List.of(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
            EventType.CHECKOUT);
    private static final List<String> MIDDLE_NAMES = List.of("Viewed a product", "Added to cart", "Started checkout");

    /** Validates and copies. */
    public Funnel {
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a funnel needs at least 2 steps (sessions and purchases), got "
                    + steps.size());
        }
    }

    /**
     * One funnel step.
     *
     * @param name          e.g. "Added to cart"
     * @param sessions      sessions that reached it, &gt;= 0
     * @param shareOfStart  sessions / all sessions, in [0, 1] (0 when there are no sessions)
     * @param dropOff       1 - sessions / previous step's sessions, in [0, 1]; 0 for the first step and when the
     *                      previous step is empty
     */
    public record Step(String name, long sessions, double shareOfStart, double dropOff) {
        /** Validates. */
        public Step {
            Objects.requireNonNull(name, "name");
            if (sessions < 0) {
                throw new IllegalArgumentException("step '" + name + "' sessions must be >= 0, was " + sessions);
            }
            if (!(dropOff >= 0 && dropOff <= 1)) {
                throw new IllegalArgumentException("step '" + name + "' drop-off must be in [0, 1], was " + dropOff);
            }
        }
    }

    /**
     * The funnel of the given sessions.
     *
     * @param facts the sessions
     * @return the funnel
     */
    public static Funnel of(SessionFacts facts) {
        Objects.requireNonNull(facts, "facts");
        Set<EventType> present = facts.eventTypesPresent();
        List<Integer> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int s = 0; s < MIDDLE.size(); s++) {
            if (present.contains(MIDDLE.get(s))) {
                kept.add(s);
            } else {
                skipped.add(MIDDLE_NAMES.get(s));
            }
        }
        long n = facts.size();
        long[] counts = new long[kept.size()];
        EventType[] types = new EventType[kept.size()];
        for (int j = 0; j < types.length; j++) {
            types[j] = MIDDLE.get(kept.get(j));
        }
        long buyers = 0;
        for (int i = 0; i < n; i++) {
            boolean bought = facts.purchased(i);
            buyers += bought ? 1 : 0;
            // the deepest middle step reached, by event or by the label
            boolean later = bought || facts.has(i, EventType.PURCHASE);
            for (int j = types.length - 1; j >= 0; j--) {
                later |= facts.has(i, types[j]);
                if (later) {
                    counts[j]++;
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        long prev = n;
        steps.add(new Step(SESSIONS, n, n == 0 ? 0 : 1, 0));
        for (int j = 0; j < kept.size(); j++) {
            steps.add(step(MIDDLE_NAMES.get(kept.get(j)), counts[j], n, prev));
            prev = counts[j];
        }
        steps.add(step(PURCHASED, buyers, n, prev));
        return new Funnel(steps, skipped);
    }

    private static Step step(String name, long count, long n, long prev) {
        return new Step(name, count, n == 0 ? 0 : (double) count / n, prev == 0 ? 0 : 1 - (double) count / prev);
    }

    /** The step with the largest drop-off from its predecessor (never the first step). */
    public Step largestDropOff() {
        Step best = steps.get(1);
        for (int i = 2; i < steps.size(); i++) {
            if (steps.get(i).dropOff() > best.dropOff()) {
                best = steps.get(i);
            }
        }
        return best;
    }

    /** A table of the steps, then the skipped steps. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-18s %10s %9s %9s%n", "step", "sessions", "of start", "drop-off"));
        for (Step s : steps) {
            sb.append(String.format(Locale.ROOT, "%-18s %10d %8.2f%% %8.2f%%%n", s.name(), s.sessions(),
                    s.shareOfStart() * 100, s.dropOff() * 100));
        }
        if (!skipped.isEmpty()) {
            sb.append("skipped (no such events in the data): ").append(String.join(", ", skipped)).append('\n');
        }
        return sb.toString();
    }
}
