package dev.propensity.examples;

import dev.propensity.core.Session;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.Trainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The small adapters the command and {@link DashboardRun} share: option text to library objects, and a session
 * iterator that times its reader and reports progress.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * The cutoff policy of a command-line value.
     *
     * @param text {@code before-purchase}, {@code events:N} or {@code minutes:T}
     * @return the policy
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Cutoff cutoff(String text) {
        return Cutoffs.parse(text);
    }

    /**
     * The trainer of a command-line name, made by its registered factory with the run's seed.
     *
     * @param name {@code logistic}, {@code xgboost}, {@code random-forest}, {@code stack} or a registered name
     * @param seed the seed
     * @return the trainer
     * @throws IllegalArgumentException naming the known trainers when the name is unknown
     */
    public static ModelTrainer trainer(String name, long seed) {
        return Trainers.byName(name, seed);
    }

    /**
     * The input format of a command-line name ({@code null} stays {@code null}: detect from the header).
     *
     * @param name a format name other than {@code features}, or {@code null}
     * @return the format, or {@code null}
     */
    public static InputFormat format(String name) {
        return name == null ? null : InputFormat.parse(name);
    }

    /**
     * Opens a file's sessions.
     *
     * @param file    the file
     * @param format  the format name, or {@code null} to detect it
     * @param lenient whether to skip and count bad rows
     * @return the reader, to be closed
     * @throws IOException when the file cannot be read
     */
    public static SessionReader open(Path file, String format, boolean lenient) throws IOException {
        return open(file, format(format), lenient);
    }

    /**
     * Opens a file's sessions in a format already known (or detected).
     *
     * @param file    the file
     * @param format  the format, or {@code null} to detect it
     * @param lenient whether to skip and count bad rows
     * @return the reader, to be closed
     * @throws IOException when the file cannot be read
     */
    public static SessionReader open(Path file, InputFormat format, boolean lenient) throws IOException {
        return open(file, format, readOptions(lenient, null));
    }

    /**
     * Opens a file's sessions with the given read options.
     *
     * @param file    the file
     * @param format  the format, or {@code null} to detect it
     * @param options strict or lenient, sessionizer
     * @return the reader, to be closed
     * @throws IOException when the file cannot be read
     */
    public static SessionReader open(Path file, InputFormat format, ReadOptions options) throws IOException {
        return Inputs.sessions(file, format, options);
    }

    /**
     * The command's read options: strict or lenient, and how much older than the latest event an event may arrive
     * and still be placed in its session.
     *
     * @param lenient    whether to skip and count bad rows
     * @param outOfOrder the out-of-order tolerance (zero or more), or {@code null} for the default
     * @return the options
     */
    public static ReadOptions readOptions(boolean lenient, Duration outOfOrder) {
        ReadOptions o = ReadOptions.defaults().withLenient(lenient);
        return outOfOrder == null ? o : o.withSessionizer(o.sessionizer().withOutOfOrderTolerance(outOfOrder));
    }

    /**
     * Parses a duration as the command takes it: a whole number with a unit, {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}), or ISO-8601 ({@code PT30M}).
     *
     * @param text the text
     * @return the duration, zero or more
     * @throws IllegalArgumentException when the text is none of these, or negative
     */
    public static Duration duration(String text) {
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
        } catch (NumberFormatException | java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a number with s, m, h or d "
                    + "(e.g. 30m, 2h) or ISO-8601 (PT30M)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "': the duration must not be negative");
        }
        return d;
    }

    /**
     * The sessions of a reader as an iterator that counts them, measures the time spent reading, and reports
     * progress. An {@link IOException} surfaces as {@link UncheckedIOException}.
     *
     * @param reader   the reader (not closed by the iterator)
     * @param progress where to report the count
     * @return the iterator
     */
    public static TimedSessions timed(SessionReader reader, Progress progress) {
        return new TimedSessions(reader, progress);
    }

    /** Sessions pulled from a reader, counted and timed. */
    public static final class TimedSessions implements Iterator<Session> {
        private final SessionReader reader;
        private final Progress progress;
        private Session next;
        private boolean done;
        private long count;
        private long nanos;

        private TimedSessions(SessionReader reader, Progress progress) {
            this.reader = Objects.requireNonNull(reader, "reader");
            this.progress = Objects.requireNonNull(progress, "progress");
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                long t0 = System.nanoTime();
                try {
                    next = reader.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    nanos += System.nanoTime() - t0;
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public Session next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more sessions");
            }
            Session s = next;
            next = null;
            count++;
            if ((count & 1023) == 0) {
                progress.rows(count);
            }
            return s;
        }

        /** Sessions returned so far. */
        public long count() {
            return count;
        }

        /** Seconds spent inside the reader (reading, parsing, sessionizing). */
        public double readSeconds() {
            return nanos / 1e9;
        }
    }
}
