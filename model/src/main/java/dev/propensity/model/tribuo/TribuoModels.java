package dev.propensity.model.tribuo;

import dev.propensity.features.FittedEncoding;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelFileException;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.StackConfig;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry points to the Tribuo-backed implementations; most code uses {@link dev.propensity.model.Trainers} and
 * {@link dev.propensity.model.PurchaseModels} instead.
 */
public final class TribuoModels {
    /** The model file format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = ModelFile.FORMAT_VERSION;

    private TribuoModels() {
    }

    /**
     * A logistic regression trainer.
     *
     * @param config the settings
     * @return the trainer, named {@code logistic}
     */
    public static ModelTrainer logistic(LogisticConfig config) {
        return new LogisticTrainer(config);
    }

    /**
     * An XGBoost trainer.
     *
     * @param config the settings
     * @return the trainer, named {@code xgboost}
     */
    public static ModelTrainer xgboost(XGBoostConfig config) {
        return TreeTrainer.xgboost(config);
    }

    /**
     * A random forest trainer.
     *
     * @param config the settings
     * @return the trainer, named {@code random-forest}
     */
    public static ModelTrainer randomForest(TreeConfig config) {
        return TreeTrainer.randomForest(config);
    }

    /**
     * A stacked trainer: logistic regression and XGBoost averaged with weights learned on inner out-of-fold
     * predictions of the training rows.
     *
     * @param config the settings
     * @return the trainer, named {@code stack}
     */
    public static ModelTrainer stack(StackConfig config) {
        return StackTrainer.of(config);
    }

    /**
     * A logistic regression model from weights fitted elsewhere (for example by Spark MLlib on a cluster): the same
     * model a {@link #logistic(LogisticConfig)} trainer returns, scored, explained and saved (model file format
     * {@value #FORMAT_VERSION}) the same way. Its Tribuo provenance names the project's logistic objective with the
     * configuration's settings and {@code source} as the data.
     *
     * @param config    the objective the weights minimise (L2 penalty, class weighting, encoder, seed)
     * @param encoding  the fitted encoding whose outputs the weights multiply
     * @param gate      the gate feature, or {@code null}: with a gate, {@code weights} holds the encoding's
     *                  {@link FittedEncoding#width()} weights, then as many for the gated copies
     * @param weights   one weight per model input, all finite
     * @param intercept the intercept, finite
     * @param source    what the weights were fitted on, for the provenance
     * @param card      the model card (its trainer should be {@code logistic})
     * @return the model
     * @throws IllegalArgumentException when the weights do not fit the encoding and gate, a value is not finite or
     *                                  the gate is not in the encoding's schema
     */
    public static PurchaseModel logistic(LogisticConfig config, FittedEncoding encoding, String gate, double[] weights,
                                         double intercept, String source, ModelCard card) {
        java.util.Objects.requireNonNull(config, "config");
        java.util.Objects.requireNonNull(encoding, "encoding");
        java.util.Objects.requireNonNull(weights, "weights");
        java.util.Objects.requireNonNull(source, "source");
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight " + k + " is " + weights[k] + "; weights must be finite");
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("the intercept is " + intercept + "; it must be finite");
        }
        java.util.List<String> names = LinearPurchaseModel.inputNames(encoding, gate);
        double[] w = weights.clone();
        LbfgsLogisticTrainer objective = new LbfgsLogisticTrainer(config.l2(), config.maxIterations(),
                config.tolerance(), config.classWeighting(), config.seed(), 1, "lbfgs");
        java.time.OffsetDateTime time = java.time.OffsetDateTime.now();
        return new LinearPurchaseModel(encoding, gate, new TribuoLinear.Weights(w, intercept), () -> {
            org.tribuo.provenance.DataProvenance data = new org.tribuo.provenance.SimpleDataSourceProvenance(source,
                    new org.tribuo.classification.LabelFactory());
            org.tribuo.provenance.ModelProvenance provenance = new org.tribuo.provenance.ModelProvenance(
                    org.tribuo.classification.sgd.linear.LinearSGDModel.class.getName(), time,
                    new LbfgsLogisticTrainer.ColumnsDatasetProvenance(data, card.trainingRows(), names.size()),
                    objective.getProvenance(), java.util.Map.of());
            return TribuoLinear.build(names, w, intercept, provenance);
        }, card);
    }

    /**
     * Reads a model file written by {@link PurchaseModel#save(Path)}.
     *
     * @param file the file
     * @return the model
     * @throws ModelFileException when the file is not a model, is truncated or damaged, or has a newer format
     * @throws IOException        when reading fails
     */
    public static PurchaseModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }
}
