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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>A stack ({@code kind} {@code stack}) holds no Tribuo model itself: its manifest lists the members with their
 * weights, and each member is a complete model file nested in the archive as
 * {@code member-K.model}.
 *
 * <p>Format versions: 1 (the first; stacks were added within it: older libraries refuse them as an unknown kind).
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
        ObjectNode root = manifest(kind, encoding.inputSchema().names(), gate, card);
        root.set("encoding", JSON.readTree(encoding.toJson()));
        root.put("tribuoModel", TRIBUO_ENTRY);
        root.put("tribuoModelClass", model.getClass().getName());
        ByteArrayOutputStream tribuo = new ByteArrayOutputStream();
        model.serializeToStream(tribuo);
        writeArchive(file, root, Map.of(TRIBUO_ENTRY, tribuo.toByteArray()));
    }

    /**
     * The manifest's common head: format, version, kind, the input schema's names, the gate feature of a gated
     * logistic model (when not {@code null}) and the card.
     */
    private static ObjectNode manifest(String kind, List<String> schema, String gate, ModelCard card) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", kind);
        root.putPOJO("schema", schema);
        if (gate != null) {
            root.put("gate", gate);
        }
        root.set("card", cardJson(card));
        return root;
    }

    /** Writes the archive: the manifest first, then the other entries in the map's order. */
    private static void writeArchive(Path file, ObjectNode manifest, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(manifest));
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Writes a stack: the manifest (kind {@code stack}, schema, card and one entry per member with its
     * weight) and each member as a complete model file nested in the archive.
     */
    static void writeStack(Path file, StackPurchaseModel stack) throws IOException {
        ObjectNode root = manifest(StackPurchaseModel.KIND, stack.schema().names(), null, stack.card());
        double[] w = stack.weights();
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("members");
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int k = 0; k < stack.members().size(); k++) {
            String entry = "member-" + k + ".model";
            ObjectNode member = list.addObject();
            member.put("entry", entry);
            member.put("kind", stack.members().get(k).card().trainer());
            member.put("weight", w[k]);
            // a member may be any model: its own save writes it, through a temporary file
            Path tmp = Files.createTempFile("propensity-member", ".model");
            try {
                stack.members().get(k).save(tmp);
                members.put(entry, Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        writeArchive(file, root, members);
    }

    static PurchaseModel read(Path file) throws IOException {
        byte[] head = new byte[4];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, 4);
        }
        if (!isZip(head, got)) {
            throw new ModelFileException(file, "not a Propensity model file (expected a ZIP archive holding "
                    + MANIFEST + ")", null);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (java.util.Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                try (InputStream in = zip.getInputStream(z)) {
                    entries.put(z.getName(), in.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw new ModelFileException(file, "truncated or damaged model file (" + e.getMessage() + ")", e);
        }
        return parse(file, "", entries, true);
    }

    private static boolean isZip(byte[] head, int got) {
        return got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** The entries of a model file nested in another (a stack's member). */
    private static Map<String, byte[]> nestedEntries(Path file, String where, byte[] bytes) throws IOException {
        if (!isZip(bytes, bytes.length)) {
            throw new ModelFileException(file, where + "is not a model file (expected a ZIP archive)", null);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            for (ZipEntry z = in.getNextEntry(); z != null; z = in.getNextEntry()) {
                entries.put(z.getName(), in.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(file, where + "is truncated or damaged (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /**
     * Reads a model from an archive's entries.
     *
     * @param file     the file, for messages
     * @param where    the nested member being read ({@code ""} for the file itself), for messages
     * @param entries  the archive's entries by name
     * @param topLevel whether a stack may appear here (stacks do not nest)
     */
    private static PurchaseModel parse(Path file, String where, Map<String, byte[]> entries, boolean topLevel)
            throws IOException {
        JsonNode root;
        byte[] m = entries.get(MANIFEST);
        if (m == null) {
            throw new ModelFileException(file, where + "not a Propensity model file (a ZIP archive without "
                    + MANIFEST + ")", null);
        }
        try {
            root = JSON.readTree(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFileException(file, where + MANIFEST + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new ModelFileException(file, where + "not a Propensity model file (" + MANIFEST
                    + " lacks \"format\": \"" + FORMAT + "\")", null);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1) {
            throw new ModelFileException(file, where + MANIFEST + " has no valid formatVersion: "
                    + root.path("formatVersion"), null);
        }
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, where + "written in model format version " + version
                    + ", but this library reads versions up to " + FORMAT_VERSION
                    + "; load it with a newer Propensity", null);
        }
        String kind = root.path("kind").asText();
        if (kind.equals(StackPurchaseModel.KIND)) {
            if (!topLevel) {
                throw new ModelFileException(file, where + "a stack cannot be a member of a stack", null);
            }
            return parseStack(file, root, entries);
        }
        String tribuoEntry = root.path("tribuoModel").asText(TRIBUO_ENTRY);
        byte[] tribuoBytes = entries.get(tribuoEntry);
        if (tribuoBytes == null) {
            throw new ModelFileException(file, where + "the archive lacks the Tribuo model entry " + tribuoEntry,
                    null);
        }
        FittedEncoding encoding;
        ModelCard card;
        Model<?> model;
        try {
            encoding = FittedEncoding.fromJson(JSON.writeValueAsString(root.path("encoding")));
            card = readCard(root.path("card"));
            model = Model.deserializeFromStream(new java.io.ByteArrayInputStream(tribuoBytes));
        } catch (IllegalArgumentException | IOException | IllegalStateException e) {
            throw new ModelFileException(file, where + "damaged model file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, where + "damaged model file: " + e, e);
        }
        if (!model.validate(Label.class)) {
            throw new ModelFileException(file, where + "the Tribuo model does not predict labels", null);
        }
        @SuppressWarnings("unchecked")
        Model<Label> labelModel = (Model<Label>) model;
        switch (kind) {
            case LinearPurchaseModel.KIND:
                if (!(model instanceof LinearSGDModel)) {
                    throw new ModelFileException(file, where + "a logistic model must hold a LinearSGDModel, found "
                            + model.getClass().getName(), null);
                }
                String gate = root.hasNonNull("gate") ? root.get("gate").asText() : null;
                try {
                    return new LinearPurchaseModel(encoding, gate, (LinearSGDModel) model, card);
                } catch (IllegalArgumentException e) {
                    throw new ModelFileException(file, where + "damaged model file: " + e.getMessage(), e);
                }
            case TreePurchaseModel.XGBOOST:
            case TreePurchaseModel.RANDOM_FOREST:
                return new TreePurchaseModel(kind, encoding, labelModel, card);
            default:
                throw new ModelFileException(file, where + "unknown model kind '" + kind + "' (this library reads "
                        + LinearPurchaseModel.KIND + ", " + TreePurchaseModel.XGBOOST + ", "
                        + TreePurchaseModel.RANDOM_FOREST + ", " + StackPurchaseModel.KIND + ")", null);
        }
    }

    private static PurchaseModel parseStack(Path file, JsonNode root, Map<String, byte[]> entries)
            throws IOException {
        JsonNode list = root.path("members");
        if (!list.isArray() || list.isEmpty()) {
            throw new ModelFileException(file, "damaged model file: a stack's " + MANIFEST
                    + " needs a non-empty members list", null);
        }
        double[] weights = new double[list.size()];
        List<PurchaseModel> members = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode member = list.get(k);
            String entry = member.path("entry").asText("");
            byte[] bytes = entries.get(entry);
            if (bytes == null || !member.path("weight").isNumber()) {
                throw new ModelFileException(file, "damaged model file: stack member " + k + " lacks "
                        + (bytes == null ? "its archive entry '" + entry + "'" : "a numeric weight"), null);
            }
            weights[k] = member.path("weight").asDouble();
            String where = "stack member " + k + " (" + entry + "): ";
            members.add(parse(file, where, nestedEntries(file, where, bytes), false));
        }
        try {
            return new StackPurchaseModel(members, weights, readCard(root.path("card")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFileException(file, "damaged model file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "damaged model file: " + e, e);
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
