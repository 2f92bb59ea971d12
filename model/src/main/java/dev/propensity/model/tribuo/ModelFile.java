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
 * <p>Format versions: 1 (the first; stacks were added within it: older libraries refuse them as an unknown kind);
 * 2 adds {@code sha256} to the manifest: the SHA-256 of every other entry, verified before anything is parsed.
 *
 * <p>Reading is defensive ({@link ModelFileLimits}): bounded entry count, entry size, total size, manifest size and
 * compression ratio (a stack's nested members against the same budget); no entry the manifest does not name; a
 * strict integer {@code formatVersion}; every class name in the Tribuo protobuf (the model's, its members', domains'
 * and provenance's) checked against {@link #ALLOWED_CLASSES} before Tribuo deserializes, so a file cannot make the
 * JVM load or initialise any other class; {@code kind}, {@code tribuoModelClass} and the protobuf's class name
 * cross-checked; and, for version 2, the checksum verified before any bytes reach Tribuo or XGBoost's native code.
 * Version 1 files still load, except models holding an XGBoost booster (xgboost, and random forests grown by
 * XGBoost): without a checksum a damaged booster would reach native code (which can crash the JVM), so those are
 * refused with a request to save them again.
 */
final class ModelFile {
    /** The format version this library writes and the newest it reads. */
    static final int FORMAT_VERSION = 2;
    /** The first version whose manifest holds the entries' SHA-256. */
    static final int CHECKSUM_VERSION = 2;
    private static final String SHA256 = "sha256";
    private static final String TRIBUO_MODEL_CLASS = "tribuoModelClass";
    /**
     * Every class name a model file of this project may hold in its Tribuo protobuf: the models, their domains,
     * outputs, tree nodes and provenance (found by saving every kind of model this project trains, plus olcut's
     * provenance primitives). Anything else of a class name's form is refused before Tribuo (which calls
     * {@code Class.forName}) sees it.
     */
    static final java.util.Set<String> ALLOWED_CLASSES = java.util.Set.of(
            "[0m[0morg.tribuo.classification.sgd.linear.LinearSGDModel",
            "com.oracle.labs.mlrg.olcut.provenance.ListProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.MapProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.ByteProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.CharProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.FileProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.FloatProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.ShortProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance",
            "com.oracle.labs.mlrg.olcut.provenance.primitives.URLProvenance",
            "dev.propensity.features.FeatureTable",
            "dev.propensity.model.ClassWeighting",
            "dev.propensity.model.tribuo.LbfgsLogisticTrainer",
            "dev.propensity.model.tribuo.ForestConverter",
            "dev.propensity.model.tribuo.LbfgsLogisticTrainer$ColumnsDatasetProvenance",
            "dev.propensity.model.tribuo.XGBoostForestTrainer",
            "org.tribuo.CategoricalIDInfo",
            "org.tribuo.DataSource",
            "org.tribuo.ImmutableFeatureMap",
            "org.tribuo.MutableDataset",
            "org.tribuo.RealIDInfo",
            "org.tribuo.Trainer",
            "org.tribuo.classification.ImmutableLabelInfo",
            "org.tribuo.classification.Label",
            "org.tribuo.classification.LabelFactory",
            "org.tribuo.classification.LabelFactory$LabelFactoryProvenance",
            "org.tribuo.classification.dtree.CARTClassificationTrainer",
            "org.tribuo.classification.dtree.impurity.Entropy",
            "org.tribuo.classification.dtree.impurity.GiniIndex",
            "org.tribuo.classification.ensemble.FullyWeightedVotingCombiner",
            "org.tribuo.classification.sgd.linear.LinearSGDModel",
            "org.tribuo.classification.xgboost.XGBoostClassificationConverter",
            "org.tribuo.classification.xgboost.XGBoostClassificationTrainer",
            "org.tribuo.common.tree.LeafNode",
            "org.tribuo.common.tree.SplitNode",
            "org.tribuo.common.tree.TreeModel",
            "org.tribuo.common.xgboost.XGBoostModel",
            "org.tribuo.common.xgboost.XGBoostTrainer$BoosterType",
            "org.tribuo.common.xgboost.XGBoostTrainer$LoggingVerbosity",
            "org.tribuo.common.xgboost.XGBoostTrainer$TreeMethod",
            "org.tribuo.dataset.DatasetView",
            "org.tribuo.dataset.DatasetView$DatasetViewProvenance",
            "org.tribuo.ensemble.WeightedEnsembleModel",
            "org.tribuo.math.LinearParameters",
            "org.tribuo.math.la.DenseMatrix",
            "org.tribuo.math.util.ExpNormalizer",
            "org.tribuo.provenance.DatasetProvenance",
            "org.tribuo.provenance.EnsembleModelProvenance",
            "org.tribuo.provenance.ModelProvenance",
            "org.tribuo.provenance.SimpleDataSourceProvenance",
            "org.tribuo.provenance.impl.TimestampedTrainerProvenance",
            "org.tribuo.provenance.impl.TrainerProvenanceImpl");
    /** The Tribuo model class each kind holds. */
    private static final Map<String, java.util.Set<String>> KIND_CLASSES = Map.of(
            LinearPurchaseModel.KIND, java.util.Set.of("org.tribuo.classification.sgd.linear.LinearSGDModel"),
            TreePurchaseModel.XGBOOST, java.util.Set.of("org.tribuo.common.xgboost.XGBoostModel"),
            TreePurchaseModel.RANDOM_FOREST, java.util.Set.of("org.tribuo.common.tree.TreeModel",
                    "org.tribuo.ensemble.WeightedEnsembleModel", "org.tribuo.common.xgboost.XGBoostModel"));
    /** The Tribuo model class that holds an XGBoost booster (native code reads its bytes). */
    private static final String XGBOOST_MODEL_CLASS = "org.tribuo.common.xgboost.XGBoostModel";
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
        root.put(TRIBUO_MODEL_CLASS, model.getClass().getName());
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
        ObjectNode sums = manifest.putObject(SHA256);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            sums.put(e.getKey(), sha256(e.getValue()));
        }
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
        return read(file, ModelFileLimits.defaults());
    }

    static PurchaseModel read(Path file, ModelFileLimits limits) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ModelFileException(file, Files.isDirectory(file) ? "is a directory, not a model file"
                    : "is not a regular file (a pipe or device); give the model file itself", null);
        }
        byte[] head = new byte[4];
        int got;
        try (InputStream in = Files.newInputStream(file)) {
            got = in.readNBytes(head, 0, 4);
        }
        if (!isZip(head, got)) {
            throw new ModelFileException(file, "not a Propensity model file (expected a ZIP archive holding "
                    + MANIFEST + ")", null);
        }
        Budget budget = new Budget(file, limits);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry(MANIFEST);
            if (m == null) {
                throw new ModelFileException(file, "not a Propensity model file (a ZIP archive without "
                        + MANIFEST + ")", null);
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (java.util.Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                budget.entry("");
                if (!seen.add(z.getName())) {
                    throw new ModelFileException(file, "damaged model file: the archive holds two entries named '"
                            + z.getName() + "'", null);
                }
            }
            try (InputStream in = zip.getInputStream(m)) {
                entries.put(MANIFEST, budget.read(in, "", MANIFEST, m.getCompressedSize(), true));
            }
            java.util.Set<String> named = namedEntries(file, "", entries.get(MANIFEST), limits);
            for (java.util.Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (z.getName().equals(MANIFEST)) {
                    continue;
                }
                if (!named.contains(z.getName())) {
                    throw new ModelFileException(file, "damaged model file: the archive holds an entry '"
                            + cut(z.getName()) + "' that " + MANIFEST + " does not name", null);
                }
                try (InputStream in = zip.getInputStream(z)) {
                    entries.put(z.getName(), budget.read(in, "", z.getName(), z.getCompressedSize(), false));
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            // a cut or damaged deflate stream ends in EOFException ("Unexpected end of ZLIB input stream"): found
            // by fuzzing, kept as a regression input
            throw new ModelFileException(file, "truncated or damaged model file (" + e.getMessage() + ")", e);
        }
        return parse(file, "", entries, true, budget);
    }

    private static boolean isZip(byte[] head, int got) {
        return got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** A name from the file, as messages show it: control characters escaped, at most 100 characters. */
    static String cut(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
                    : String.valueOf(c));
        }
        return s.length() > 100 ? sb + "...(" + s.length() + " characters)" : sb.toString();
    }

    /**
     * The entries a manifest names (the Tribuo model, or a stack's members), refusing a stack with more members
     * than the limit before any is read. A manifest that cannot be parsed names nothing here; {@link #parse}
     * reports it.
     */
    private static java.util.Set<String> namedEntries(Path file, String where, byte[] manifest,
                                                      ModelFileLimits limits) throws ModelFileException {
        java.util.Set<String> named = new java.util.HashSet<>();
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            return named;
        }
        if (root == null) {
            return named;
        }
        named.add(root.path("tribuoModel").asText(TRIBUO_ENTRY));
        JsonNode members = root.path("members");
        if (members.isArray()) {
            if (members.size() > limits.maxMembers()) {
                throw new ModelFileException(file, where + "damaged model file: a stack of " + members.size()
                        + " members is more than the " + limits.maxMembers() + " a model file may hold", null);
            }
            for (JsonNode member : members) {
                named.add(member.path("entry").asText(""));
            }
        }
        return named;
    }

    /** The entries of a model file nested in another (a stack's member), read against the same budget. */
    private static Map<String, byte[]> nestedEntries(Path file, String where, byte[] bytes, Budget budget)
            throws IOException {
        if (!isZip(bytes, bytes.length)) {
            throw new ModelFileException(file, where + "is not a model file (expected a ZIP archive)", null);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            for (ZipEntry z = in.getNextEntry(); z != null; z = in.getNextEntry()) {
                budget.entry(where);
                // the member's whole size stands for the compressed size: a nested bomb is caught by the ratio
                byte[] data = budget.read(in, where, z.getName(), bytes.length, z.getName().equals(MANIFEST));
                if (entries.put(z.getName(), data) != null) {
                    throw new ModelFileException(file, where + "damaged model file: two entries named '"
                            + cut(z.getName()) + "'", null);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFileException(file, where + "is truncated or damaged (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    /** The hex SHA-256 of some bytes. */
    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The counts and sizes read so far from one model file, against its limits. */
    private static final class Budget {
        private final Path file;
        private final ModelFileLimits limits;
        private int entries;
        private long total;

        Budget(Path file, ModelFileLimits limits) {
            this.file = file;
            this.limits = limits;
        }

        void entry(String where) throws ModelFileException {
            if (++entries > limits.maxEntries()) {
                throw new ModelFileException(file, where + "damaged model file: more than " + limits.maxEntries()
                        + " archive entries (nested members included)", null);
            }
        }

        /** Reads an entry, refusing it as soon as it passes a limit (nothing beyond the limit is inflated). */
        byte[] read(InputStream in, String where, String name, long compressed, boolean manifest)
                throws IOException {
            long limit = Math.min(manifest ? limits.maxManifestBytes() : limits.maxEntryBytes(),
                    limits.maxTotalBytes() - total);
            long ratioLimit = compressed > 0 ? Math.max(ModelFileLimits.RATIO_FREE_BYTES,
                    compressed * (long) limits.maxRatio()) : Long.MAX_VALUE;
            long cap = Math.min(limit, ratioLimit);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long n = 0;
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
                if (n > cap) {
                    String why = n > ratioLimit && ratioLimit <= limit
                            ? "inflates more than " + limits.maxRatio() + " times its compressed size"
                            : n > limits.maxTotalBytes() - total ? "takes the archive past " + limits.maxTotalBytes()
                            + " bytes inflated" : "is larger than " + limit + " bytes inflated";
                    throw new ModelFileException(file, where + "refused: the entry '" + cut(name) + "' "
                            + why + " (a damaged file or a zip bomb)", null);
                }
                out.write(buf, 0, r);
            }
            total += n;
            return out.toByteArray();
        }
    }

    /**
     * Reads a model from an archive's entries.
     *
     * @param file     the file, for messages
     * @param where    the nested member being read ({@code ""} for the file itself), for messages
     * @param entries  the archive's entries by name
     * @param topLevel whether a stack may appear here (stacks do not nest)
     * @param budget   the limits, shared with nested members
     */
    private static PurchaseModel parse(Path file, String where, Map<String, byte[]> entries, boolean topLevel,
                                       Budget budget) throws IOException {
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
        JsonNode v = root.path("formatVersion");
        int version = v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : -1;
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
        verifyChecksums(file, where, root, version, entries);
        if (kind.equals(StackPurchaseModel.KIND)) {
            if (!topLevel) {
                throw new ModelFileException(file, where + "a stack cannot be a member of a stack", null);
            }
            return parseStack(file, root, entries, budget);
        }
        if (version < CHECKSUM_VERSION && kind.equals(TreePurchaseModel.XGBOOST)) {
            throw noChecksum(file, where, version);
        }
        String tribuoEntry = root.path("tribuoModel").asText(TRIBUO_ENTRY);
        byte[] tribuoBytes = entries.get(tribuoEntry);
        if (tribuoBytes == null) {
            throw new ModelFileException(file, where + "the archive lacks the Tribuo model entry " + tribuoEntry,
                    null);
        }
        String top = checkClasses(file, where, root, kind, tribuoBytes);
        if (XGBOOST_MODEL_CLASS.equals(top)) {
            // an XGBoost booster: xgboost models, and random forests grown by XGBoost
            if (version < CHECKSUM_VERSION) {
                throw noChecksum(file, where, version);
            }
            XGBoostNative.load(); // the booster passed its checksum; the library's extracted copy is removed at once
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
                try {
                    return new TreePurchaseModel(kind, encoding, labelModel, card);
                } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                    throw new ModelFileException(file, where + "damaged model file: " + e.getMessage(), e);
                }
            default:
                throw new ModelFileException(file, where + "unknown model kind '" + kind + "' (this library reads "
                        + LinearPurchaseModel.KIND + ", " + TreePurchaseModel.XGBOOST + ", "
                        + TreePurchaseModel.RANDOM_FOREST + ", " + StackPurchaseModel.KIND + ")", null);
        }
    }

    /**
     * Verifies the manifest's SHA-256 of every other entry (format version 2 and later): a damaged file is refused
     * here, before any of its bytes are parsed, let alone handed to native code.
     */
    private static void verifyChecksums(Path file, String where, JsonNode root, int version,
                                        Map<String, byte[]> entries) throws ModelFileException {
        if (version < CHECKSUM_VERSION) {
            return;
        }
        JsonNode sums = root.path(SHA256);
        if (!sums.isObject()) {
            throw new ModelFileException(file, where + "damaged model file: " + MANIFEST + " has no " + SHA256
                    + " checksums", null);
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().equals(MANIFEST)) {
                continue;
            }
            JsonNode want = sums.path(e.getKey());
            if (!want.isTextual()) {
                throw new ModelFileException(file, where + "damaged model file: " + MANIFEST + " has no checksum for '"
                        + cut(e.getKey()) + "'", null);
            }
            if (!want.asText().equalsIgnoreCase(sha256(e.getValue()))) {
                throw new ModelFileException(file, where + "damaged model file: the entry '" + cut(e.getKey())
                        + "' does not match its SHA-256 checksum (the file was changed or damaged after saving)",
                        null);
            }
        }
    }

    /** The refusal of an XGBoost booster in a file without checksums. */
    private static ModelFileException noChecksum(Path file, String where, int version) {
        return new ModelFileException(file, where + "an XGBoost model in format version " + version
                + " has no checksum, and a damaged booster can crash the JVM in native code; save it again with "
                + "this version (train it anew), which checks the booster before loading it", null);
    }

    /**
     * Checks the class names of the Tribuo protobuf against the allowlist and the kind, before Tribuo deserializes
     * (and so loads and initialises) anything.
     *
     * @return the Tribuo model's class name ({@code null} for a kind this library does not know)
     */
    private static String checkClasses(Path file, String where, JsonNode root, String kind, byte[] tribuoBytes)
            throws ModelFileException {
        java.util.Set<String> expected = KIND_CLASSES.get(kind);
        if (expected == null) {
            return null; // an unknown kind is reported by the caller, before anything is deserialized
        }
        String top;
        java.util.Set<String> names;
        try {
            top = org.tribuo.protos.core.ModelProto.parseFrom(tribuoBytes).getClassName();
            names = ProtoStrings.classNames(tribuoBytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new ModelFileException(file, where + "damaged model file: " + e.getMessage(), e);
        }
        if (!expected.contains(top)) {
            throw new ModelFileException(file, where + "damaged model file: a " + kind + " model must hold "
                    + String.join(" or ", new java.util.TreeSet<>(expected)) + ", the file holds "
                    + cut(top), null);
        }
        JsonNode written = root.path(TRIBUO_MODEL_CLASS);
        if (!written.isMissingNode() && !written.asText().equals(top)) {
            throw new ModelFileException(file, where + "damaged model file: " + MANIFEST + " names "
                    + cut(written.asText()) + " but the model is " + cut(top), null);
        }
        for (String n : names) {
            if (!ALLOWED_CLASSES.contains(n)) {
                throw new ModelFileException(file, where + "refused: the model names the class " + cut(n)
                        + ", which a Propensity model never holds (nothing was loaded)", null);
            }
        }
        return top;
    }

    private static PurchaseModel parseStack(Path file, JsonNode root, Map<String, byte[]> entries, Budget budget)
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
            members.add(parse(file, where, nestedEntries(file, where, bytes, budget), false, budget));
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
