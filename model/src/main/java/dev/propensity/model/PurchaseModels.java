package dev.propensity.model;

import dev.propensity.model.tribuo.TribuoModels;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads saved models.
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
}
