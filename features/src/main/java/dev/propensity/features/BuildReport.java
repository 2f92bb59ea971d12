package dev.propensity.features;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What building a feature table (or streaming feature rows) did with its input.
 *
 * @param cutoff                  the cutoff policy's name
 * @param sessionsIn              sessions read
 * @param rows                    rows kept (table rows or CSV rows written)
 * @param buyersIn                sessions read whose label is a purchase
 * @param buyersWithEmptyCutoff   buying event sessions with nothing visible before their cutoff (their first
 *                                event is the purchase); kept with features computed from no events unless the
 *                                builder was told to drop them
 * @param dropped                 sessions not kept, by reason (empty when none)
 * @param eventsIn                events in the sessions read
 * @param eventsVisible           events the extractors saw (before the cutoffs) in the rows kept
 * @param droppedEmptyFeatures    features removed because every row was missing, when asked to (see
 *                                {@link FeatureTables.Builder#dropEmptyFeatures(boolean)}); empty otherwise
 * @param seconds                 wall-clock seconds
 */
public record BuildReport(String cutoff, long sessionsIn, long rows, long buyersIn, long buyersWithEmptyCutoff,
                          Map<String, Long> dropped, long eventsIn, long eventsVisible,
                          List<String> droppedEmptyFeatures, double seconds) {

    /** The reason under which dropped empty-cutoff buyers are counted in {@link #dropped()}. */
    public static final String BUYER_WITH_EMPTY_CUTOFF = "buyer with nothing before the cutoff";

    /** Validates and copies. */
    public BuildReport {
        Objects.requireNonNull(cutoff, "cutoff");
        dropped = Map.copyOf(dropped);
        droppedEmptyFeatures = List.copyOf(droppedEmptyFeatures);
    }

    /** Sessions read per second (0 when no time passed). */
    public double sessionsPerSecond() {
        return seconds > 0 ? sessionsIn / seconds : 0.0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("BuildReport[cutoff=").append(cutoff).append(", sessions in=").append(sessionsIn)
                .append(", rows=").append(rows).append(", buyers in=").append(buyersIn)
                .append(", buyers with nothing before the cutoff=").append(buyersWithEmptyCutoff)
                .append(", events in=").append(eventsIn).append(", events visible=").append(eventsVisible);
        if (!dropped.isEmpty()) {
            sb.append(", dropped=").append(dropped);
        }
        if (!droppedEmptyFeatures.isEmpty()) {
            sb.append(", empty features dropped=").append(droppedEmptyFeatures);
        }
        sb.append(String.format(", %.3f s]", seconds));
        return sb.toString();
    }
}
