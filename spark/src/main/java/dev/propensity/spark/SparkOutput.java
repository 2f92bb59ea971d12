package dev.propensity.spark;

import java.util.List;
import java.util.Objects;

/**
 * What a Spark job wrote.
 *
 * @param rows      rows written (sessions)
 * @param purchases rows with label 1
 * @param files     the files or directories written (paths or URIs), in the order written
 * @param seconds   wall time of the job, seconds
 */
public record SparkOutput(long rows, long purchases, List<String> files, double seconds) {
    /** Validates and copies. */
    public SparkOutput {
        if (rows < 0 || purchases < 0 || purchases > rows) {
            throw new IllegalArgumentException("need 0 <= purchases <= rows, was " + purchases + " of " + rows);
        }
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }
}
