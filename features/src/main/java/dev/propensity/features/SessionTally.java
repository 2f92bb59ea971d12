package dev.propensity.features;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionView;
import java.util.Arrays;

/**
 * The running state every standard feature is read from: a fold of a session's visible events, one event at a
 * time ({@link #add(SessionView, int)}, constant work and no allocation per event). The batch path folds it over a
 * session's visible events once per session ({@link #fold}), a live session adds each new event as it arrives; the
 * same additions in the same order give bit-identical sums, so batch and live rows cannot differ. The standard
 * extractors ({@link StandardExtractors}) only read it. Not thread-safe.
 */
final class SessionTally {
    private static final EventType[] TYPES = EventType.values();

    /** Whether product and category keys are tallied (only the distinct counts need them). */
    private final boolean keys;
    /** The events folded in. */
    int n;
    /** The time of the first and the last event folded in (epoch ms); valid when {@code n > 0}. */
    long first;
    long last;
    /** The longest gap between consecutive events (ms), 0 below two events. */
    long gapMax;
    /** Events by {@link EventType#ordinal()}. */
    final int[] counts = new int[TYPES.length];
    /** Prices of cart adds minus cart removes, in event order. */
    double cart;
    /** The sum of prices in event order, the highest price, the number of priced events. */
    double priceSum;
    double priceMax = Double.NaN;
    int priced;
    /** The distinct product and category keys. */
    final KeySet products = new KeySet();
    final KeySet categories = new KeySet();
    /** A start-time extractor's last computed values (see {@link StandardExtractors#startTime}), by owner and time. */
    Object startOwner;
    long startTime;
    double[] start;

    /**
     * A tally.
     *
     * @param keys whether to tally product and category keys (for the distinct counts)
     */
    SessionTally(boolean keys) {
        this.keys = keys;
    }

    /** Whether product and category keys are tallied. */
    boolean keys() {
        return keys;
    }

    /** Forgets every event. */
    void reset() {
        n = 0;
        gapMax = 0;
        Arrays.fill(counts, 0);
        cart = 0;
        priceSum = 0;
        priceMax = Double.NaN;
        priced = 0;
        products.clear();
        categories.clear();
    }

    /**
     * Resets, then folds in the first {@code limit} events of a view.
     *
     * @param view  the session
     * @param limit how many events, {@code <= view.size()}
     */
    void fold(SessionView view, int limit) {
        reset();
        for (int i = 0; i < limit; i++) {
            add(view, i);
        }
    }

    /**
     * Folds in event {@code i} of a view, the event after those folded in so far (in time order).
     *
     * @param view the session
     * @param i    the index of the event
     */
    void add(SessionView view, int i) {
        long t = view.time(i);
        if (n == 0) {
            first = t;
        } else {
            gapMax = Math.max(gapMax, t - last);
        }
        last = t;
        n++;
        EventType type = view.type(i);
        counts[type.ordinal()]++;
        double price = view.price(i);
        if (!Double.isNaN(price)) {
            priceSum += price;
            priceMax = priced == 0 ? price : Math.max(priceMax, price);
            priced++;
            if (type == EventType.ADD_TO_CART) {
                cart += price;
            } else if (type == EventType.REMOVE_FROM_CART) {
                cart -= price;
            }
        }
        if (keys) {
            products.add(view.productKey(i));
            categories.add(view.categoryKey(i));
        }
    }

    /**
     * A set of long keys ({@link SessionView#NO_KEY} never added), cleared per session: a plain list searched in
     * order while it holds at most {@link #LINEAR} keys (most sessions; nothing to hash or to clear), then a table
     * with open addressing. A small table is kept for the next session that needs one (cleared, not made anew).
     */
    static final class KeySet {
        /** The most keys kept as a list. */
        static final int LINEAR = 8;
        /** The largest table kept from one session to the next; a larger one is dropped when cleared. */
        static final int KEEP = 256;
        /** The first {@code size} keys while not {@code hashed}. */
        private final long[] list = new long[LINEAR];
        /** The table while {@code hashed}; otherwise null or a kept table holding only {@link SessionView#NO_KEY}. */
        private long[] table;
        private boolean hashed;
        private int size;

        /** The number of distinct keys added. */
        int size() {
            return size;
        }

        void clear() {
            if (hashed) {
                if (table.length <= KEEP) {
                    Arrays.fill(table, SessionView.NO_KEY);
                } else {
                    table = null;
                }
                hashed = false;
            }
            size = 0;
        }

        /** Adds a key; {@link SessionView#NO_KEY} is ignored. */
        void add(long key) {
            if (key == SessionView.NO_KEY) {
                return;
            }
            if (hashed) {
                put(key);
                return;
            }
            long[] l = list;
            int n = size;
            for (int i = 0; i < n; i++) {
                if (l[i] == key) {
                    return;
                }
            }
            if (n < LINEAR) {
                l[n] = key;
                size = n + 1;
                return;
            }
            toTable(); // a ninth key: from the list to a table
            put(key);
        }

        /** Moves the listed keys into the (kept or a new) table. */
        private void toTable() {
            if (table == null) {
                table = new long[4 * LINEAR];
                Arrays.fill(table, SessionView.NO_KEY);
            }
            hashed = true;
            size = 0;
            for (int i = 0; i < LINEAR; i++) {
                put(list[i]);
            }
        }

        /** Adds a key to the table. */
        private void put(long key) {
            long[] t = table;
            int mask = t.length - 1;
            long h = key * 0x9E3779B97F4A7C15L;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (true) {
                long k = t[i];
                if (k == key) {
                    return;
                }
                if (k == SessionView.NO_KEY) {
                    break;
                }
                i = (i + 1) & mask;
            }
            t[i] = key;
            if (++size * 2 > t.length) {
                grow(t);
            }
        }

        /** Moves the table's keys into one twice as large. */
        private void grow(long[] old) {
            table = new long[old.length * 2];
            Arrays.fill(table, SessionView.NO_KEY);
            size = 0;
            for (long k : old) {
                if (k != SessionView.NO_KEY) {
                    put(k);
                }
            }
        }
    }
}
