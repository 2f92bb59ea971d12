package dev.propensity.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SparkEngine#dashboard} did.
 *
 * @param aggregates      the KPIs, breakdowns and funnel, aggregated in Spark
 * @param trainedOnDriver whether a model was trained on the driver (the feature rows fit the collect limit)
 * @param trainedInExecutors whether a logistic model was fitted by Spark MLlib in the executors (above the collect
 *                        limit)
 * @param note            what was not done and why, or an empty string
 * @param files           every file written
 * @param seconds         wall time, seconds
 */
public record SparkDashboardResult(SparkAggregates aggregates, boolean trainedOnDriver, String note,
                                   List<Path> files, double seconds, boolean trainedInExecutors) {
    /** Validates and copies. */
    public SparkDashboardResult {
        Objects.requireNonNull(aggregates, "aggregates");
        Objects.requireNonNull(note, "note");
        files = List.copyOf(files);
        if (trainedOnDriver && trainedInExecutors) {
            throw new IllegalArgumentException("a model is trained on the driver or in the executors, not both");
        }
    }

    /**
     * A result without a model fitted in the executors.
     *
     * @param aggregates      the KPIs, breakdowns and funnel
     * @param trainedOnDriver whether a model was trained on the driver
     * @param note            what was not done and why, or an empty string
     * @param files           every file written
     * @param seconds         wall time, seconds
     */
    public SparkDashboardResult(SparkAggregates aggregates, boolean trainedOnDriver, String note, List<Path> files,
                                double seconds) {
        this(aggregates, trainedOnDriver, note, files, seconds, false);
    }

    /** Whether a model was trained, on the driver or in the executors ({@code model.propensity} is written). */
    public boolean trained() {
        return trainedOnDriver || trainedInExecutors;
    }
}
