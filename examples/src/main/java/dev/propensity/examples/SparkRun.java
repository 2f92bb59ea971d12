package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoff;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelTrainer;
import dev.propensity.spark.SparkDashboardResult;
import dev.propensity.spark.Locations;
import dev.propensity.spark.SparkEngine;
import dev.propensity.spark.SparkOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The commands' {@code --engine spark} branch: the same job through the spark module's {@link SparkEngine}. Kept
 * apart so that the commands load no Spark class unless asked to.
 */
final class SparkRun {
    /** The one line shown when Spark is not on the class path. */
    static final String NO_SPARK = "--engine spark needs Apache Spark on the class path: run it through ./propensity"
            + " (which adds spark/target/classpath.txt) or with spark-submit (see docs/spark.md)";

    private SparkRun() {
    }

    /** Refuses, with one line, when Spark is not on the class path. */
    static void requireSpark() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkRun.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InputProblem(NO_SPARK);
        }
    }

    /**
     * When the output and the input are both on this machine (paths or {@code file:} URIs), the single machine's
     * output checks: never the input, never where a file stands in the way of a parent directory.
     */
    static void checkLocal(String out, String input) {
        Path o = Locations.localPath(out);
        Path in = Locations.localPath(input);
        if (o != null && in != null && !Files.isDirectory(o)) {
            Outputs.checkFile(o, in);
        }
    }

    /** {@code features --engine spark}: input and output are local paths or Hadoop file system URIs. */
    static void features(EngineOption engine, String input, InputFormat format, Cutoff cutoff, ReadOptions options,
                         String out, PrintWriter summary) throws IOException {
        requireSpark();
        try (SparkEngine spark = SparkEngine.start(engine.settings())) {
            SparkOutput o = spark.writeFeatures(input, format, cutoff, options, out);
            summary.printf(Locale.ROOT, "%,d sessions (%,d purchases) -> %s (spark %s, %.1f s)%n", o.rows(),
                    o.purchases(), describe(o), spark.master(), o.seconds());
        }
    }

    /** {@code score --engine spark}: input and output are local paths or Hadoop file system URIs. */
    static void score(EngineOption engine, Path model, String input, InputFormat format, Cutoff cutoff,
                      ReadOptions options, String out, PrintWriter summary) throws IOException {
        requireSpark();
        try (SparkEngine spark = SparkEngine.start(engine.settings())) {
            SparkOutput o = spark.score(model, input, format, cutoff, options, out);
            summary.printf(Locale.ROOT, "%,d sessions scored -> %s (spark %s, %.1f s)%n", o.rows(), describe(o),
                    spark.master(), o.seconds());
        }
    }

    /** {@code dashboard --engine spark}: the input a local path or a Hadoop file system URI. */
    static void dashboard(EngineOption engine, String input, InputFormat format, Cutoff cutoff, ReadOptions options,
                          ModelTrainer trainer, EvaluationProtocol protocol, long seed, Path out, PrintWriter summary)
            throws IOException {
        requireSpark();
        try (SparkEngine spark = SparkEngine.start(engine.settings())) {
            SparkDashboardResult r = spark.dashboard(input, format, cutoff, options, trainer, protocol,
                    LogisticConfig.defaults().withSeed(seed), out);
            summary.printf(Locale.ROOT, "%,d sessions, %,d purchases (%.2f%%); aggregates and features on spark %s;"
                            + " %s -> %s (%.1f s)%n", r.aggregates().kpis().sessions(),
                    r.aggregates().kpis().purchases(), 100 * r.aggregates().kpis().conversionRate(),
                    spark.master(),
                    r.trainedOnDriver() ? "model evaluated by " + protocol.code() + " and trained on the driver"
                            + " (out-of-fold predictions in predictions.csv, report.json)" : r.note(), out,
                    r.seconds());
        }
    }

    private static String describe(SparkOutput o) {
        return o.files().size() == 1 ? o.files().get(0) : String.join(", ", o.files());
    }
}
