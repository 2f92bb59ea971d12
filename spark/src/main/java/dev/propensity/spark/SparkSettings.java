package dev.propensity.spark;

import java.util.Objects;

/**
 * How the Spark engine runs.
 *
 * @param master       the Spark master URL ({@code local[2]}, {@code yarn}, {@code k8s://...}, {@code spark://...}),
 *                     or {@code null} to take it from {@code spark-submit} (and {@code local[2]} when nothing sets it)
 * @param partitions   shuffle partitions (the parallelism of sessionizing and features), at least 1
 * @param rangeBytes   the bytes of a REES46 file one read task takes, at least 1 KiB
 * @param collectLimit the most feature rows collected to the driver to train there, write one CSV file, or build
 *                     a table; above it the work stays distributed (MLlib training, part files)
 */
public record SparkSettings(String master, int partitions, long rangeBytes, long collectLimit) {
    /** The default collect limit: 3 million rows (about 1 GB of driver heap for the standard features). */
    public static final long DEFAULT_COLLECT_LIMIT = 3_000_000L;

    /** Validates. */
    public SparkSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (rangeBytes < 1024) {
            throw new IllegalArgumentException("rangeBytes must be >= 1024, was " + rangeBytes);
        }
        if (collectLimit < 0) {
            throw new IllegalArgumentException("collectLimit must be >= 0, was " + collectLimit);
        }
    }

    /** Master from spark-submit (else {@code local[2]}), 8 partitions, 32 MiB ranges, the default collect limit. */
    public static SparkSettings defaults() {
        return new SparkSettings(null, 8, 32L << 20, DEFAULT_COLLECT_LIMIT);
    }

    /** A copy with another master URL ({@code null}: from spark-submit). */
    public SparkSettings withMaster(String value) {
        return new SparkSettings(value, partitions, rangeBytes, collectLimit);
    }

    /** A copy with another number of shuffle partitions. */
    public SparkSettings withPartitions(int value) {
        return new SparkSettings(master, value, rangeBytes, collectLimit);
    }

    /** A copy with another REES46 range size. */
    public SparkSettings withRangeBytes(long value) {
        return new SparkSettings(master, partitions, value, collectLimit);
    }

    /** A copy with another collect limit. */
    public SparkSettings withCollectLimit(long value) {
        return new SparkSettings(master, partitions, rangeBytes, value);
    }

    @Override
    public String toString() {
        return "SparkSettings[master=" + Objects.requireNonNullElse(master, "(spark-submit, else local[2])")
                + ", partitions=" + partitions + ", rangeBytes=" + rangeBytes + ", collectLimit=" + collectLimit + "]";
    }
}
