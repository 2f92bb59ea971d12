package dev.propensity.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.propensity.core.Session;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkFeaturesTest extends SparkTestSession {
    static final Path REES46 = Path.of("../../shared/data/rees46/2019-11-01-head.csv");


    /** Spark's rows against the single machine's table, value for value to 1e-12, matched by session id. */
    static void assertSameRows(List<Row> sparkRows, FeatureTable single) {
        assertThat(sparkRows).hasSize(single.rows());
        Map<String, Row> byId = new HashMap<>();
        for (Row r : sparkRows) {
            assertThat(byId.put(r.getString(0), r)).as("duplicate session %s", r.getString(0)).isNull();
        }
        int width = single.columnCount();
        assertThat(sparkRows.get(0).size()).isEqualTo(SparkFeatures.FIRST_FEATURE + width
                + SparkFeatures.FACT_COLUMNS.size());
        for (int i = 0; i < single.rows(); i++) {
            Row r = byId.get(single.id(i));
            assertThat(r).as("session %s", single.id(i)).isNotNull();
            assertThat(r.getInt(1) == 1).as("label of %s", single.id(i)).isEqualTo(single.label(i));
            for (int j = 0; j < width; j++) {
                String name = single.schema().get(j).name();
                assertThat(sparkRows.get(0).schema().fieldNames()[SparkFeatures.FIRST_FEATURE + j]).isEqualTo(name);
                Object v = r.get(SparkFeatures.FIRST_FEATURE + j);
                if (single.schema().get(j).kind() == FeatureKind.CATEGORICAL) {
                    assertThat((String) v).as("%s of %s", name, single.id(i)).isEqualTo(single.level(i, j));
                } else {
                    double expected = single.value(i, j);
                    double actual = (Double) v;
                    if (Double.isNaN(expected)) {
                        assertThat(actual).as("%s of %s", name, single.id(i)).isNaN();
                    } else {
                        assertThat(actual).as("%s of %s", name, single.id(i)).isCloseTo(expected,
                                org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
        }
    }

    static List<Row> sparkRows(Path file, InputFormat format, Cutoff cutoff, ReadOptions options) throws IOException {
        return engine.run(() -> engine.featureRows(file, format, cutoff, options).collectAsList());
    }

    @Test
    void rees46RowsEqualTheSingleMachineRows() throws IOException {
        assumeTrue(Files.isRegularFile(REES46), "../shared/data/rees46 is absent");
        FeatureTable single = FeatureTables.builder().build(REES46, InputFormat.REES46, ReadOptions.defaults()).table();
        assertThat(single.rows()).isGreaterThan(100);
        assertSameRows(sparkRows(REES46, InputFormat.REES46, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults()),
                single);
    }

    @Test
    void rees46RowsEqualUnderOtherCutoffsAndInactivitySessions() throws IOException {
        assumeTrue(Files.isRegularFile(REES46), "../shared/data/rees46 is absent");
        ReadOptions byGap = ReadOptions.defaults().withSessionizer(Sessionizer.byInactivity(Duration.ofMinutes(5)));
        for (Cutoff c : List.of(Cutoffs.firstEvents(3), Cutoffs.firstMinutes(2))) {
            FeatureTable single = FeatureTables.builder().cutoff(c).build(REES46, InputFormat.REES46, byGap).table();
            assertSameRows(sparkRows(REES46, InputFormat.REES46, c, byGap), single);
        }
    }

    @Test
    void simulatedRees46AndEventsFilesGiveTheSingleMachineRows(@TempDir Path dir) throws IOException {
        Path rees = dir.resolve("sim-rees46.csv");
        Path events = dir.resolve("sim-events.csv");
        SyntheticSessions.writeRees46(rees, 1500, 7, SimulatorConfig.rees46());
        SyntheticSessions.writeEvents(events, 1500, 7, SimulatorConfig.defaults());
        for (Path f : List.of(rees, events)) {
            FeatureTable single = FeatureTables.builder().build(f, null, ReadOptions.defaults()).table();
            assertThat(single.rows()).isEqualTo(1500);
            assertSameRows(sparkRows(f, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults()), single);
        }
    }

    @Test
    void simulatedSessionsFromTheDriverGiveTheSingleMachineRows() {
        List<Session> sessions = SyntheticSessions.generate(1200, 11);
        FeatureTable single = FeatureTables.builder().build(sessions);
        ReadOptions options = ReadOptions.defaults();
        List<Row> rows = engine.featureRows(engine.sessions(engine.events(sessions), options),
                Cutoffs.beforeFirstPurchase()).collectAsList();
        assertSameRows(rows, single);
    }

    @Test
    void collectedTableEqualsTheSingleMachineTable(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("sim-events.csv");
        SyntheticSessions.writeEvents(events, 800, 3, SimulatorConfig.defaults());
        FeatureTable single = FeatureTables.builder().build(events, null, ReadOptions.defaults()).table();
        FeatureTable collected = engine.featureTable(engine.featureRows(events, null, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults()), Cutoffs.beforeFirstPurchase());
        assertThat(collected.schema()).isEqualTo(single.schema());
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < single.rows(); i++) {
            rowOf.put(single.id(i), i);
        }
        for (int i = 0; i < collected.rows(); i++) {
            int k = rowOf.get(collected.id(i));
            assertThat(collected.row(i)).containsExactly(single.row(k), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(collected.facts().startMillis(i)).isEqualTo(single.facts().startMillis(k));
            assertThat(collected.facts().durationSeconds(i)).isEqualTo(single.facts().durationSeconds(k));
        }
    }

    @Test
    void parquetWithTheRees46ColumnsGivesTheRowsOfItsCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sim.csv");
        SyntheticSessions.writeRees46(csv, 700, 13, SimulatorConfig.rees46());
        Path parquet = dir.resolve("sim.parquet");
        // Parquet as a lake would hold it: typed columns (a timestamp, numbers, strings)
        spark.read().option("header", "true").option("inferSchema", "true")
                .option("timestampFormat", "yyyy-MM-dd HH:mm:ss 'UTC'").csv(csv.toString())
                .write().parquet(parquet.toString());
        FeatureTable single = FeatureTables.builder().build(csv, InputFormat.REES46, ReadOptions.defaults()).table();
        assertSameRows(sparkRows(parquet, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults()), single);
    }

    @Test
    void aBadParquetRowNamesTheInputTheRowAndTheProblem(@TempDir Path dir) throws IOException {
        Path parquet = dir.resolve("bad.parquet");
        spark.createDataFrame(List.of(
                org.apache.spark.sql.RowFactory.create("2019-11-01 00:00:00 UTC", "view", "1", "2", null, null,
                        "1.5", "u1", "s1"),
                org.apache.spark.sql.RowFactory.create("2019-11-01 00:00:05 UTC", "clicked", "1", "2", null, null,
                        "1.5", "u1", "s1")),
                new org.apache.spark.sql.types.StructType(java.util.Arrays.stream(
                        dev.propensity.core.io.Rees46Reader.HEADER).map(h -> org.apache.spark.sql.types.DataTypes
                        .createStructField(h, org.apache.spark.sql.types.DataTypes.StringType, true))
                        .toArray(org.apache.spark.sql.types.StructField[]::new)))
                .coalesce(1).write().parquet(parquet.toString());
        assertThatThrownBy(() -> sparkRows(parquet, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessage(parquet + ": column event_type: row 2 of partition 0: \"clicked\" is not an event type"
                        + " (expected view, cart, remove_from_cart or purchase)");
    }

    @Test
    void aBadRowInALaterRangeGivesTheSingleMachineError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        SyntheticSessions.writeRees46(file, 600, 5, SimulatorConfig.rees46());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int bad = lines.size() - 20;
        String[] f = lines.get(bad).split(",", -1);
        f[6] = "-3.5";
        lines.set(bad, String.join(",", f));
        Files.write(file, lines, StandardCharsets.UTF_8);
        InputException single = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> FeatureTables.builder().build(file, InputFormat.REES46, ReadOptions.defaults()));
        assertThat(single.line()).isEqualTo(bad + 1);
        assertThatThrownBy(() -> sparkRows(file, InputFormat.REES46, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessage(single.getMessage());
    }

    @Test
    void aBadRowInAnEventsFileGivesTheSingleMachineError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad-events.csv");
        SyntheticSessions.writeEvents(file, 100, 5, SimulatorConfig.defaults());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(30, lines.get(30).replaceFirst("^[^,]*", "yesterday"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        InputException single = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> FeatureTables.builder().build(file, null, ReadOptions.defaults()));
        assertThatThrownBy(() -> sparkRows(file, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults()))
                .isInstanceOf(InputException.class).hasMessage(single.getMessage());
        assertThat(single.getMessage()).contains("bad-events.csv:31");
    }
}
