/**
 * The pipeline on Apache Spark: {@link dev.propensity.spark.SparkEngine} reads events with the project's own
 * readers inside the executors, groups them into sessions with the {@link dev.propensity.core.Sessionizer}'s
 * rules, computes feature rows with the project's one feature engine (the features module, reached through one
 * adapter class), scores them with a broadcast model file, and aggregates the dashboard's KPIs, breakdowns and
 * funnel in Spark; charts are drawn on the driver from those aggregates. Models train on the driver when the
 * feature rows fit the collect limit, and above it as logistic regression by Spark MLlib in the executors,
 * converted into the project's model file.
 *
 * <p>Spark is a {@code provided} dependency: the jar holds only this module's classes, and Spark comes from the
 * cluster ({@code spark-submit}) or, for {@code ./propensity ... --engine spark}, from the class path the launcher
 * adds. See {@code docs/spark.md}.
 */
package dev.propensity.spark;
