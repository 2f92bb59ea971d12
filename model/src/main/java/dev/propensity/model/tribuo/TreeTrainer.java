package dev.propensity.model.tribuo;

import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.util.Map;
import java.util.function.Supplier;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Trains tree-ensemble purchase models through Tribuo: XGBoost or a random forest. */
final class TreeTrainer implements ModelTrainer {
    private final String kind;
    private final Supplier<Trainer<Label>> trainers;
    private final EncoderConfig encoder;
    private final int minPositives;
    private final long seed;
    private final Map<String, String> description;

    private TreeTrainer(String kind, Supplier<Trainer<Label>> trainers, EncoderConfig encoder, int minPositives, long seed,
                        Map<String, String> description) {
        this.kind = kind;
        this.trainers = trainers;
        this.encoder = encoder;
        this.minPositives = minPositives;
        this.seed = seed;
        this.description = description;
    }

    static TreeTrainer xgboost(XGBoostConfig c) {
        Supplier<Trainer<Label>> t = () -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, c.rounds(), c.eta(), c.gamma(), c.maxDepth(), c.minChildWeight(),
                c.subsample(), c.columnSample(), c.lambda(), 0.0, c.threads(),
                XGBoostTrainer.LoggingVerbosity.SILENT, c.seed());
        return new TreeTrainer(TreePurchaseModel.XGBOOST, t, c.encoder(), c.minPositives(), c.seed(), c.describe());
    }

    static TreeTrainer randomForest(TreeConfig c) {
        Supplier<Trainer<Label>> t = () -> new RandomForestTrainer<>(new CARTClassificationTrainer(c.maxDepth(),
                (float) c.minChildWeight(), 0f, (float) c.featureFraction(), false, new GiniIndex(), c.seed()),
                new FullyWeightedVotingCombiner(), c.trees(), c.seed());
        return new TreeTrainer(TreePurchaseModel.RANDOM_FOREST, t, c.encoder(), c.minPositives(), c.seed(),
                c.describe());
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
        // a fresh Tribuo trainer per call: Tribuo trainers carry random state from one call to the next
        Model<Label> model = trainers.get().train(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ModelCard card = ModelCard.trained(name(), description, table.rows(), positives, seed, seconds);
        return new TreePurchaseModel(kind, encoding, model, card);
    }

    @Override
    public String toString() {
        return "TreeTrainer[" + kind + ", " + description + "]";
    }
}
