package dev.propensity.model.tribuo;

import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Trains tree-ensemble purchase models through Tribuo: XGBoost or a random forest. */
final class TreeTrainer implements ModelTrainer {
    /** How many groups of trees a random forest is grown in (in parallel). */
    static final int FOREST_GROUPS = 4;
    private final String kind;
    /** Trains the Tribuo model: a fresh Tribuo trainer per call (Tribuo trainers carry random state between calls). */
    private final Function<Dataset<Label>, Model<Label>> fit;
    private final EncoderConfig encoder;
    private final int minPositives;
    private final long seed;
    private final Map<String, String> description;

    private TreeTrainer(String kind, Function<Dataset<Label>, Model<Label>> fit, EncoderConfig encoder,
                        int minPositives, long seed, Map<String, String> description) {
        this.kind = kind;
        this.fit = fit;
        this.encoder = encoder;
        this.minPositives = minPositives;
        this.seed = seed;
        this.description = description;
    }

    static TreeTrainer xgboost(XGBoostConfig c) {
        Function<Dataset<Label>, Model<Label>> fit = data -> new XGBoostClassificationTrainer(
                XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, c.rounds(), c.eta(), c.gamma(),
                c.maxDepth(), c.minChildWeight(), c.subsample(), c.columnSample(), c.lambda(), 0.0, c.threads(),
                XGBoostTrainer.LoggingVerbosity.SILENT, c.seed()).train(data);
        return new TreeTrainer(TreePurchaseModel.XGBOOST, fit, c.encoder(), c.minPositives(), c.seed(), c.describe());
    }

    static TreeTrainer randomForest(TreeConfig c) {
        return new TreeTrainer(TreePurchaseModel.RANDOM_FOREST, data -> forest(c, data), c.encoder(),
                c.minPositives(), c.seed(), c.describe());
    }

    /**
     * A random forest grown as {@link #FOREST_GROUPS} groups of trees, each group a Tribuo random forest with its own
     * seed (drawn from the configured one), their trees then joined into one ensemble with the same combiner. Tribuo
     * grows a forest's trees one after another; the groups run on a shared pool of one thread per core, so that
     * forests trained at the same time (cross-validation folds) queue for the cores instead of crowding them. The
     * number of groups is fixed, so the forest does not depend on the machine.
     */
    static Model<Label> forest(TreeConfig c, Dataset<Label> data) {
        int groups = Math.min(c.trees(), FOREST_GROUPS);
        SplittableRandom seeds = new SplittableRandom(c.seed());
        List<Future<List<Model<Label>>>> futures = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            long seed = seeds.nextLong();
            int trees = c.trees() / groups + (g < c.trees() % groups ? 1 : 0);
            futures.add(ForestPool.POOL.submit(() -> {
                TribuoLogging.quiet();
                Model<Label> m = new RandomForestTrainer<>(new CARTClassificationTrainer(c.maxDepth(),
                        (float) c.minChildWeight(), 0f, (float) c.featureFraction(), false, new GiniIndex(), seed),
                        new FullyWeightedVotingCombiner(), trees, seed).train(data);
                return m instanceof EnsembleModel<Label> e ? e.getModels() : List.of(m);
            }));
        }
        List<Model<Label>> trees = new ArrayList<>(c.trees());
        try {
            for (Future<List<Model<Label>>> f : futures) { // in group order, whatever finished first
                trees.addAll(f.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("growing the forest failed", e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while growing the forest", e);
        }
        return trees.size() == 1 ? trees.get(0) : WeightedEnsembleModel.createEnsembleFromExistingModels(
                TreePurchaseModel.RANDOM_FOREST, trees, new FullyWeightedVotingCombiner());
    }

    /** The threads that grow forest groups: one per core, daemons, made on first use. */
    private static final class ForestPool {
        static final ExecutorService POOL = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), new ThreadFactory() {
                    private final AtomicInteger n = new AtomicInteger();

                    @Override
                    public Thread newThread(Runnable r) {
                        Thread t = new Thread(r, "propensity-forest-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }
                });
    }

    @Override
    public String name() {
        return kind;
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        long t0 = System.nanoTime();
        int positives = TrainingData.checkLabels(table, minPositives, name());
        FittedEncoding encoding = FittedEncoding.fit(table, encoder);
        double[][] cols = TrainingData.encode(encoding, table, name());
        String[] names = encoding.outputNames().toArray(new String[0]);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                TreePurchaseModel.examples(names, cols, table.labels()),
                new SimpleDataSourceProvenance("propensity FeatureTable, " + table.rows() + " rows", factory),
                factory);
        TribuoLogging.quiet();
        Model<Label> model = fit.apply(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = ModelCard.trained(name(), description, table.rows(), positives, seed, seconds);
        return new TreePurchaseModel(kind, encoding, model, card);
    }

    @Override
    public String toString() {
        return "TreeTrainer[" + kind + ", " + description + "]";
    }
}
