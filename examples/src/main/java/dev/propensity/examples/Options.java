package dev.propensity.examples;

import dev.propensity.metrics.EvaluationProtocol;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Converters that check option values as they are parsed, so that a bad value is a usage error (exit 2). */
final class Options {
    /** The input format names {@code --format} accepts. */
    static final List<String> FORMATS = List.of("uci", "rees46", "retailrocket", "otto", "events", "features");

    private Options() {
    }

    /** The format names, for help and completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FORMATS.iterator();
        }
    }

    /** Checks {@code --format} against {@link #FORMATS}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(v)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use one of " + FORMATS);
            }
            return v;
        }
    }

    /** Checks {@code --eval} with {@link EvaluationProtocol#parse(String, long)}. */
    static final class EvalConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return EvaluationProtocol.parse(value, 0L).code();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code --out-of-order} with {@link Pipeline#duration(String)}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Pipeline.duration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The description of {@code --out-of-order}, the same on every command that reads events. */
    static final String OUT_OF_ORDER_HELP = "How much older than the latest event an event may arrive and still be "
            + "placed in its session, e.g. 30m or 2h (default 5m). Sorting the input by time is better: a larger "
            + "tolerance keeps sessions open, and in memory, longer.";

    /** Checks {@code --cutoff} with the features module's parser. */
    static final class CutoffConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Pipeline.cutoff(value);
                return value.trim();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Checks {@code --model} against the trainers known by name. */
    static final class ModelConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Pipeline.trainer(value, 0L);
                return value.trim();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A whole number of at least 1. */
    static final class PositiveIntConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n < 1) {
                throw new CommandLine.TypeConversionException("must be at least 1, was " + n);
            }
            return n;
        }
    }
}
