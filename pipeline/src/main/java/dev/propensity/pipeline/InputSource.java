package dev.propensity.pipeline;

import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.InputPaths;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a run reads: a file in one of the {@link InputFormat}s (an event log, or the UCI session table), a feature
 * CSV written by {@code propensity features}, or simulated sessions. A closed set: {@link DataFile} and
 * {@link FeatureFile} (both {@link FromFile}), and {@link Simulated}.
 *
 * <pre>{@code
 * InputSource.file(Path.of("events.csv"))                         // format detected from the header
 * InputSource.file(Path.of("online_shoppers.csv"), InputFormat.UCI)
 * InputSource.featureCsv(Path.of("features.csv"))
 * InputSource.simulated(20_000, 42)
 * }</pre>
 */
public sealed interface InputSource permits InputSource.FromFile, InputSource.Simulated {

    /** The input as the report names it: the file as given, or {@code simulated sessions (seed N)}. */
    String describe();

    /** A short name for a title: the file's name, or {@code simulated sessions}. */
    String shortName();

    /**
     * A file whose format is detected from its first line when it is read.
     *
     * @param file the file
     * @return the source
     */
    static DataFile file(Path file) {
        return new DataFile(file, null);
    }

    /**
     * A file in a known format.
     *
     * @param file   the file
     * @param format its format
     * @return the source
     */
    static DataFile file(Path file, InputFormat format) {
        return new DataFile(file, Objects.requireNonNull(format, "format"));
    }

    /**
     * A feature CSV ({@code session_id,label,<features>}) as {@code propensity features} writes it: the rows are
     * read as they are, with ids and labels only (no times, events or attributes to break conversion down by).
     *
     * @param file the file
     * @return the source
     */
    static FeatureFile featureCsv(Path file) {
        return new FeatureFile(file);
    }

    /**
     * Sessions from the seeded clickstream simulator ({@code SyntheticSessions.generate}).
     *
     * @param sessions how many, at least 1
     * @param seed     the simulator's seed
     * @return the source
     */
    static Simulated simulated(int sessions, long seed) {
        return new Simulated(sessions, seed);
    }

    /** An input read from a file: described by its path as given, named by its file name. */
    sealed interface FromFile extends InputSource permits DataFile, FeatureFile {
        /** The file. */
        Path file();

        @Override
        default String describe() {
            return file().toString();
        }

        @Override
        default String shortName() {
            Path name = file().getFileName();
            return name == null ? file().toString() : name.toString();
        }
    }

    /**
     * An event log or session table in one of the {@link InputFormat}s.
     *
     * @param file   the file
     * @param format its format, or {@code null} to detect it from the first line when it is read
     */
    record DataFile(Path file, InputFormat format) implements FromFile {
        /** Validates. */
        public DataFile {
            InputPaths.requireRegularFile(Objects.requireNonNull(file, "file"));
        }
    }

    /**
     * A feature CSV written by {@code propensity features}.
     *
     * @param file the file
     */
    record FeatureFile(Path file) implements FromFile {
        /** Validates. */
        public FeatureFile {
            InputPaths.requireRegularFile(Objects.requireNonNull(file, "file"));
        }
    }

    /**
     * Simulated sessions.
     *
     * @param sessions how many, at least 1
     * @param seed     the simulator's seed
     */
    record Simulated(int sessions, long seed) implements InputSource {
        /** Validates. */
        public Simulated {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions must be >= 1, was " + sessions);
            }
        }

        @Override
        public String describe() {
            return "simulated sessions (seed " + seed + ")";
        }

        @Override
        public String shortName() {
            return "simulated sessions";
        }
    }
}
