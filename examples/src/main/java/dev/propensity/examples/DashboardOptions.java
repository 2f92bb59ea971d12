package dev.propensity.examples;

import java.nio.file.Path;
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
 */
public record DashboardOptions(Path input, String format, String model, String eval, String cutoff, long seed,
                               int sessions, Path out, boolean lenient) {

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
    }

    /**
     * The command's defaults: simulated sessions, logistic regression, {@code cv:5}, before-purchase cutoff,
     * seed 42, strict reading.
     *
     * @param out the output directory
     * @return the options
     */
    public static DashboardOptions defaults(Path out) {
        return new DashboardOptions(null, null, "logistic", "cv:5", "before-purchase", 42L, DEFAULT_SESSIONS, out, false);
    }

    /** These options reading the given file (format detected unless set). */
    public DashboardOptions withInput(Path newInput) {
        return new DashboardOptions(newInput, format, model, eval, cutoff, seed, sessions, out, lenient);
    }

    /** These options with the given input format ({@code null} to detect). */
    public DashboardOptions withFormat(String newFormat) {
        return new DashboardOptions(input, newFormat, model, eval, cutoff, seed, sessions, out, lenient);
    }

    /** These options with another trainer. */
    public DashboardOptions withModel(String newModel) {
        return new DashboardOptions(input, format, newModel, eval, cutoff, seed, sessions, out, lenient);
    }

    /** These options with another evaluation protocol ({@code cv:K}, {@code holdout:F}, {@code time:F}). */
    public DashboardOptions withEval(String newEval) {
        return new DashboardOptions(input, format, model, newEval, cutoff, seed, sessions, out, lenient);
    }

    /** These options with another cutoff policy. */
    public DashboardOptions withCutoff(String newCutoff) {
        return new DashboardOptions(input, format, model, eval, newCutoff, seed, sessions, out, lenient);
    }

    /** These options with another seed. */
    public DashboardOptions withSeed(long newSeed) {
        return new DashboardOptions(input, format, model, eval, cutoff, newSeed, sessions, out, lenient);
    }

    /** These options simulating another number of sessions. */
    public DashboardOptions withSessions(int newSessions) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, newSessions, out, lenient);
    }

    /** These options writing to another directory. */
    public DashboardOptions withOut(Path newOut) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, newOut, lenient);
    }

    /** These options with lenient (skip and count bad rows) or strict reading. */
    public DashboardOptions withLenient(boolean newLenient) {
        return new DashboardOptions(input, format, model, eval, cutoff, seed, sessions, out, newLenient);
    }
}
