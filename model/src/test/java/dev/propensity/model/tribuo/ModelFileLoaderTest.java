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
}
