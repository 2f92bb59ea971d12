package dev.propensity.core;

/**
 * The attribute names the project's readers and simulator use for session-level facts, so that features,
 * breakdowns and charts find them whatever the input format was. Table readers keep their own column names
 * as well (the UCI reader stores every column under its header name, and {@code VisitorType} also under
 * {@link #VISITOR_TYPE}).
 */
public final class SessionAttributes {
    /** Where the visit came from: {@code direct}, {@code search}, {@code social}, {@code email}, {@code ads}, ... */
    public static final String TRAFFIC_SOURCE = "traffic_source";
    /** {@code new} or {@code returning} (UCI also has {@code other}). */
    public static final String VISITOR_TYPE = "visitor_type";
    /** The device class: {@code desktop}, {@code mobile}, {@code tablet}. */
    public static final String DEVICE = "device";
    /** The month of the visit as a three-letter English abbreviation (UCI: {@code Month}). */
    public static final String MONTH = "month";
    /** {@code true} or {@code false}: whether the visit fell on a weekend (UCI: {@code Weekend}). */
    public static final String WEEKEND = "weekend";

    private SessionAttributes() {
    }
}
