package dev.propensity.model.tribuo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelFileException;
import dev.propensity.model.PurchaseModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * The saved model file: a ZIP archive holding {@code manifest.json} (format name and version, model kind, the
 * feature names, the fitted encoding, the gate feature of a gated logistic model, the model card) and {@code model.tribuo}, the Tribuo model in Tribuo's protobuf form. No Java
 * object serialisation is involved.
 *
 * <p>Format versions: 1 (the first).
 */
final class ModelFile {
    /** The format version this library writes and the newest it reads. */
    static final int FORMAT_VERSION = 1;
    static final String FORMAT = "propensity-model";
    private static final String MANIFEST = "manifest.json";
    private static final String TRIBUO_ENTRY = "model.tribuo";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    static void write(Path file, String kind, FittedEncoding encoding, String gate, ModelCard card,
                      Model<Label> model) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", kind);
        root.putPOJO("schema", encoding.inputSchema().names());
        if (gate != null) {
            root.put("gate", gate);
        }
        root.set("card", cardJson(card));
        root.set("encoding", JSON.readTree(encoding.toJson()));
        root.put("tribuoModel", TRIBUO_ENTRY);
        root.put("tribuoModelClass", model.getClass().getName());
        ByteArrayOutputStream tribuo = new ByteArrayOutputStream();
        model.serializeToStream(tribuo);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(root));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(TRIBUO_ENTRY));
            tribuo.writeTo(zip);
            zip.closeEntry();
        }
    }

    static PurchaseModel read(Path file) throws IOException {
        byte[] head = new byte[4];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, 4);
        }
        if (got < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new ModelFileException(file, "not a Propensity model file (expected a ZIP archive holding "
                    + MANIFEST + ")", null);
        }
        JsonNode root;
        byte[] tribuoBytes;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry(MANIFEST);
            if (m == null) {
                throw new ModelFileException(file, "not a Propensity model file (a ZIP archive without " + MANIFEST
                        + ")", null);
            }
            try (InputStream in = zip.getInputStream(m)) {
                root = JSON.readTree(in);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ModelFileException(file, MANIFEST + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new ModelFileException(file, "not a Propensity model file (" + MANIFEST
                        + " lacks \"format\": \"" + FORMAT + "\")", null);
            }
            int version = root.path("formatVersion").asInt(-1);
            if (version < 1) {
                throw new ModelFileException(file, MANIFEST + " has no valid formatVersion: "
                        + root.path("formatVersion"), null);
            }
            if (version > FORMAT_VERSION) {
                throw new ModelFileException(file, "written in model format version " + version
                        + ", but this library reads versions up to " + FORMAT_VERSION
                        + "; load it with a newer Propensity", null);
            }
            ZipEntry t = zip.getEntry(root.path("tribuoModel").asText(TRIBUO_ENTRY));
            if (t == null) {
                throw new ModelFileException(file, "the archive lacks the Tribuo model entry "
                        + root.path("tribuoModel").asText(TRIBUO_ENTRY), null);
            }
            try (InputStream in = zip.getInputStream(t)) {
                tribuoBytes = in.readAllBytes();
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, "truncated or damaged model file (" + e.getMessage() + ")", e);
        }
        FittedEncoding encoding;
        ModelCard card;
        Model<?> model;
        try {
            encoding = FittedEncoding.fromJson(JSON.writeValueAsString(root.path("encoding")));
            card = readCard(root.path("card"));
            model = Model.deserializeFromStream(new java.io.ByteArrayInputStream(tribuoBytes));
        } catch (IllegalArgumentException | IOException | IllegalStateException e) {
            throw new ModelFileException(file, "damaged model file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "damaged model file: " + e, e);
        }
        String kind = root.path("kind").asText();
        if (!model.validate(Label.class)) {
            throw new ModelFileException(file, "the Tribuo model does not predict labels", null);
        }
        @SuppressWarnings("unchecked")
        Model<Label> labelModel = (Model<Label>) model;
        switch (kind) {
            case LinearPurchaseModel.KIND:
                if (!(model instanceof LinearSGDModel)) {
                    throw new ModelFileException(file, "a logistic model must hold a LinearSGDModel, found "
                            + model.getClass().getName(), null);
                }
                String gate = root.hasNonNull("gate") ? root.get("gate").asText() : null;
                try {
                    return new LinearPurchaseModel(encoding, gate, (LinearSGDModel) model, card);
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(file, "damaged model file: " + e.getMessage(), e);
                }
            case TreePurchaseModel.XGBOOST:
            case TreePurchaseModel.RANDOM_FOREST:
                return new TreePurchaseModel(kind, encoding, labelModel, card);
            default:
                throw new ModelFileException(file, "unknown model kind '" + kind + "' (this library reads "
                        + LinearPurchaseModel.KIND + ", " + TreePurchaseModel.XGBOOST + ", "
                        + TreePurchaseModel.RANDOM_FOREST + ")", null);
        }
    }

    private static ObjectNode cardJson(ModelCard card) {
        ObjectNode c = JSON.createObjectNode();
        c.put("libraryVersion", card.libraryVersion());
        c.put("trainer", card.trainer());
        ObjectNode config = c.putObject("config");
        card.config().forEach(config::put);
        c.put("trainingRows", card.trainingRows());
        c.put("trainingPositives", card.trainingPositives());
        c.put("seed", card.seed());
        c.put("trainedAt", card.trainedAt().toString());
        c.put("trainSeconds", card.trainSeconds());
        c.put("evaluationProtocol", card.evaluationProtocol());
        ObjectNode eval = c.putObject("evaluation");
        card.evaluation().forEach(eval::put);
        return c;
    }

    private static ModelCard readCard(JsonNode c) {
        if (!c.isObject()) {
            throw new IllegalArgumentException("the manifest has no model card");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : c.path("config").properties()) {
            config.put(e.getKey(), e.getValue().asText());
        }
        Map<String, Double> eval = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : c.path("evaluation").properties()) {
            eval.put(e.getKey(), e.getValue().asDouble());
        }
        return new ModelCard(c.path("libraryVersion").asText("unknown"), c.path("trainer").asText(), config,
                c.path("trainingRows").asInt(), c.path("trainingPositives").asInt(), c.path("seed").asLong(),
                Instant.parse(c.path("trainedAt").asText()), c.path("trainSeconds").asDouble(),
                c.path("evaluationProtocol").asText(""), eval);
    }

}
