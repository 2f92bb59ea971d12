package dev.propensity.model.tribuo;

import dev.propensity.model.LogisticConfig;
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
