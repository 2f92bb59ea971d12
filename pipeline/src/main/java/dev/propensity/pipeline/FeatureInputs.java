package dev.propensity.pipeline;

import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.Workers;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.InputPaths;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.Cutoff;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns an {@link InputSource} into feature rows: the read and features steps of the pipeline, and the same for
 * the commands that score a file or stream its rows to CSV. This is the one place the pipeline module builds
 * feature tables, so a change of the features module's builder touches only this class.
 *
 * <p>A REES46 file grouped by session id is read straight into session views and feature rows in one pass, with
 * any extractors and cutoff, in two parts at once when the workers have two threads or more; its rows then come in
 * the order of the two halves of the file, with the same values. Other formats are read, sessionized and turned
 * into rows as a stream, with reading and feature extraction timed apart. The parallel work runs on the
 * {@link Workers} given (the pipeline's).
 */
public final class FeatureInputs {
    private FeatureInputs() {
    }

    /**
     * Reads an input into a feature table, as the pipeline does.
     *
     * @param source   what to read
     * @param cutoff   which events the features may see
     * @param options  how to read a file (strict or lenient, sessionizer)
     * @param progress where the phases ({@code read}, {@code features}, {@code read + features}) are shown
     * @return the table, with how the reading went
     * @throws IOException when the file cannot be read
     * @throws dev.propensity.core.io.InputException at the first bad row when reading strictly, or for a file of
     *                                               no known format
     */
    public static LoadedInput load(InputSource source, Cutoff cutoff, ReadOptions options, Progress progress)
            throws IOException {
        return load(source, cutoff, options, new PhaseClock(progress), Workers.defaults());
    }

    /**
     * Reads an input into a feature table, as the pipeline does, on the given workers.
     *
     * @param source   what to read
     * @param cutoff   which events the features may see
     * @param options  how to read a file (strict or lenient, sessionizer)
     * @param progress where the phases are shown
     * @param workers  the threads the reading and the features run on
     * @return the table, with how the reading went
     * @throws IOException when the file cannot be read
     */
    public static LoadedInput load(InputSource source, Cutoff cutoff, ReadOptions options, Progress progress,
                                   Workers workers) throws IOException {
        return load(source, cutoff, options, new PhaseClock(progress), workers);
    }

    static LoadedInput load(InputSource source, Cutoff cutoff, ReadOptions options, PhaseClock clock,
                            Workers workers) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        FeatureTables.Builder builder = FeatureTables.builder().cutoff(Objects.requireNonNull(cutoff, "cutoff"))
                .workers(Objects.requireNonNull(workers, "workers"));
        if (source instanceof InputSource.Simulated s) {
            clock.start("read");
            List<Session> sessions = SyntheticSessions.generate(s.sessions(), s.seed());
            clock.end();
            clock.start("features");
            FeatureTables.Result r = builder.buildWithReport(sessions);
            clock.end();
            return new LoadedInput(source, "simulated", r.table(), null, r.report(), clock.seconds("read"),
                    clock.seconds("features"), false);
        }
        if (source instanceof InputSource.FeatureFile f) {
            clock.start("read");
            FeatureTable table = FeatureCsv.read(f.file());
            clock.end();
            return new LoadedInput(source, "features", table, null, null, clock.seconds("read"), 0.0, false);
        }
        InputSource.DataFile d = (InputSource.DataFile) source;
        Path file = d.file();
        InputFormat format = d.format() != null ? d.format() : InputFormat.detect(file);
        String name = format.name().toLowerCase(Locale.ROOT);
        if (format == InputFormat.REES46) {
            // the features module reads the bytes straight into feature rows (in two parts when strict)
            clock.start("read + features");
            FeatureTables.Result r = builder.build(file, format, options);
            clock.end();
            return new LoadedInput(source, name, r.table(), r.read(), r.report(), clock.seconds("read + features"),
                    0.0, true);
        }
        clock.start("read + features");
        long t0 = System.nanoTime();
        try (SessionReader reader = Inputs.sessions(file, format, options)) {
            TimedSessions sessions = new TimedSessions(reader.stream().iterator(), clock);
            FeatureTables.Result r = builder.buildWithReport(sessions);
            clock.end();
            double total = (System.nanoTime() - t0) / 1e9;
            return new LoadedInput(source, name, r.table(), reader.report(), r.report(), sessions.readSeconds(),
                    Math.max(0, total - sessions.readSeconds()), false);
        }
    }

    /**
     * Reads an input into a feature table whose rows are in the order the sessions end in the input (for a file,
     * file order; a feature CSV as it is), as {@code propensity score} writes them.
     *
     * @param source  what to read
     * @param cutoff  which events the features may see
     * @param options how to read a file
     * @return the table
     * @throws IOException when the file cannot be read
     */
    public static FeatureTable readInOrder(InputSource source, Cutoff cutoff, ReadOptions options)
            throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        FeatureTables.Builder builder = FeatureTables.builder().cutoff(Objects.requireNonNull(cutoff, "cutoff"));
        if (source instanceof InputSource.Simulated s) {
            return builder.build(SyntheticSessions.generate(s.sessions(), s.seed()));
        }
        if (source instanceof InputSource.FeatureFile f) {
            return FeatureCsv.read(f.file());
        }
        InputSource.DataFile d = (InputSource.DataFile) source;
        InputFormat format = d.format() != null ? d.format() : InputFormat.detect(d.file());
        // one part: the rows come in the order the sessions end in the file
        return builder.threads(1).build(d.file(), format, options).table();
    }

    /**
     * Streams the feature rows of a file to CSV ({@code session_id,label,<features>}) without keeping them, as
     * {@code propensity features} does: memory grows with the sessions open at once, not with the file.
     *
     * @param file    the event log or session table
     * @param format  its format ({@link InputFormat#detect(Path)} finds it; detect it before opening the output,
     *                so that a missing or unreadable input leaves an earlier output alone)
     * @param cutoff  which events the features may see
     * @param options how to read it
     * @param out     where the CSV goes (not closed)
     * @return how the rows were built and the file read
     * @throws IOException when reading or writing fails
     */
    public static FeatureCsv.Streamed writeCsv(Path file, InputFormat format, Cutoff cutoff, ReadOptions options,
                                               Writer out) throws IOException {
        Objects.requireNonNull(format, "format");
        InputPaths.requireRegularFile(file);
        return FeatureCsv.stream(file, format, options, FeatureTables.builder().cutoff(cutoff), out);
    }
}
