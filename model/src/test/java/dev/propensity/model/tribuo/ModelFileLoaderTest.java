package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.ModelFileException;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.StackConfig;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model loader against damaged and hostile files (issue 17, defects 2-4). */
class ModelFileLoaderTest {
    private static final FeatureTable TABLE = SyntheticTables.mixed(600, 5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path saved(String kind) throws IOException {
        PurchaseModel m = switch (kind) {
            case "logistic" -> Trainers.logisticRegression().train(TABLE);
            case "xgboost" -> Trainers.xgboost(XGBoostConfig.defaults().withRounds(10)).train(TABLE);
            case "random-forest" -> Trainers.randomForest(TreeConfig.defaults().withTrees(5)).train(TABLE);
            default -> Trainers.stack(StackConfig.defaults().withInnerFolds(2)
                    .withXGBoost(XGBoostConfig.defaults().withRounds(5))).train(TABLE);
        };
        Path f = dir.resolve(kind + ".model");
        m.save(f);
        return f;
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry x = e.nextElement();
                try (InputStream in = z.getInputStream(x)) {
                    m.put(x.getName(), in.readAllBytes());
                }
            }
        }
        return m;
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    /** A copy of a model file with its manifest edited (the checksums left as they are). */
    private Path withManifest(Path file, String name, UnaryOperator<ObjectNode> edit) throws IOException {
        Map<String, byte[]> e = entries(file);
        ObjectNode root = (ObjectNode) JSON.readTree(e.get("manifest.json"));
        e.put("manifest.json", JSON.writeValueAsBytes(edit.apply(root)));
        return zip(dir.resolve(name), e);
    }

    private static String refusal(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> PurchaseModels.load(file));
        assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void everyKindSavesAndLoadsAndOnlyAllowedClassNamesAreInItsProtobuf() throws IOException {
        for (String kind : new String[] {"logistic", "xgboost", "random-forest", "stack"}) {
            Path f = saved(kind);
            PurchaseModel back = PurchaseModels.load(f);
            assertThat(back.predict(TABLE)).as(kind).hasSize(TABLE.rows());
            Map<String, byte[]> e = entries(f);
            ObjectNode manifest = (ObjectNode) JSON.readTree(e.get("manifest.json"));
            assertThat(manifest.get("formatVersion").intValue()).isEqualTo(ModelFile.FORMAT_VERSION);
            assertThat(manifest.get("sha256").size()).as(kind).isEqualTo(e.size() - 1);
            if (e.containsKey("model.tribuo")) {
                assertThat(ProtoStrings.classNames(e.get("model.tribuo"))).as(kind)
                        .allMatch(ModelFile.ALLOWED_CLASSES::contains);
            }
        }
    }

