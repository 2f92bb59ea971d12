package dev.propensity.spark;

import org.apache.spark.sql.SparkSession;

/** The small local Spark session the tests share within one test class. */
final class SparkTestSession {
    private SparkTestSession() {
    }

    /** A local[2] session: UI off, 4 shuffle partitions, small driver memory footprint. */
    static SparkSession start() {
        return SparkSession.builder().appName("propensity-test").master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }

    /** Test settings: 4 partitions, 16 KiB REES46 ranges (so small files are read by several tasks). */
    static SparkSettings settings() {
        return SparkSettings.defaults().withPartitions(4).withRangeBytes(16 * 1024);
    }
}
