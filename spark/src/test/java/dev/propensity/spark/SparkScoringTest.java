package dev.propensity.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkScoringTest extends SparkTestSession {
    @TempDir
    static Path dir;
    static Path events;
    static Path model;
    static FeatureTable single;

    @BeforeAll
    static void data() throws IOException {
        events = dir.resolve("events.csv");
        SyntheticSessions.writeRees46(events, 1000, 21, SimulatorConfig.rees46());
        single = FeatureTables.builder().build(events, null, ReadOptions.defaults()).table();
        PurchaseModel m = Trainers.logisticRegression().train(single);
        model = dir.resolve("model.propensity");
        m.save(model);
    }

    @Test
    void predictionsEqualTheSingleMachineScores() throws IOException {
        double[] expected = dev.propensity.model.PurchaseModels.load(model).predict(single);
        Map<String, Double> byId = new HashMap<>();
        for (int i = 0; i < single.rows(); i++) {
            byId.put(single.id(i), expected[i]);
        }
        Path out = dir.resolve("scores.csv");
        SparkOutput o = engine.score(model, events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(), out);
        assertThat(o.rows()).isEqualTo(single.rows());
        assertThat(o.purchases()).isEqualTo(single.positives());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("session_id,label,probability");
        assertThat(lines).hasSize(single.rows() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            // the same doubles, not merely close: the same engine, the same model file
            assertThat(Double.parseDouble(f[2])).as(f[0]).isEqualTo(byId.get(f[0]));
        }
    }

    @Test
    void aDirectoryGetsParquetAndCsvPredictions() throws IOException {
        Path out = dir.resolve("scored");
        SparkOutput o = engine.score(model, events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(), out);
        assertThat(o.files()).containsExactly(out.resolve("predictions.parquet").toString(),
                out.resolve("predictions-csv").toString());
        List<Row> rows = spark.read().parquet(out.resolve("predictions.parquet").toString()).collectAsList();
        assertThat(rows).hasSize(single.rows());
        long csvRows = spark.read().option("header", "true").csv(out.resolve("predictions-csv").toString()).count();
        assertThat(csvRows).isEqualTo(single.rows());
    }

    @Test
    void featuresToOneCsvFileEqualTheSingleMachineFile() throws IOException {
        Path out = dir.resolve("features.csv");
        SparkOutput o = engine.writeFeatures(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(), out);
        assertThat(o.rows()).isEqualTo(single.rows());
        Path expected = dir.resolve("expected.csv");
        FeatureCsv.write(single, expected);
        assertThat(sortedBody(out)).isEqualTo(sortedBody(expected));
        assertThat(Files.readAllLines(out).get(0)).isEqualTo(Files.readAllLines(expected).get(0));
    }

    @Test
    void featuresToADirectoryReadBackAsTheSameTable() throws IOException {
        Path out = dir.resolve("features-dir");
        SparkOutput o = engine.writeFeatures(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(), out);
        assertThat(o.rows()).isEqualTo(single.rows());
        assertThat(o.purchases()).isEqualTo(single.positives());
        long csvRows = spark.read().option("header", "true").csv(out.resolve("features-csv").toString()).count();
        assertThat(csvRows).isEqualTo(single.rows());
    }

    @Test
    void aModelOfOtherFeaturesIsRefusedOnTheDriver() throws IOException {
        FeatureTable small = FeatureTables.dropEmptyFeatures(single);
        Path other = dir.resolve("other.propensity");
        Trainers.logisticRegression().train(small).save(other);
        assertThatThrownBy(() -> engine.score(other, events, null, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), dir.resolve("x.csv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match the model");
    }

    private static List<String> sortedBody(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> body = new java.util.ArrayList<>(lines.subList(1, lines.size()));
        java.util.Collections.sort(body);
        return body;
    }
}
