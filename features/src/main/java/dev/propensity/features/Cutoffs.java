package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import java.util.List;
import java.util.Objects;

/**
 * The cutoff policies: which prefix of a session its features may see. Every policy also stops strictly before
 * the session's first purchase event (by position in the time-ordered events), so a feature can never see the
 * outcome; events after the first purchase are never visible either. A table session (no events) has an empty
 * visible list under every policy.
 *
 * <p>A buying session whose first event is its purchase has nothing visible; {@link FeatureTables} keeps such a
 * session by default (with its features computed from no events: counts 0) and counts it in its
 * {@link BuildReport}, so no buyer disappears silently.
 */
public final class Cutoffs {
    private static final Cutoff BEFORE_PURCHASE = new Cutoff() {
        @Override
        public List<Event> visible(Session session) {
            return prefix(session, purchaseLimit(session));
        }

        @Override
        public int limit(SessionView session) {
            return purchaseLimit(session);
        }

        @Override
        public String name() {
            return "before-purchase";
        }

        @Override
        public String toString() {
            return name();
        }
    };

    private Cutoffs() {
    }

    /** The default: every event strictly before the first purchase (all events of a session without one). */
    public static Cutoff beforeFirstPurchase() {
        return BEFORE_PURCHASE;
    }

    /**
     * The first {@code n} events, and none at or after the first purchase.
     *
     * @param n the number of events, {@code >= 1}
     * @return the policy, named {@code events:n}
     */
    public static Cutoff firstEvents(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cutoff events:N needs N >= 1, was " + n);
        }
        return new Cutoff() {
            @Override
            public List<Event> visible(Session session) {
                return prefix(session, Math.min(n, purchaseLimit(session)));
            }

            @Override
            public int limit(SessionView session) {
                int m = Math.min(n, session.size());
                for (int i = 0; i < m; i++) {
                    if (session.type(i).isPurchase()) {
                        return i;
                    }
                }
                return m;
            }

            @Override
            public String name() {
                return "events:" + n;
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    /**
     * The events at most {@code minutes} after the session's first event (inclusive), and none at or after the
     * first purchase: the real-time question "will this session buy?" asked {@code minutes} into the session.
     *
     * @param minutes the window in minutes, finite and {@code >= 0} (0 keeps the events at the first instant)
     * @return the policy, named {@code minutes:T}
     */
    public static Cutoff firstMinutes(double minutes) {
        if (!(minutes >= 0) || Double.isInfinite(minutes)) {
            throw new IllegalArgumentException("cutoff minutes:T needs a finite T >= 0, was " + minutes);
        }
        long windowMillis = Math.round(minutes * 60_000.0);
        String name = "minutes:" + (minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes));
        return new Cutoff() {
            @Override
            public List<Event> visible(Session session) {
                return prefix(session, limit(SessionView.of(session)));
            }

            @Override
            public int limit(SessionView session) {
                int limit = purchaseLimit(session);
                if (limit == 0) {
                    return 0;
                }
                long last = session.time(0) + windowMillis;
                int k = 0;
                while (k < limit && session.time(k) <= last) {
                    k++;
                }
                return k;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Parses a command-line cutoff: {@code before-purchase}, {@code events:N} (N a whole number {@code >= 1}) or
     * {@code minutes:T} (T a number {@code >= 0}).
     *
     * @param text the text
     * @return the policy
     * @throws IllegalArgumentException naming the text and the accepted forms when it is not one of them
     */
    public static Cutoff parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        String forms = "expected before-purchase, events:N (N >= 1) or minutes:T (T >= 0)";
        if (t.equals("before-purchase")) {
            return beforeFirstPurchase();
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("unknown cutoff '" + text + "'; " + forms);
        }
        String kind = t.substring(0, colon);
        String arg = t.substring(colon + 1).trim();
        try {
            if (kind.equals("events")) {
                int n = Integer.parseInt(arg);
                if (n < 1) {
                    throw new IllegalArgumentException("cutoff '" + text + "': N must be >= 1, was " + n);
                }
                return firstEvents(n);
            }
            if (kind.equals("minutes")) {
                double m = Double.parseDouble(arg);
                if (!(m >= 0) || Double.isInfinite(m)) {
                    throw new IllegalArgumentException("cutoff '" + text + "': T must be a finite number >= 0, was " + arg);
                }
                return firstMinutes(m);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cutoff '" + text + "': '" + arg + "' is not a number; " + forms, e);
        }
        throw new IllegalArgumentException("unknown cutoff '" + text + "'; " + forms);
    }

    /** The first {@code n} events; the session's own (immutable) list when that is all of them. */
    static List<Event> prefix(Session session, int n) {
        List<Event> events = session.events();
        return n == events.size() ? events : events.subList(0, n);
    }

    /** The number of events before the first purchase (all of them when there is none). */
    static int purchaseLimit(Session session) {
        int p = session.firstPurchaseIndex();
        return p < 0 ? session.events().size() : p;
    }

    /** The number of events before the first purchase (all of them when there is none). */
    static int purchaseLimit(SessionView session) {
        int p = session.firstPurchaseIndex();
        return p < 0 ? session.size() : p;
    }
}
