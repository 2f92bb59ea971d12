package dev.propensity.examples;

import dev.propensity.spark.SparkSettings;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark [--master URL] [--partitions N] [--collect-limit N]}, shared by {@code features},
 * {@code score} and {@code dashboard}: where the job runs.
 */
final class EngineOption {
    /** Where a job runs. */
    enum Engine {
        /** This JVM (the default). */
        LOCAL,
        /** Apache Spark (the spark module; Spark must be on the class path, which ./propensity adds). */
        SPARK
    }

    @Option(names = "--engine", order = 10, paramLabel = "ENGINE", defaultValue = "local",
            converter = EngineConverter.class,
            description = "local (default): this JVM; spark: the same job on Apache Spark (./propensity adds the "
                    + "spark module's class path; see docs/spark.md for spark-submit).")
    Engine engine;

    @Option(names = "--master", order = 11, paramLabel = "URL",
            description = "With --engine spark: the Spark master, local[2], yarn, k8s://..., spark://... "
                    + "(default: what spark-submit sets, else local[2]).")
    String master;

    @Option(names = "--partitions", order = 12, paramLabel = "N", defaultValue = "8",
            converter = Options.PositiveIntConverter.class,
            description = "With --engine spark: shuffle partitions for sessions and features. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--collect-limit", order = 13, paramLabel = "ROWS", defaultValue = "3000000",
            converter = Options.PositiveIntConverter.class,
            description = "With --engine spark: the most feature rows brought to the driver (one CSV file, training "
                    + "on the driver). Default: ${DEFAULT-VALUE}.")
    int collectLimit;

    /** Whether the job runs on Spark; refuses Spark-only options without it. */
    boolean spark(CommandLine cl) {
        if (engine == Engine.SPARK) {
            return true;
        }
        if (master != null) {
            throw new CommandLine.ParameterException(cl, "--master needs --engine spark");
        }
        return false;
    }

    /** The Spark settings of the options. */
    SparkSettings settings() {
        return SparkSettings.defaults().withMaster(master).withPartitions(partitions).withCollectLimit(collectLimit);
    }

    /** Parses {@code local} or {@code spark}, any case. */
    static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            for (Engine e : Engine.values()) {
                if (e.name().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("unknown engine '" + value + "'; expected local or spark");
        }
    }

    /** The name of an engine as the command takes it. */
    static String name(Engine e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
