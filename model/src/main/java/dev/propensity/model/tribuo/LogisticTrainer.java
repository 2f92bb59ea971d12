package dev.propensity.model.tribuo;

import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Trains logistic regression purchase models; see {@link LogisticConfig}. */
final class LogisticTrainer implements ModelTrainer {
    private final LogisticConfig config;

    LogisticTrainer(LogisticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        long t0 = System.nanoTime();
        int positives = TrainingData.checkLabels(table, config.minPositives(), name());
        FittedEncoding encoding = FittedEncoding.fit(table, config.encoder());
        float[][] cols = TrainingData.encodeFloat(encoding, table, name());
        boolean[] labels = table.labels();
        String gate = Gate.choose(config.gate(), table);
        List<String> names = LinearPurchaseModel.inputNames(encoding, gate);
        if (gate != null) {
            cols = gated(cols, table.columnArray(table.schema().indexOf(gate)));
        }
        TribuoLogging.quiet();
        TribuoLinear.Weights weights;
        Supplier<LinearSGDModel> builder;
        if (config.optimiser() == LogisticConfig.Optimiser.LBFGS) {
            LbfgsLogisticTrainer trainer = new LbfgsLogisticTrainer(config.l2(), config.maxIterations(),
                    config.tolerance(), config.classWeighting(), config.seed(), config.threads());
            LbfgsLogisticTrainer.Solved solved = trainer.solve(cols, labels, names, "propensity FeatureTable, "
                    + table.rows() + " rows");
            weights = solved.weights();
            builder = solved::build;
        } else {
            LinearSGDModel model = trainTribuoSgd(cols, labels, names);
            weights = TribuoLinear.extract(model, names);
            builder = () -> model;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> described = new LinkedHashMap<>(config.describe());
        described.put("gateFeature", gate == null ? "none" : gate);
        ModelCard card = ModelCard.trained(name(), described, table.rows(), positives, config.seed(), seconds);
        return new LinearPurchaseModel(encoding, gate, weights, builder, card);
    }

    /** The columns followed by their copies multiplied by the gate indicator. */
    private static float[][] gated(float[][] cols, double[] gateValues) {
        int width = cols.length;
        float[][] out = Arrays.copyOf(cols, 2 * width);
        for (int k = 0; k < width; k++) {
            float[] c = cols[k];
            float[] o = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                o[i] = Gate.on(gateValues[i]) ? c[i] : 0f;
            }
            out[width + k] = o;
        }
        return out;
    }

    private LinearSGDModel trainTribuoSgd(float[][] cols, boolean[] labels, List<String> names) {
        String[] featureNames = names.toArray(new String[0]);
        int n = labels.length;
        List<Example<Label>> examples = new ArrayList<>(n);
        double[] values = new double[cols.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols.length; j++) {
                values[j] = cols[j][i];
            }
            examples.add(new ArrayExample<>(labels[i] ? TribuoLinear.PURCHASE : TribuoLinear.NO_PURCHASE,
                    featureNames, values));
        }
        MutableDataset<Label> data = new MutableDataset<>(examples,
                new SimpleDataSourceProvenance("propensity FeatureTable, " + n + " rows", new LabelFactory()),
                new LabelFactory());
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(config.learningRate(), 0.1),
                config.epochs(), config.seed());
        Model<Label> m = trainer.train(data);
        return (LinearSGDModel) m;
    }

    @Override
    public String toString() {
        return "LogisticTrainer" + config.describe();
    }
}
