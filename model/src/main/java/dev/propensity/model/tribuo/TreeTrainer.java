package dev.propensity.model.tribuo;

import dev.propensity.model.design.TrainingData;
import dev.propensity.core.Workers;
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
import java.util.function.BiFunction;
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
    private final BiFunction<Dataset<Label>, Workers, Model<Label>> fit;
    private final EncoderConfig encoder;
    private final int minPositives;
    private final long seed;
    private final Map<String, String> description;
    private final Workers workers;

    private TreeTrainer(String kind, BiFunction<Dataset<Label>, Workers, Model<Label>> fit, EncoderConfig encoder,
                        int minPositives, long seed, Map<String, String> description, Workers workers) {
        this.workers = workers;
        this.kind = kind;
        this.fit = fit;
        this.encoder = encoder;
        this.minPositives = minPositives;
        this.seed = seed;
        this.description = description;
    }

    static TreeTrainer xgboost(XGBoostConfig c) {
        BiFunction<Dataset<Label>, Workers, Model<Label>> fit = (data, workers) -> {
            XGBoostNative.load();
            return new XGBoostClassificationTrainer(
                    XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST, c.rounds(), c.eta(), c.gamma(),
                    c.maxDepth(), c.minChildWeight(), c.subsample(), c.columnSample(), c.lambda(), 0.0, c.threads(),
                    XGBoostTrainer.LoggingVerbosity.SILENT, c.seed()).train(data);
        };
        return new TreeTrainer(TreePurchaseModel.XGBOOST, fit, c.encoder(), c.minPositives(), c.seed(), c.describe(),
                Workers.defaults());
    }

    static TreeTrainer randomForest(TreeConfig c) {
        return new TreeTrainer(TreePurchaseModel.RANDOM_FOREST, (data, workers) -> forest(c, data, workers),
                c.encoder(), c.minPositives(), c.seed(), c.describe(), Workers.defaults());
    }

    /**
     * A random forest grown as {@link #FOREST_GROUPS} groups of trees, each group a Tribuo random forest with its own
     * seed (drawn from the configured one), their trees then joined, in group order, into one ensemble with the same
     * combiner. Tribuo grows a forest's trees one after another; the groups run on the given workers, so that forests
     * trained at the same time (cross-validation folds) share the same threads instead of crowding the cores. The
     * number of groups is fixed, so the forest does not depend on the machine.
     */
    static Model<Label> forest(TreeConfig c, Dataset<Label> data, Workers workers) {
        int groups = Math.min(c.trees(), FOREST_GROUPS);
        SplittableRandom seeds = new SplittableRandom(c.seed());
        List<Workers.Task<List<Model<Label>>>> tasks = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            long seed = seeds.nextLong();
            int trees = c.trees() / groups + (g < c.trees() % groups ? 1 : 0);
            tasks.add(() -> {
                TribuoLogging.quiet();
                Model<Label> m = new RandomForestTrainer<>(new CARTClassificationTrainer(c.maxDepth(),
                        (float) c.minChildWeight(), 0f, (float) c.featureFraction(), false, new GiniIndex(), seed),
                        new FullyWeightedVotingCombiner(), trees, seed).train(data);
                return m instanceof EnsembleModel<Label> e ? e.getModels() : List.of(m);
            });
        }
        List<Model<Label>> trees = new ArrayList<>(c.trees());
        for (List<Model<Label>> group : workers.compute(tasks)) {
            trees.addAll(group);
        }
        return trees.size() == 1 ? trees.get(0) : WeightedEnsembleModel.createEnsembleFromExistingModels(
                TreePurchaseModel.RANDOM_FOREST, trees, new FullyWeightedVotingCombiner());
    }

    @Override
    public ModelTrainer withWorkers(Workers w) {
        return new TreeTrainer(kind, fit, encoder, minPositives, seed, description, java.util.Objects.requireNonNull(w,
                "workers"));
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
        Model<Label> model = fit.apply(data, workers);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = ModelCard.trained(name(), description, table.rows(), positives, seed, seconds);
        return new TreePurchaseModel(kind, encoding, model, card);
    }

    @Override
    public String toString() {
        return "TreeTrainer[" + kind + ", " + description + "]";
    }
}
