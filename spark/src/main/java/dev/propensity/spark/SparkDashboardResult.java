package dev.propensity.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SparkEngine#dashboard} did.
 *
 * @param aggregates      the KPIs, breakdowns and funnel, aggregated in Spark
 * @param trainedOnDriver whether a model was trained on the driver (the feature rows fit the collect limit)
 * @param note            what was not done and why, or an empty string
 * @param files           every file written
 * @param seconds         wall time, seconds
 */
public record SparkDashboardResult(SparkAggregates aggregates, boolean trainedOnDriver, String note,
                                   List<Path> files, double seconds) {
    /** Validates and copies. */
    public SparkDashboardResult {
        Objects.requireNonNull(aggregates, "aggregates");
        Objects.requireNonNull(note, "note");
        files = List.copyOf(files);
    }
}
