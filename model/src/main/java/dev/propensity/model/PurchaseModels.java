package dev.propensity.model;

import dev.propensity.features.FittedEncoding;
import dev.propensity.model.tribuo.TribuoModels;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads saved models, and builds logistic models from weights fitted elsewhere.
 *
 * <p>A model file is a ZIP archive holding {@code manifest.json} (format name and {@code formatVersion}, model
 * kind, feature schema, the fitted encoding, the {@link ModelCard}) and the Tribuo model in Tribuo's protobuf form;
 * Java object serialisation is never used. The current format version is {@link #FORMAT_VERSION}.
 */
public final class PurchaseModels {
    /** The model file format version written by this library, and the newest it reads. */
    public static final int FORMAT_VERSION = TribuoModels.FORMAT_VERSION;

    private PurchaseModels() {
    }

    /**
     * Reads a model written by {@link PurchaseModel#save(Path)}.
     *
     * @param file the model file
     * @return the model
     * @throws ModelFileException            when the file is not a model file, is truncated or damaged, or was
     *                                       written in a newer format version (the message names the file, and
     *                                       for a newer file both versions)
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException                   when reading fails otherwise
     */
    public static PurchaseModel load(Path file) throws IOException {
        return TribuoModels.load(file);
    }

    /**
     * The project's logistic model from weights fitted elsewhere, such as Spark MLlib's logistic regression on the
     * encoded features of a cluster's sessions: {@code p = sigmoid(intercept + weights . encoding(x))} (with a gate,
     * the gated weights added when the gate is on). It scores, explains and {@linkplain PurchaseModel#save saves}
     * like a trained logistic model, so {@link #load}, {@code score}, the live scorer and {@code serve} read its file.
     *
     * @param config    the objective the weights minimise (L2 penalty, class weighting, encoder, gate, seed)
     * @param encoding  the fitted encoding whose outputs the weights multiply
     * @param gate      the gate feature, or {@code null}
     * @param weights   one weight per encoding output, then (with a gate) one per gated copy; finite
     * @param intercept the intercept, finite
     * @param source    what the weights were fitted on and by what (kept in the model's provenance)
     * @param card      the model card (trainer {@code logistic}, its settings, rows, purchases, seed)
     * @return the model
     * @throws IllegalArgumentException when the weights do not fit the encoding and gate, or are not finite
     */
    public static PurchaseModel logistic(LogisticConfig config, FittedEncoding encoding, String gate,
                                         double[] weights, double intercept, String source, ModelCard card) {
        return TribuoModels.logistic(config, encoding, gate, weights, intercept, source, card);
    }
}
