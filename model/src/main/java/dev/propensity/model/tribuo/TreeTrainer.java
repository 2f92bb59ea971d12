package dev.propensity.model.tribuo;

import dev.propensity.core.Workers;
import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import dev.propensity.model.design.TrainingData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Trains tree-ensemble purchase models with XGBoost, straight from the encoded {@code float} columns of the training
 * rows (no table copy, no Tribuo example per row): gradient-boosted trees ({@link NativeBooster#boost}, the model
 * Tribuo's XGBoost trainer makes) or a random forest ({@link XGBoostForestTrainer}). Either is a Tribuo
 * {@code XGBoostModel}.
 */
final class TreeTrainer implements ModelTrainer {
    /** The row sample of each tree of a random forest (drawn without replacement; a bootstrap sample's share). */
    static final double FOREST_SUBSAMPLE = 0.632;
    private final String kind;
    /** Trains the Tribuo model on encoded data, on a number of XGBoost threads. */
    private final BiFunction<NativeBooster.Data, Integer, Model<Label>> fit;
    /** The least number of XGBoost threads (a configuration's). */
    private final int minThreads;
    private final EncoderConfig encoder;
    private final int minPositives;
    private final long seed;
    private final Map<String, String> description;
    private final Workers workers;

    private TreeTrainer(String kind, BiFunction<NativeBooster.Data, Integer, Model<Label>> fit, int minThreads,
                        EncoderConfig encoder, int minPositives, long seed, Map<String, String> description,
                        Workers workers) {
        this.workers = workers;
        this.minThreads = minThreads;
        this.kind = kind;
        this.fit = fit;
        this.encoder = encoder;
        this.minPositives = minPositives;
        this.seed = seed;
        this.description = description;
    }

    static TreeTrainer xgboost(XGBoostConfig c) {
        return new TreeTrainer(TreePurchaseModel.XGBOOST, (data, threads) -> NativeBooster.boost(c, data, threads),
                c.threads(), c.encoder(), c.minPositives(), c.seed(), c.describe(), Workers.defaults());
    }

    static TreeTrainer randomForest(TreeConfig c) {
        Map<String, String> settings = new LinkedHashMap<>(c.describe());
        settings.put("subsample", Double.toString(FOREST_SUBSAMPLE));
        settings.put("grownBy", "xgboost");
        // a fresh Tribuo trainer per call: Tribuo trainers count their invocations
        return new TreeTrainer(TreePurchaseModel.RANDOM_FOREST, (data, threads) -> forestTrainer(c).train(data, threads),
                1, c.encoder(), c.minPositives(), c.seed(), settings, Workers.defaults());
    }

    /** The forest trainer of a configuration. */
    static XGBoostForestTrainer forestTrainer(TreeConfig c) {
        return new XGBoostForestTrainer(c.trees(), c.maxDepth(), c.minChildWeight(), c.featureFraction(),
                FOREST_SUBSAMPLE, c.seed());
    }

    @Override
    public ModelTrainer withWorkers(Workers w) {
        return new TreeTrainer(kind, fit, minThreads, encoder, minPositives, seed, description,
                java.util.Objects.requireNonNull(w, "workers"));
    }

    @Override
    public String name() {
        return kind;
    }

    /** Trains on some rows of the table, encoded in place (the table is not copied). */
    @Override
    public PurchaseModel train(FeatureTable table, int[] rows) {
        long t0 = System.nanoTime();
        boolean[] labels = TrainingData.labels(table, rows);
        int positives = TrainingData.checkLabels(labels, minPositives, name());
        FittedEncoding encoding = FittedEncoding.fit(table, rows == null
                ? java.util.stream.IntStream.range(0, table.rows()).toArray() : rows, encoder, workers);
        NativeBooster.Data data = NativeBooster.encode(encoding, table, rows, labels, name(), workers);
        TribuoLogging.quiet();
        Model<Label> model = fit.apply(data, threads(data.rows, data.width, minThreads, workers));
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = ModelCard.trained(name(), description, labels.length, positives, seed, seconds);
        return new TreePurchaseModel(kind, encoding, model, card);
    }

    /**
     * Training data of at least this many values (rows times inputs) grows its trees on every worker: below it,
     * XGBoost's threads wait on each other more than they work, and an evaluation trains the folds of such tables
     * at once, each on a worker of its own.
     */
    static final long PARALLEL_MIN_VALUES = 10_000_000L;

    /**
     * XGBoost's threads for training data of a size: one per worker for large data, else the configuration's
     * (the trees are the same on any number).
     */
    static int threads(int rows, int width, int minThreads, Workers workers) {
        return (long) rows * width >= PARALLEL_MIN_VALUES ? Math.max(minThreads, workers.parallelism()) : minThreads;
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        return train(table, null);
    }

    @Override
    public String toString() {
        return "TreeTrainer[" + kind + ", " + description + "]";
    }
}
