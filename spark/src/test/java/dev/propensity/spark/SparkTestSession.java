package dev.propensity.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The one Spark test fixture: each test class that extends it gets a local[2] session ({@link #spark}) and an engine
 * on it with the test settings ({@link #engine}), started before its tests and stopped after them.
 */
abstract class SparkTestSession {
    /** The session of the running test class. */
    static SparkSession spark;
    /** An engine on {@link #spark} with {@link #settings()}. */
    static SparkEngine engine;

    @BeforeAll
    static void startSpark() {
        spark = start();
        engine = SparkEngine.on(spark, settings());
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
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
