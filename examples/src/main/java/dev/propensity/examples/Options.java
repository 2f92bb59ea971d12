package dev.propensity.examples;

import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.TrainerFactory;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.Training;
import dev.propensity.spark.Locations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options the subcommands share, as picocli mixins, and the converters that turn option text into the types the
 * library takes ({@link Cutoff}, {@link EvaluationProtocol}, {@link TrainerFactory}, {@link Duration}, the input
 * format). Each value is parsed once, here; a bad value is a usage error (exit code 2) with one line.
 *
 * <p>Options carry an {@code order} below picocli's default of -1, so that the help lists them, the shared ones
 * included, in the command's order (input, format, model, evaluation, cutoff, seed, sessions, output, lenient,
 * out-of-order) and before the standard help options.
 */
final class Options {
    private Options() {
    }

    /**
     * The file on this machine an option names: a path, or a {@code file:} URI.
     *
     * @param location the option's value
     * @param option   the option's name, for the message
     * @return the path
     * @throws InputProblem for a URI of another file system (one line: only {@code --engine spark} reads it)
     */
    static Path localFile(String location, String option) {
        Path p = Locations.localPath(location);
        if (p == null) {
            throw new InputProblem(location + ": " + option + " is a URI the single-machine engine cannot read (it"
                    + " reads local paths and file:/// URIs); read hdfs://, s3a:// and other Hadoop file systems"
                    + " with --engine spark");
        }
        return p;
    }

    /** The description of {@code --out-of-order}, the same on every command that reads events. */
    static final String OUT_OF_ORDER_HELP = "How much older than the latest event an event may arrive and still be "
            + "placed in its session, e.g. 30m or 2h (default 5m). Sorting the input by time is better: a larger "
            + "tolerance keeps sessions open, and in memory, longer.";

    /**
     * A {@code --format} value: one of the {@link InputFormat}s, or {@code features}, a feature CSV written by
     * {@code propensity features}.
     *
     * @param name   the name as the command takes it, lower case
     * @param format the format, or {@code null} for a feature CSV
     */
    record FormatChoice(String name, InputFormat format) {
        /** The name of the feature-CSV choice. */
        static final String FEATURES = "features";

        /** Validates. */
        FormatChoice {
            Objects.requireNonNull(name, "name");
        }

        /** Whether this is a feature CSV rather than an event log or session table. */
        boolean featureCsv() {
            return format == null;
        }

        /** The input source of a file in this format. */
        InputSource source(Path file) {
            return format == null ? InputSource.featureCsv(file) : InputSource.file(file, format);
        }

        /** Every choice, in the order the help lists them. */
        static List<FormatChoice> all() {
            List<FormatChoice> all = new ArrayList<>();
            for (InputFormat f : InputFormat.values()) {
                all.add(new FormatChoice(f.name().toLowerCase(Locale.ROOT), f));
            }
            all.add(new FormatChoice(FEATURES, null));
            return all;
        }
    }

    /**
     * The input options of a command that reads a file: the file, its format, strict or lenient reading and the
     * out-of-order tolerance. Two mixins, {@link RequiredInput} and {@link OptionalInput}, differ only in whether
     * {@code --input} must be given.
     */
    abstract static class InputOptions {
        @Option(names = {"-f", "--format"}, order = -90,
            paramLabel = "FORMAT", converter = FormatConverter.class,
                completionCandidates = Formats.class,
                description = "Input format: ${COMPLETION-CANDIDATES}; detected from the header when omitted.")
        FormatChoice format;

        @Option(order = -20, names = "--lenient",
                description = "Skip bad rows (counted by reason) instead of stopping at the first.")
        boolean lenient;

        @Option(names = "--out-of-order", order = -10,
            paramLabel = "DURATION", converter = DurationConverter.class,
                description = OUT_OF_ORDER_HELP)
        Duration outOfOrder;

        /** The input as given: a path, or a URI ({@code file:}, {@code hdfs:}, ...); {@code null} when none was given. */
        abstract String location();

        /**
         * The input file on this machine, or {@code null} when none was given: a path, or a {@code file:} URI.
         *
         * @throws InputProblem for a URI of another file system, which only {@code --engine spark} reads
         */
        Path input() {
            return location() == null ? null : localFile(location(), "--input");
        }

        /** The input as the library takes it: the file in the format given, or detected from its header. */
        InputSource source() {
            Objects.requireNonNull(input(), "input");
            return format == null ? InputSource.file(input()) : format.source(input());
        }

        @Option(names = "--max-session-events", order = -5, paramLabel = "N",
                defaultValue = "" + dev.propensity.core.Sessionizer.DEFAULT_MAX_SESSION_EVENTS,
                description = "Most events kept per session (later ones are dropped and counted; a session's first "
                        + "purchase is always kept). Bounds memory for any input. Default: ${DEFAULT-VALUE}.")
        int maxSessionEvents = dev.propensity.core.Sessionizer.DEFAULT_MAX_SESSION_EVENTS;

        /** Strict or lenient reading, with the out-of-order tolerance and maximum session length given. */
        ReadOptions readOptions() {
            if (maxSessionEvents < 1) {
                throw new InputProblem("--max-session-events must be at least 1, was " + maxSessionEvents);
            }
            ReadOptions o = ReadOptions.defaults().withLenient(lenient);
            o = o.withSessionizer(o.sessionizer().withMaxSessionEvents(maxSessionEvents));
            return outOfOrder == null ? o : o.withSessionizer(o.sessionizer().withOutOfOrderTolerance(outOfOrder));
        }
    }