    /** Rewrites the checksum of one entry, as a forger who knows the format would. */
    private static void resum(Map<String, byte[]> e, String entry) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(e.get("manifest.json"));
        ((ObjectNode) root.get("sha256")).put(entry, ModelFile.sha256(e.get(entry)));
        e.put("manifest.json", JSON.writeValueAsBytes(root));
    }

    @Test
    void aDamagedXGBoostBoosterIsRefusedByItsChecksumBeforeNativeCodeSeesIt() throws IOException {
        Path f = saved("xgboost");
        Map<String, byte[]> e = entries(f);
        byte[] t = e.get("model.tribuo");
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int k = 0; k < 20; k++) {
            byte[] copy = t.clone();
            for (int j = 0; j < 3; j++) {
                int at = t.length / 2 + r.nextInt(t.length / 2);
                copy[at] ^= (byte) (1 << r.nextInt(8));
            }
            e.put("model.tribuo", copy);
            Path bad = zip(dir.resolve("flipped" + k + ".model"), e);
            assertThat(refusal(bad)).contains("does not match its SHA-256 checksum");
        }
    }

    @Test
    void aZipBombIsRefusedWithoutInflatingItAll() throws IOException {
        Path f = saved("logistic");
        Map<String, byte[]> e = entries(f);
        Map<String, byte[]> unused = new LinkedHashMap<>(e);
        unused.put("padding.bin", new byte[64 << 20]);
        assertThat(refusal(zip(dir.resolve("unused.model"), unused))).contains("'padding.bin'", "does not name");

        Map<String, byte[]> named = new LinkedHashMap<>(e);
        named.put("model.tribuo", new byte[64 << 20]); // zeros: a ratio near 1000
        assertThat(refusal(zip(dir.resolve("bomb.model"), named))).contains("'model.tribuo'", "zip bomb");

        Map<String, byte[]> manifest = new LinkedHashMap<>(e);
        manifest.put("manifest.json", ("{\"format\":\"propensity-model\",\"pad\":\""
                + " ".repeat(20 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(zip(dir.resolve("manifest.model"), manifest))).contains("'manifest.json'", "refused");

        ModelFileLimits tight = new ModelFileLimits(8, 1000, 1000, 1000, 100, 4);
        ModelFileException small = assertThrows(ModelFileException.class, () -> ModelFile.read(f, tight));
        assertThat(small.getMessage()).contains("refused", "1000 bytes").doesNotContain("\n");
    }

    @Test
    void aStackListingThousandsOfMembersIsRefusedBeforeAnyIsRead() throws IOException {
        Path f = saved("stack");
        Path many = withManifest(f, "many.model", root -> {
            com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode)
                    root.get("members");
            while (list.size() < 5000) {
                list.add(list.get(0).deepCopy());
            }
            return root;
        });
        assertThat(refusal(many)).contains("5000 members");
    }

    @Test
    void aClassNameOutsideTheAllowlistIsRefusedBeforeTribuoLoadsIt() throws IOException {
        Path f = saved("logistic");
        Map<String, byte[]> e = entries(f);
        byte[] jni = org.tribuo.protos.core.ModelProto.parseFrom(e.get("model.tribuo")).toBuilder()
                .setClassName("ml.dmlc.xgboost4j.java.XGBoostJNI").build().toByteArray();
        e.put("model.tribuo", jni);
        resum(e, "model.tribuo");
        assertThat(refusal(zip(dir.resolve("jni.model"), e))).contains("ml.dmlc.xgboost4j.java.XGBoostJNI");

        // a provenance class name, same length so that the protobuf stays well-formed
        Map<String, byte[]> p = entries(f);
        String was = "org.tribuo.provenance.ModelProvenance";
        String evil = "com.example.Hostile" + "X".repeat(was.length() - "com.example.Hostile".length());
        String text = new String(p.get("model.tribuo"), StandardCharsets.ISO_8859_1);
        assertThat(text).contains(was);
        p.put("model.tribuo", text.replace(was, evil).getBytes(StandardCharsets.ISO_8859_1));
        resum(p, "model.tribuo");
        assertThat(refusal(zip(dir.resolve("provenance.model"), p))).contains(evil, "nothing was loaded");
    }

    @Test
    void theKindMustMatchTheModelClass() throws IOException {
        Path f = saved("logistic");
        assertThat(refusal(withManifest(f, "relabelled.model", r -> r.put("kind", "xgboost"))))
                .contains("xgboost model must hold", "LinearSGDModel");
        assertThat(refusal(withManifest(f, "misnamed.model",
                r -> r.put("tribuoModelClass", "org.tribuo.common.tree.TreeModel")))).contains("names");
    }

    @Test
    void theFormatVersionMustBeAnInteger() throws IOException {
        Path f = saved("logistic");
        assertThat(refusal(withManifest(f, "big.model", r -> r.put("formatVersion", 4294967297L))))
                .contains("formatVersion");
        assertThat(refusal(withManifest(f, "frac.model", r -> r.put("formatVersion", 1.9)))).contains("formatVersion");
        assertThat(refusal(withManifest(f, "text.model", r -> r.put("formatVersion", "1")))).contains("formatVersion");
        assertThat(refusal(withManifest(f, "future.model", r -> r.put("formatVersion", 3)))).contains("newer");
    }

    @Test
    void version1FilesStillLoadExceptXGBoostWhichHasNoChecksum() throws IOException {
        Path logistic = withManifest(saved("logistic"), "v1.model", r -> {
            r.remove("sha256");
            return r.put("formatVersion", 1);
        });
        assertThat(PurchaseModels.load(logistic).predict(TABLE)).hasSize(TABLE.rows());
        Path xgb = withManifest(saved("xgboost"), "v1x.model", r -> {
            r.remove("sha256");
            return r.put("formatVersion", 1);
        });
        assertThat(refusal(xgb)).contains("version 1", "checksum", "save it again");
        // a random forest is grown by XGBoost too: its booster needs the checksum just the same
        Path forest = withManifest(saved("random-forest"), "v1f.model", r -> {
            r.remove("sha256");
            return r.put("formatVersion", 1);
        });
        assertThat(refusal(forest)).contains("version 1", "checksum", "save it again");
        assertThat(refusal(withManifest(saved("random-forest"), "nosum.model", r -> {
            r.remove("sha256");
            return r;
        }))).contains("no sha256");
    }

    @Test
    void aDirectoryOrAFifoIsRefusedNamingThePath() throws IOException {
        Path d = Files.createDirectories(dir.resolve("model-dir"));
        assertThat(refusal(d)).contains("is a directory");
    }
}
