package dev.propensity.core.io;

/**
 * The bound on a price that every reader enforces, so that no sum the features, KPIs or breakdowns compute can
 * overflow to infinity: a price above {@link #MAX} is bad input ({@link RejectReason#BAD_PRICE}), reported with
 * the file, line and column. Even a billion events at the bound sum to 1e21, far from {@link Double#MAX_VALUE}.
 */
public final class Prices {
    /** The largest price accepted: one trillion (in whatever currency the file uses). */
    public static final double MAX = 1e12;

    private Prices() {
    }

    /**
     * Whether a parsed price is acceptable: a number from 0 to {@link #MAX}.
     *
     * @param price the value
     * @return whether it is valid
     */
    public static boolean valid(double price) {
        return price >= 0 && price <= MAX;
    }

    /** The reason a price is refused, for messages: completes "VALUE is not a valid price ...". */
    public static final String RULE = "(must be a number from 0 to 1e12)";
}
