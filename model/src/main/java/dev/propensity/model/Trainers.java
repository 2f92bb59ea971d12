package dev.propensity.model;

import dev.propensity.model.tribuo.TribuoModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The built-in trainers, and a registry of trainers by name for the command's {@code --model NAME}.
 *
 * <p>Built in: {@code logistic} ({@link #logisticRegression(LogisticConfig)} with defaults), {@code xgboost},
 * {@code random-forest} and {@code stack} ({@link #stack(StackConfig)}: logistic and XGBoost averaged), each with
 * its defaults and the seed it is made with. A user's trainer is added with
 * {@link #register(String, TrainerFactory)}. The registry is the one list of trainer names: the command line
 * looks names up in it ({@link #factory(String)}), it is shared by the whole program, and it is thread-safe.
 */
public final class Trainers {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Map<String, TrainerFactory> REGISTRY = new ConcurrentSkipListMap<>();
    private static final Map<String, Boolean> BUILT_IN = new ConcurrentHashMap<>();

    static {
        REGISTRY.put("logistic", seed -> logisticRegression(LogisticConfig.defaults().withSeed(seed)));
        REGISTRY.put("xgboost", seed -> xgboost(XGBoostConfig.defaults().withSeed(seed)));
        REGISTRY.put("random-forest", seed -> randomForest(TreeConfig.defaults().withSeed(seed)));
        REGISTRY.put("stack", seed -> stack(StackConfig.defaults().withSeed(seed)));
        for (String name : REGISTRY.keySet()) {
            BUILT_IN.put(name, true);
        }
    }

    private Trainers() {
    }

    /** Logistic regression with {@link LogisticConfig#defaults()}. */
    public static ModelTrainer logisticRegression() {
        return logisticRegression(LogisticConfig.defaults());
    }

    /**
     * Logistic regression; the model is a Tribuo {@code LinearSGDModel} and implements {@link LinearExplainable}.
     *
     * @param config the settings
     * @return the trainer, named {@code logistic}
     */
    public static ModelTrainer logisticRegression(LogisticConfig config) {
        return TribuoModels.logistic(config);
    }

    /**
     * Gradient-boosted trees by XGBoost, trained straight from the encoded columns with the parameters Tribuo's
     * XGBoost trainer passes; the model is a Tribuo {@code XGBoostModel}.
     *
     * @param config the settings
     * @return the trainer, named {@code xgboost}
     */
    public static ModelTrainer xgboost(XGBoostConfig config) {
        return TribuoModels.xgboost(config);
    }

    /**
     * A random forest grown by XGBoost (its random-forest mode: the trees of one round, each on 63.2% of the rows
     * drawn without replacement, choosing each split among a fraction of the inputs; each leaf holds the share of
     * purchases of the rows that reach it, and the forest's probability is their average). The trees grow on one
     * thread, or on one per worker for training data of 10 million values or more; a seed gives the same forest on
     * any number of threads and any machine. Earlier builds grew Tribuo's CART trees instead; model files holding those still
     * load and score as before.
     *
     * @param config the settings
     * @return the trainer, named {@code random-forest}
     */
    public static ModelTrainer randomForest(TreeConfig config) {
        return TribuoModels.randomForest(config);
    }

    /**
     * A stack of the logistic regression and XGBoost: their probabilities averaged with weights chosen, for the
     * highest ROC AUC, on inner cross-validated predictions of the training rows only (see {@link StackConfig}).
     * Training costs about {@code innerFolds + 1} times the two members' training.
     *
     * @param config the settings
     * @return the trainer, named {@code stack}
     */
    public static ModelTrainer stack(StackConfig config) {
        return TribuoModels.stack(config);
    }

    /**
     * The factory registered under a name.
     *
     * @param name a registered name, e.g. {@code logistic} (case-insensitive, surrounding blanks ignored)
     * @return the factory
     * @throws IllegalArgumentException when no trainer has that name, listing the known names
     */
    public static TrainerFactory factory(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        TrainerFactory f = REGISTRY.get(key);
        if (f == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known models: "
                    + String.join(", ", names()));
        }
        return seed -> Objects.requireNonNull(f.create(seed),
                () -> "the trainer registered as '" + key + "' made null");
    }

    /**
     * The trainer registered under a name, made with a seed: {@code factory(name).create(seed)}.
     *
     * @param name a registered name, e.g. {@code logistic} (case-insensitive)
     * @param seed the seed
     * @return a new trainer
     * @throws IllegalArgumentException when no trainer has that name, listing the known names
     */
    public static ModelTrainer byName(String name, long seed) {
        return factory(name).create(seed);
    }

    /**
     * Registers a trainer under a name, replacing an earlier user registration of that name.
     *
     * @param name     lower-case letters, digits and hyphens, starting with a letter; not a built-in name
     * @param trainers makes a trainer, for the run's seed, each time the name is looked up
     * @throws IllegalArgumentException when the name is malformed or names a built-in trainer
     */
    public static void register(String name, TrainerFactory trainers) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trainers, "trainers");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("trainer name must be lower-case letters, digits and hyphens starting "
                    + "with a letter, was '" + name + "'");
        }
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in trainer and cannot be replaced");
        }
        REGISTRY.put(name, trainers);
    }

    /**
     * Removes a user registration.
     *
     * @param name the name
     * @return whether a registration was removed
     * @throws IllegalArgumentException for a built-in name
     */
    public static boolean unregister(String name) {
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in trainer and cannot be removed");
        }
        return REGISTRY.remove(name) != null;
    }

    /** The registered names, sorted. */
    public static List<String> names() {
        return List.copyOf(new ArrayList<>(REGISTRY.keySet()));
    }
}