    /** The input options with {@code --input} required. */
    static final class RequiredInput extends InputOptions {
        @Option(names = {"-i", "--input"}, order = -100,
            paramLabel = "FILE", required = true,
                description = "Event log or session table (or, with --format features, a feature CSV). With "
                        + "--engine spark also a URI: hdfs://..., s3a://..., file:///...")
        String input;

        @Override
        String location() {
            return input;
        }
    }

    /** The input options with {@code --input} optional (without it, sessions are simulated). */
    static final class OptionalInput extends InputOptions {
        @Option(names = {"-i", "--input"}, order = -100,
            paramLabel = "FILE",
                description = "Event log or session table to read (or, with --format features, a feature CSV). "
                        + "Without it: simulated sessions. With --engine spark also a URI: hdfs://..., s3a://..., "
                        + "file:///...")
        String input;

        @Override
        String location() {
            return input;
        }
    }

    /** {@code --cutoff}: which events the features may see. */
    static final class CutoffOption {
        @Option(names = "--cutoff", order = -60,
            paramLabel = "POLICY", defaultValue = "before-purchase",
                converter = CutoffConverter.class,
                description = "Which events features may see: before-purchase (default), events:N (first N events) "
                        + "or minutes:T (first T minutes). Score with the cutoff the model was trained with.")
        Cutoff cutoff;
    }

    /** {@code --seed}. */
    static final class SeedOption {
        @Option(names = "--seed", order = -50,
            paramLabel = "N", defaultValue = "42",
                description = "Seed of everything random (simulator, folds, trainer): the same seed gives the same "
                        + "output. Default: ${DEFAULT-VALUE}.")
        long seed;
    }

    /** {@code --out} of a command that writes one CSV file, or standard output. */
    static final class CsvOutput {
        /** The {@code --out} value that means standard output. */
        static final String STDOUT = "-";

        @Option(names = {"-o", "--out"}, order = -30,
            paramLabel = "FILE.csv", required = true,
                description = "The CSV file to write, or - for standard output.")
        String out;

        /** Whether the CSV goes to standard output. */
        boolean toStdout() {
            return STDOUT.equals(out);
        }

        /** The file, or {@code null} for standard output (a {@code file:} URI is its path; another URI: one line). */
        Path file() {
            return toStdout() ? null : localFile(out, "--out");
        }
    }

    /** The format names, for help and completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FormatChoice.all().stream().map(FormatChoice::name).iterator();
        }
    }

    /** A converter from a library parser: its {@link IllegalArgumentException} becomes a usage error. */
    private abstract static class Parsing<T> implements CommandLine.ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --format}: an input format name, or {@code features}. */
    static final class FormatConverter extends Parsing<FormatChoice> {
        FormatConverter() {
            super(Options::format);
        }
    }

    /** {@code --eval}: {@link EvaluationProtocol#parse(String, long)}, seed 0 until the command gives it the run's. */
    static final class EvalConverter extends Parsing<EvaluationProtocol> {
        EvalConverter() {
            super(text -> EvaluationProtocol.parse(text, 0L));
        }
    }

    /** {@code --train-on}: {@link Training#parse(String)}. */
    static final class TrainingConverter extends Parsing<Training> {
        TrainingConverter() {
            super(Training::parse);
        }
    }

    /** {@code --cutoff}: {@link Cutoffs#parse(String)}. */
    static final class CutoffConverter extends Parsing<Cutoff> {
        CutoffConverter() {
            super(Cutoffs::parse);
        }
    }

    /** {@code --model}: the factory registered under the name ({@link Trainers#factory(String)}). */
    static final class ModelConverter extends Parsing<TrainerFactory> {
        ModelConverter() {
            super(Trainers::factory);
        }
    }

    /**
     * A path on this machine (a {@code file:} URI is its path): for options the driver reads or writes itself
     * ({@code dashboard --out}, {@code score --model}); another URI is a usage error.
     */
    static final class LocalPathConverter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = Locations.localPath(value);
            if (p == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a local path or file:/// URI"
                        + " (this file is read or written on this machine)");
            }
            return p;
        }
    }

    /** {@code --out-of-order}: {@link #duration(String)}. */
    static final class DurationConverter extends Parsing<Duration> {
        DurationConverter() {
            super(Options::duration);
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

    /**
     * Parses a {@code --format} value.
     *
     * @param text a format name ({@code uci}, {@code rees46}, {@code retailrocket}, {@code otto}, {@code events})
     *             or {@code features}, in any case
     * @return the choice
     * @throws IllegalArgumentException naming the accepted names
     */
    static FormatChoice format(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (FormatChoice c : FormatChoice.all()) {
            if (c.name().equals(v)) {
                return c;
            }
            names.add(c.name());
        }
        throw new IllegalArgumentException("'" + text + "' is not a format; use one of " + names);
    }

    /**
     * Parses a duration as the command takes it: a whole number with a unit, {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}), or ISO-8601 ({@code PT30M}).
     *
     * @param text the text
     * @return the duration, zero or more
     * @throws IllegalArgumentException when the text is none of these, or negative
     */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                if (t.length() < 2) {
                    throw new NumberFormatException();
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a number with s, m, h or d "
                    + "(e.g. 30m, 2h) or ISO-8601 (PT30M)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "': the duration must not be negative");
        }
        return d;
    }
}
