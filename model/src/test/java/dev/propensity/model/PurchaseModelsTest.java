package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurchaseModelsTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(1500, 5);

    @TempDir
    Path dir;

    @Test
    void logisticRoundTripGivesIdenticalPredictionsAndCard() throws IOException {
        PurchaseModel m = Trainers.logisticRegression().train(MIXED);
        Path f = dir.resolve("model.zip");
        m.save(f);
        PurchaseModel back = PurchaseModels.load(f);
        assertThat(back.predict(MIXED)).isEqualTo(m.predict(MIXED));
        assertThat(back.probability(MIXED.row(3))).isEqualTo(m.probability(MIXED.row(3)));
        assertThat(back.schema()).isEqualTo(m.schema());
        assertThat(back.card()).isEqualTo(m.card());
        assertThat(((LinearExplainable) back).coefficients()).isEqualTo(((LinearExplainable) m).coefficients());
    }

    @Test
    void logisticFromOutsideWeightsScoresSavesAndLoadsAsATrainedOne() throws IOException {
        // weights fitted elsewhere (here: a trained model's own) give the same model, file and predictions
        PurchaseModel trained = Trainers.logisticRegression(LogisticConfig.defaults().withGate("")).train(MIXED);
        LinearExplainable lin = (LinearExplainable) trained;
        dev.propensity.features.FittedEncoding enc = dev.propensity.features.FittedEncoding.fit(MIXED,
                LogisticConfig.defaults().encoder());
        double[] w = new double[enc.width()];
        for (int k = 0; k < w.length; k++) {
            w[k] = lin.coefficients().get(enc.outputNames().get(k));
        }
        ModelCard card = ModelCard.trained("logistic", java.util.Map.of("fittedBy", "test"), MIXED.rows(),
                MIXED.positives(), 1L, 0.0);
        PurchaseModel built = PurchaseModels.logistic(LogisticConfig.defaults(), enc, null, w, lin.intercept(),
                "test weights", card);
        assertThat(built.predict(MIXED)).containsExactly(trained.predict(MIXED), within(1e-12));
        Path f = dir.resolve("built.propensity");
        built.save(f);
        PurchaseModel back = PurchaseModels.load(f);
        assertThat(back.predict(MIXED)).isEqualTo(built.predict(MIXED));
        assertThat(back.card()).isEqualTo(card);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("\"formatVersion\" : " + PurchaseModels.FORMAT_VERSION).contains("sha256");
        }
        // the weights must fit the encoding and be finite
        assertThrows(IllegalArgumentException.class, () -> PurchaseModels.logistic(LogisticConfig.defaults(), enc,
                null, Arrays.copyOf(w, w.length - 1), 0.0, "short", card));
        double[] bad = w.clone();
        bad[0] = Double.NaN;
        assertThat(assertThrows(IllegalArgumentException.class, () -> PurchaseModels.logistic(
                LogisticConfig.defaults(), enc, null, bad, 0.0, "nan", card)).getMessage()).contains("weight 0");
    }

    @Test
    void cardWithEvaluationFiguresSurvivesTheRoundTrip() throws IOException {
        PurchaseModel m = Trainers.logisticRegression().train(MIXED);
        PurchaseModel evaluated = m.withCard(m.card().withEvaluation("cv", java.util.Map.of("rocAuc", 0.8)));
        Path f = dir.resolve("m.zip");
        evaluated.save(f);
        ModelCard card = PurchaseModels.load(f).card();
        assertThat(card.evaluation()).containsEntry("rocAuc", 0.8);
        assertThat(card.evaluationProtocol()).isEqualTo("cv");
        assertThat(card.libraryVersion()).isNotBlank();
    }

    @Test
    void treeModelsRoundTrip() throws IOException {
        for (ModelTrainer t : List.of(Trainers.randomForest(TreeConfig.defaults().withTrees(10)),
                Trainers.xgboost(XGBoostConfig.defaults().withRounds(20)))) {
            PurchaseModel m = t.train(MIXED);
            Path f = dir.resolve(t.name() + ".zip");
            m.save(f);
            PurchaseModel back = PurchaseModels.load(f);
            assertThat(back.predict(MIXED)).as(t.name()).isEqualTo(m.predict(MIXED));
            assertThat(back.card().trainer()).isEqualTo(t.name());
        }
    }

    @Test
    void fixtureOfFormatVersion1StillLoadsAndPredictsTheSame() throws IOException {
        Path f = resource("logistic-v1.zip");
        PurchaseModel m = PurchaseModels.load(f);
        List<String> lines = Files.readAllLines(resource("logistic-v1-expected.csv"));
        double[] p = m.predict(FixtureWriterMain.table());
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(",");
            assertThat(p[Integer.parseInt(parts[0])]).isCloseTo(Double.parseDouble(parts[1]), within(1e-12));
        }
        assertThat(m.card().trainer()).isEqualTo("logistic");
    }

    @Test
    void newerFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path f = dir.resolve("future.zip");
        writeZip(f, "manifest.json", "{\"format\":\"propensity-model\",\"formatVersion\":7,\"kind\":\"logistic\"}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> PurchaseModels.load(f));
        assertThat(e.getMessage()).contains(f.toString()).contains("format version 7")
                .contains("versions up to " + PurchaseModels.FORMAT_VERSION);
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path f = dir.resolve("model.zip");
        Trainers.logisticRegression().train(MIXED).save(f);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> PurchaseModels.load(cut));
        assertThat(e.getMessage()).contains("cut.zip").contains("truncated or damaged");
    }

    @Test
    void fileThatIsNotAModelIsRefused() throws IOException {
        Path csv = dir.resolve("sessions.csv");
        Files.writeString(csv, "id,label\n1,true\n");
        ModelFileException e = assertThrows(ModelFileException.class, () -> PurchaseModels.load(csv));
        assertThat(e.getMessage()).contains("sessions.csv").contains("not a Propensity model file");
        Path zip = dir.resolve("other.zip");
        writeZip(zip, "readme.txt", "hello");
        ModelFileException z = assertThrows(ModelFileException.class, () -> PurchaseModels.load(zip));
        assertThat(z.getMessage()).contains("without manifest.json");
        Path empty = dir.resolve("empty.zip");
        Files.write(empty, new byte[0]);
        assertThrows(ModelFileException.class, () -> PurchaseModels.load(empty));
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(NoSuchFileException.class, () -> PurchaseModels.load(dir.resolve("nope.zip")));
    }

    private static void writeZip(Path f, String entry, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = PurchaseModelsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Files.copy(in, f);
        }
        return f;
    }
}
