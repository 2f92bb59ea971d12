/**
 * Benchmarks of Propensity against the tools its users would pick instead, run side by side on the same machine:
 * DuckDB (ingest and per-session aggregation), pandas, scikit-learn and Tribuo as shipped (training and scoring).
 *
 * <p>{@link dev.propensity.bench.BenchSuite} runs everything and prints one table; each measured side runs in its
 * own child JVM or process so that peak memory (resident set, {@code VmHWM}) is comparable. Scoring is measured
 * with JMH ({@link dev.propensity.bench.ScoringBenchmark}). Nothing here runs as a test; run {@code bench/run.sh}.
 */
package dev.propensity.bench;
