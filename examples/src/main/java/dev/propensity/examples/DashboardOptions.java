package dev.propensity.examples;

import dev.propensity.core.io.ReadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link DashboardRun} reads, how it evaluates, and where it writes. The same settings as the
 * {@code propensity dashboard} options.
 *
 * @param input    the event log or session table, or {@code null} to simulate {@code sessions} sessions
 * @param format   the input format name ({@code uci}, {@code rees46}, {@code retailrocket}, {@code otto},
 *                 {@code events}, {@code features}), or {@code null} to detect it from the header
 * @param model    the trainer name ({@code logistic}, {@code xgboost}, {@code random-forest} or one a user
 *                 registered)
 * @param eval     the evaluation protocol: {@code cv:K}, {@code holdout:F} or {@code time:F}
 * @param cutoff   the cutoff policy: {@code before-purchase}, {@code events:N} or {@code minutes:T}
 * @param seed     the seed for the simulator, the folds and the trainer
 * @param sessions how many sessions to simulate when {@code input} is {@code null}; at least 1
 * @param out      the output directory (created when missing)
 * @param lenient  whether bad rows are skipped and counted instead of stopping the run
 * @param outOfOrder how much older than the latest event an event may arrive and still be placed in its session
 *                 (zero or more), or {@code null} for the reader's default of
 *                 {@value dev.propensity.core.Sessionizer#DEFAULT_TOLERANCE_MINUTES} minutes
 */
public record DashboardOptions(Path input, String format, String model, String eval, String cutoff, long seed,
                               int sessions, Path out, boolean lenient, Duration outOfOrder) {

    /** The default number of simulated sessions. */
    public static final int DEFAULT_SESSIONS = 20_000;

    /** Validates; see the parameters. */
    public DashboardOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(out, "out");
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, was " + sessions);
        }
        if (outOfOrder != null && outOfOrder.isNegative()) {
            throw new IllegalArgumentException("outOfOrder must be >= 0, was " + outOfOrder);
        }
    }

    /** The options with the reader's default out-of-order tolerance; see the parameters. */
    public DashboardOptions(Path input, String format, String model, String eval, String cutoff, long seed,
                            int sessions, Path out, boolean lenient) {
        this(input, format, model, eval, cutoff, seed, sessions, out, lenient, null);
    }

    /**
     * The command's defaults: simulated sessions, logistic regression, {@code cv:5}, before-purchase cutoff,
     * seed 42, strict reading with the reader's out-of-order tolerance.
     *
     * @param out the output directory
     * @return the options
     */
    public static DashboardOptions defaults(Path out) {
        return new DashboardOptions(null, null, "logistic", "cv:5", "before-purchase", 42L, DEFAULT_SESSIONS, out,
                false, null);
    }

    /** These options reading the given file (format detected unless set). */
    public DashboardOptions withInput(Path newInput) {
        return new DashboardOptions(newInput, format, model, eval, cutoff, seed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options with the given input format ({@code null} to detect). */
    public DashboardOptions withFormat(String newFormat) {
        return new DashboardOptions(input, newFormat, model, eval, cutoff, seed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options with another trainer. */
    public DashboardOptions withModel(String newModel) {
        return new DashboardOptions(input, format, newModel, eval, cutoff, seed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options with another evaluation protocol ({@code cv:K}, {@code holdout:F}, {@code time:F}). */
    public DashboardOptions withEval(String newEval) {
        return new DashboardOptions(input, format, model, newEval, cutoff, seed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options with another cutoff policy. */
    public DashboardOptions withCutoff(String newCutoff) {
        return new DashboardOptions(input, format, model, eval, newCutoff, seed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options with another seed. */
    public DashboardOptions withSeed(long newSeed) {
        return new DashboardOptions(input, format, model, eval, cutoff, newSeed, sessions, out, lenient,
                outOfOrder);
    }

    /** These options simulating another number of sessions. */
    public DashboardOptions withSessions(int newSessions) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, newSessions, out, lenient,
                outOfOrder);
    }

    /** These options writing to another directory. */
    public DashboardOptions withOut(Path newOut) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, newOut, lenient,
                outOfOrder);
    }

    /** These options with lenient (skip and count bad rows) or strict reading. */
    public DashboardOptions withLenient(boolean newLenient) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, out, newLenient,
                outOfOrder);
    }

    /** These options with another out-of-order tolerance ({@code null}: the reader's default). */
    public DashboardOptions withOutOfOrder(Duration newOutOfOrder) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, out, lenient, newOutOfOrder);
    }

    /** How the input is read: strict or lenient, with the out-of-order tolerance. */
    public ReadOptions readOptions() {
        return Pipeline.readOptions(lenient, outOfOrder);
    }
}
