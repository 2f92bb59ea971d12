package dev.propensity.model.tribuo;

import dev.propensity.model.linear.Gate;
import dev.propensity.model.design.Design;
import dev.propensity.model.design.TrainingData;
import dev.propensity.core.Workers;
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
    private final Workers workers;

    LogisticTrainer(LogisticConfig config) {
        this(config, Workers.defaults());
    }

    private LogisticTrainer(LogisticConfig config, Workers workers) {
        this.config = Objects.requireNonNull(config, "config");
        this.workers = config.threads() == 1 ? Workers.callerOnly() : Objects.requireNonNull(workers, "workers");
    }

    @Override
    public ModelTrainer withWorkers(Workers w) {
        return new LogisticTrainer(config, w);
    }

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public PurchaseModel train(FeatureTable table) {
        return train(table, null);
    }

    /** Trains on the given rows in place: the encoding is fitted on them and encodes them without a table copy. */
    @Override
    public PurchaseModel train(FeatureTable table, int[] rows) {
        long t0 = System.nanoTime();
        boolean[] labels = TrainingData.labels(table, rows);
        int positives = TrainingData.checkLabels(labels, config.minPositives(), name());
        FittedEncoding encoding = FittedEncoding.fit(table,
                rows == null ? java.util.stream.IntStream.range(0, table.rows()).toArray() : rows, config.encoder(),
                workers);
        Design cols = TrainingData.encodeDesign(encoding, table, rows, name(), workers);
        String gate = Gate.choose(config.gate(), table, rows);
        List<String> names = LinearPurchaseModel.inputNames(encoding, gate);
        float[] gateMask = gate == null ? null
                : gateMask(table.columnArray(table.schema().indexOf(gate)), rows);
        TribuoLogging.quiet();
        TribuoLinear.Weights weights;
        Supplier<LinearSGDModel> builder;
        if (config.optimiser() != LogisticConfig.Optimiser.TRIBUO_SGD) {
            LbfgsLogisticTrainer trainer = new LbfgsLogisticTrainer(config.l2(), config.maxIterations(),
                    config.tolerance(), config.classWeighting(), config.seed(), config.threads(),
                    config.optimiser().code()).withWorkers(workers);
            LbfgsLogisticTrainer.Solved solved = trainer.solve(cols, gateMask, labels, names,
                    "propensity FeatureTable, " + labels.length + " rows");
            weights = solved.weights();
            builder = solved::build;
        } else {
            float[][] dense = cols.toDense();
            if (gate != null) {
                dense = gated(dense, gateMask);
            }
            LinearSGDModel model = trainTribuoSgd(dense, labels, names);
            weights = TribuoLinear.extract(model, names);
            builder = () -> model;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> described = new LinkedHashMap<>(config.describe());
        described.put("gateFeature", gate == null ? "none" : gate);
        ModelCard card = ModelCard.trained(name(), described, labels.length, positives, config.seed(), seconds);
        return new LinearPurchaseModel(encoding, gate, weights, builder, card);
    }

    /** The gate indicator of each row: 1 when the gate is on, else 0. */
    private static float[] gateMask(double[] gateValues, int[] rows) {
        float[] m = new float[rows == null ? gateValues.length : rows.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Gate.on(gateValues[rows == null ? i : rows[i]]) ? 1f : 0f;
        }
        return m;
    }

    /** The columns followed by their copies multiplied by the gate indicator (for Tribuo's SGD). */
    private static float[][] gated(float[][] cols, float[] gateMask) {
        int width = cols.length;
        float[][] out = Arrays.copyOf(cols, 2 * width);
        for (int k = 0; k < width; k++) {
            float[] c = cols[k];
            float[] o = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                o[i] = c[i] * gateMask[i];
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
