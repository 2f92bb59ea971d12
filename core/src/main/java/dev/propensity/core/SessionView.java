package dev.propensity.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One session as every source delivers it: its events addressed by index, in time order, without event objects.
 * The byte-level REES46 reader hands out views over its own primitive arrays, the {@link Sessionizer}'s sessions
 * are wrapped by {@link #of(Session)}, a table session (the UCI rows) is a view of no events with attributes, and
 * the feature engine reads them all the same way.
 *
 * <p>Reading a view allocates nothing: {@link #time(int)}, {@link #type(int)}, {@link #price(int)},
 * {@link #productKey(int)} and {@link #categoryKey(int)} are array reads. The texts ({@link #productId(int)},
 * {@link #category(int)}, {@link #brand(int)}) and {@link #event(int)} may build objects; use the keys when
 * comparing products or categories. A view a reader delivers is valid only during the call that received it (its
 * arrays are reused): copy what you keep.
 *
 * <p>A prefix of a view (the first {@code n} events) is what a cutoff leaves visible; see
 * {@link #firstPurchaseIndex()}.
 */
public interface SessionView {
    /** The key of an absent product or category. */
    long NO_KEY = Long.MIN_VALUE;

    /** The session id. */
    String id();

    /** The user id, or {@code null} when unknown. */
    String userId();

    /** The number of events (0 for a table session). */
    int size();

    /**
     * The time of event {@code i} in epoch milliseconds.
     *
     * @param i the index, {@code 0 <= i < size()}
     * @return the time
     */
    long time(int i);

    /**
     * The type of event {@code i}.
     *
     * @param i the index
     * @return the type
     */
    EventType type(int i);

    /**
     * The price of event {@code i}, {@code NaN} when it has none.
     *
     * @param i the index
     * @return the price
     */
    double price(int i);

    /**
     * A key of the product of event {@code i}: within one view, two events have equal keys exactly when their
     * product ids are equal texts; {@link #NO_KEY} when the event has no product.
     *
     * @param i the index
     * @return the key
     */
    long productKey(int i);

    /**
     * A key of the category of event {@code i}, as {@link #productKey(int)} is of the product.
     *
     * @param i the index
     * @return the key
     */
    long categoryKey(int i);

    /**
     * The product id of event {@code i}, or {@code null}.
     *
     * @param i the index
     * @return the text (may be built on each call)
     */
    String productId(int i);

    /**
     * The category of event {@code i}, or {@code null}.
     *
     * @param i the index
     * @return the text (may be built on each call)
     */
    String category(int i);

    /**
     * The brand of event {@code i}, or {@code null}.
     *
     * @param i the index
     * @return the text (may be built on each call)
     */
    String brand(int i);

    /**
     * The user id of event {@code i} (normally {@link #userId()}), or {@code null}.
     *
     * @param i the index
     * @return the text (may be built on each call)
     */
    default String userId(int i) {
        return userId();
    }

    /** The session-level attributes (see {@link SessionAttributes}); never {@code null}, often empty. */
    Map<String, String> attributes();

    /**
     * An attribute's value.
     *
     * @param name the attribute
     * @return its value, or {@code null} when the session lacks it
     */
    default String attribute(String name) {
        return attributes().get(name);
    }

    /** Whether event {@code i} has a price. */
    default boolean hasPrice(int i) {
        return !Double.isNaN(price(i));
    }

    /** Whether this view has events (a table session has none). */
    default boolean hasEvents() {
        return size() > 0;
    }

    /** The index of the first purchase event, or -1 when there is none. */
    default int firstPurchaseIndex() {
        int n = size();
        for (int i = 0; i < n; i++) {
            if (type(i) == EventType.PURCHASE) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The label: whether the session holds a purchase event (for a table session, the table's label). Sources
     * deliver whole sessions; the prefix a cutoff leaves visible never holds a purchase.
     *
     * @return whether the session ends in a purchase
     */
    default boolean purchased() {
        return firstPurchaseIndex() >= 0;
    }

    /**
     * Event {@code i} as an object (built on each call).
     *
     * @param i the index
     * @return the event
     */
    default Event event(int i) {
        return new Event(id(), userId(i), Instant.ofEpochMilli(time(i)), type(i), productId(i), category(i),
                brand(i), price(i));
    }

    /**
     * The first {@code n} events as objects (built on each call).
     *
     * @param n how many, {@code 0 <= n <= size()}
     * @return the events, in time order
     */
    default List<Event> events(int n) {
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(event(i));
        }
        return out;
    }

    /**
     * A view of a session object: its events as they are (no copy), keys computed once per view.
     *
     * @param session the session
     * @return the view
     */
    static SessionView of(Session session) {
        return new OfSession(Objects.requireNonNull(session, "session"));
    }

    /**
     * The key of a product or category text: the number itself for canonical digits (no sign, no leading zero, at
     * most 18 digits), else {@code -1 - code} for the caller's code of the text; {@link #NO_KEY} for none.
     *
     * @param text the text, or {@code null}
     * @return the number, or -1 when the text is not canonical digits (and {@link #NO_KEY} for null or empty)
     */
    static long numericKey(CharSequence text) {
        if (text == null || text.length() == 0) {
            return NO_KEY;
        }
        int n = text.length();
        if (n > 18 || text.charAt(0) == '0' && n > 1) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int c = text.charAt(i) - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** The view {@link #of(Session)} returns. */
    final class OfSession implements SessionView {
        private final Session session;
        private final List<Event> events;
        private long[] productKeys;
        private long[] categoryKeys;

        OfSession(Session session) {
            this.session = session;
            this.events = session.events();
        }

        /** The session this view shows. */
        public Session session() {
            return session;
        }

        @Override
        public String id() {
            return session.id();
        }

        @Override
        public String userId() {
            return session.userId();
        }

        @Override
        public int size() {
            return events.size();
        }

        @Override
        public long time(int i) {
            return events.get(i).epochMillis();
        }

        @Override
        public EventType type(int i) {
            return events.get(i).type();
        }

        @Override
        public double price(int i) {
            return events.get(i).price();
        }

        @Override
        public long productKey(int i) {
            if (productKeys == null) {
                productKeys = keys(true);
            }
            return productKeys[i];
        }

        @Override
        public long categoryKey(int i) {
            if (categoryKeys == null) {
                categoryKeys = keys(false);
            }
            return categoryKeys[i];
        }

        private long[] keys(boolean product) {
            int n = events.size();
            long[] keys = new long[n];
            Map<String, Integer> codes = null;
            for (int i = 0; i < n; i++) {
                String t = product ? events.get(i).productId() : events.get(i).category();
                long k = numericKey(t);
                if (k == -1) {
                    if (codes == null) {
                        codes = new HashMap<>();
                    }
                    Integer c = codes.putIfAbsent(t, codes.size());
                    k = -1L - (c == null ? codes.size() - 1 : c);
                }
                keys[i] = k;
            }
            return keys;
        }

        @Override
        public String productId(int i) {
            return events.get(i).productId();
        }

        @Override
        public String category(int i) {
            return events.get(i).category();
        }

        @Override
        public String brand(int i) {
            return events.get(i).brand();
        }

        @Override
        public String userId(int i) {
            return events.get(i).userId();
        }

        @Override
        public Map<String, String> attributes() {
            return session.attributes();
        }

        @Override
        public int firstPurchaseIndex() {
            return session.firstPurchaseIndex();
        }

        @Override
        public boolean purchased() {
            return session.purchased();
        }

        @Override
        public Event event(int i) {
            return events.get(i);
        }

        @Override
        public List<Event> events(int n) {
            return n == events.size() ? events : events.subList(0, n);
        }

        @Override
        public String toString() {
            return "SessionView[" + session + "]";
        }
    }
}
