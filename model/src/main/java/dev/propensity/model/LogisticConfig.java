package dev.propensity.model;

import dev.propensity.features.EncoderConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the logistic regression trainer ({@link Trainers#logisticRegression(LogisticConfig)}).
 *
 * <p>Three optimisers fit the same model, a Tribuo {@code LinearSGDModel}: {@link Optimiser#NEWTON} (the default)
 * minimises the L2-regularised, class-weighted log loss with Newton steps whose Hessian is estimated on a stratified
 * subsample (exact Newton on tables of up to 40,000 rows), one pass over the data per step; {@link Optimiser#LBFGS}
 * minimises the same objective by L-BFGS (many more passes on real session tables; kept as the reference);
 * {@link Optimiser#TRIBUO_SGD} runs Tribuo's own {@code LinearSGDTrainer} with AdaGrad, as shipped (slower and
 * memory-hungry on large tables, kept for comparison).
 *
 * @param optimiser      which optimiser fits the weights
 * @param maxIterations  Newton and L-BFGS: the most iterations on the full data, {@code >= 1}
 * @param tolerance      Newton and L-BFGS: stop when no gradient entry exceeds this, {@code > 0}
 * @param epochs         Tribuo SGD: passes over the data, {@code >= 1}
 * @param learningRate   Tribuo SGD: AdaGrad's learning rate, {@code > 0}
 * @param l2             L2 penalty on the weights (not the intercept) per unit of mean log loss, {@code >= 0};
 *                       scikit-learn's {@code C} corresponds to {@code l2 = 1 / (C * rows)}. Newton and L-BFGS only.
 * @param classWeighting how the classes are weighted (Newton and L-BFGS only)
 * @param minPositives   training refuses tables with fewer purchases than this, {@code >= 1}
 * @param seed           the seed (subsample warm start, SGD order)
 * @param threads        {@code 1}: the solver's passes run on the calling thread only; more: on the trainer's
 *                       {@code Workers} (see {@link ModelTrainer#withWorkers}), {@code >= 1}
 * @param encoder        how raw features become model inputs
 * @param gate           the segment gate: {@code ""} for none, {@code "auto"} to choose one on the training rows,
 *                       or a feature name. With a gate feature G, every model input appears twice, once as is and
 *                       once multiplied by the indicator {@code G != 0} (missing counts as 0), so sessions with G
 *                       non-zero get their own coefficients, shrunk towards the shared ones by the L2 penalty (a
 *                       two-segment logistic regression). {@code auto} picks, among numeric, count and binary
 *                       features that are exactly 0 in 5% to 95% of training rows, the one whose indicator has
 *                       the highest mutual information with the label, and no gate when none qualifies. On the UCI
 *                       table it picks {@code PageValues}.
 */
public record LogisticConfig(Optimiser optimiser, int maxIterations, double tolerance, int epochs,
                             double learningRate, double l2, ClassWeighting classWeighting, int minPositives,
                             long seed, int threads, EncoderConfig encoder, String gate) {

    /** The {@link #gate()} value that chooses a gate on the training rows. */
    public static final String AUTO_GATE = "auto";

    /** The optimisers. */
    public enum Optimiser {
        /** Newton steps with a subsampled Hessian on primitive columns (fast, deterministic). */
        NEWTON("newton"),
        /** Full-batch L-BFGS on primitive columns (fast, exact, deterministic). */
        LBFGS("lbfgs"),
        /** Tribuo's LinearSGDTrainer with AdaGrad and the log-loss objective, as shipped. */
        TRIBUO_SGD("tribuo-sgd");

        private final String code;

        Optimiser(String code) {
            this.code = code;
        }

        /** The name used in configs and on the command line. */
        public String code() {
            return code;
        }

        /**
         * The optimiser of a code.
         *
         * @param code {@code newton}, {@code lbfgs} or {@code tribuo-sgd}
         * @return the optimiser
         * @throws IllegalArgumentException for another code
         */
        public static Optimiser parse(String code) {
            for (Optimiser o : values()) {
                if (o.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("optimiser must be newton, lbfgs or tribuo-sgd, was '" + code + "'");
        }
    }

    /** Validates; see the parameters. */
    public LogisticConfig {
        Objects.requireNonNull(optimiser, "optimiser");
        Objects.requireNonNull(classWeighting, "classWeighting");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(gate, "gate");
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, was " + learningRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
        }
        if (minPositives < 1) {
            throw new IllegalArgumentException("minPositives must be >= 1, was " + minPositives);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /**
     * Newton, at most 200 iterations, gradient tolerance 1e-5 (scikit-learn uses 1e-4), l2 1e-4, no class weighting, at least 10 positives, seed
     * 42, two threads, {@link EncoderConfig#defaults()} (log1p, standardisation, one-hot levels seen at least 10
     * times, missing indicators) and the gate chosen automatically. (Tribuo SGD: 5 epochs, learning rate 1.0.)
     */
    public static LogisticConfig defaults() {
        return new LogisticConfig(Optimiser.NEWTON, 200, 1e-5, 5, 1.0, 1e-4, ClassWeighting.NONE, 10, 42L, 2,
                EncoderConfig.defaults(), AUTO_GATE);
    }

    /** This configuration with another optimiser. */
    public LogisticConfig withOptimiser(Optimiser o) {
        return new LogisticConfig(o, maxIterations, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another L-BFGS iteration limit. */
    public LogisticConfig withMaxIterations(int n) {
        return new LogisticConfig(optimiser, n, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another L-BFGS gradient tolerance. */
    public LogisticConfig withTolerance(double t) {
        return new LogisticConfig(optimiser, maxIterations, t, epochs, learningRate, l2, classWeighting,
                minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another number of SGD epochs. */
    public LogisticConfig withEpochs(int n) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, n, learningRate, l2, classWeighting,
                minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another SGD learning rate. */
    public LogisticConfig withLearningRate(double rate) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, rate, l2, classWeighting,
                minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another L2 penalty. */
    public LogisticConfig withL2(double penalty) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, penalty,
                classWeighting, minPositives, seed, threads, encoder, gate);
    }

    /** This configuration with another class weighting. */
    public LogisticConfig withClassWeighting(ClassWeighting w) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, w, minPositives,
                seed, threads, encoder, gate);
    }

    /** This configuration with another minimum number of positives. */
    public LogisticConfig withMinPositives(int n) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, classWeighting, n,
                seed, threads, encoder, gate);
    }

    /** This configuration with another seed. */
    public LogisticConfig withSeed(long s) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, s, threads, encoder, gate);
    }

    /** This configuration with another number of threads. */
    public LogisticConfig withThreads(int n) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, seed, n, encoder, gate);
    }

    /** This configuration with another encoder. */
    public LogisticConfig withEncoder(EncoderConfig e) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, seed, threads, e, gate);
    }

    /** This configuration with another gate: {@code ""} (none), {@code "auto"}, or a feature name. */
    public LogisticConfig withGate(String g) {
        return new LogisticConfig(optimiser, maxIterations, tolerance, epochs, learningRate, l2, classWeighting,
                minPositives, seed, threads, encoder, g);
    }

    /** The settings by name, for model cards. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("optimiser", optimiser.code());
        if (optimiser != Optimiser.TRIBUO_SGD) {
            m.put("maxIterations", Integer.toString(maxIterations));
            m.put("tolerance", Double.toString(tolerance));
            m.put("l2", Double.toString(l2));
            m.put("classWeighting", classWeighting.name().toLowerCase(Locale.ROOT));
            m.put("threads", Integer.toString(threads));
        } else {
            m.put("epochs", Integer.toString(epochs));
            m.put("learningRate", Double.toString(learningRate));
        }
        m.put("minPositives", Integer.toString(minPositives));
        m.put("seed", Long.toString(seed));
        m.put("encoder", encoder.toString());
        m.put("gate", gate.isEmpty() ? "none" : gate);
        return m;
    }
}
