package dev.propensity.core;

/**
 * A {@link SessionView} over primitive arrays, one entry per event: the one array-backed view the byte-level
 * REES46 reader (arrays of its session table, reused from session to session) and a live session (arrays that grow
 * as events arrive) both extend. It holds the accessors of times, types, prices and keys; subclasses say where the
 * arrays come from and how texts (ids, products, categories, brands) are found.
 *
 * <p>Subclasses set the fields; index {@code i} is valid for {@code 0 <= i < n}, and the arrays may be longer.
 */
public abstract class ArraySessionView implements SessionView {
    /** {@link #firstPurchase} when it is not computed yet. */
    protected static final int UNKNOWN = -2;
    private static final EventType[] TYPES = EventType.values();
    private static final int PURCHASE = EventType.PURCHASE.ordinal();

    /** The number of events. */
    protected int n;
    /** Event times, epoch milliseconds. */
    protected long[] times;
    /** Event types, as {@link EventType#ordinal()}. */
    protected byte[] types;
    /** Event prices, {@code NaN} when none. */
    protected double[] prices;
    /** Product keys (see {@link SessionView#productKey(int)}). */
    protected long[] productKeys;
    /** Category keys (see {@link SessionView#categoryKey(int)}). */
    protected long[] categoryKeys;
    /** The index of the first purchase, -1 for none, or {@link #UNKNOWN} to find it on first use. */
    protected int firstPurchase = UNKNOWN;

    /** A view with no arrays yet; the subclass sets them. */
    protected ArraySessionView() {
    }

    @Override
    public final int size() {
        return n;
    }

    /**
     * Checks an index.
     *
     * @param i the index
     * @throws IndexOutOfBoundsException when it is not that of an event
     */
    protected final void check(int i) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("event " + i + " of a session of " + n + " events");
        }
    }

    @Override
    public final long time(int i) {
        check(i);
        return times[i];
    }

    @Override
    public final EventType type(int i) {
        check(i);
        return TYPES[types[i]];
    }

    @Override
    public final double price(int i) {
        check(i);
        return prices[i];
    }

    @Override
    public final long productKey(int i) {
        check(i);
        return productKeys[i];
    }

    @Override
    public final long categoryKey(int i) {
        check(i);
        return categoryKeys[i];
    }

    @Override
    public int firstPurchaseIndex() {
        if (firstPurchase == UNKNOWN) {
            int p = -1;
            for (int i = 0; i < n; i++) {
                if (types[i] == PURCHASE) {
                    p = i;
                    break;
                }
            }
            firstPurchase = p;
        }
        return firstPurchase;
    }
}
