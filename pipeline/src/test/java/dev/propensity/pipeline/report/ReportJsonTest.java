package dev.propensity.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.ModelQuality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
    private static String fixture;
    private static Report deterministic;

    @BeforeAll
    static void load() throws IOException {
        fixture = Files.readString(ReportFixtures.FIXTURE, StandardCharsets.UTF_8);
        deterministic = ReportFixtures.deterministic();
    }

    @Test
    void aDeterministicRunsReportEqualsTheFixture() {
        assertThat(ReportJson.toJson(deterministic) + "\n").isEqualTo(fixture);
    }

    @Test
    void theFixtureReadsBackIntoTheTypedRecordsAndWritesAgainAsItWas() throws IOException {
        Report read = ReportJson.parse(fixture, "report-v1.json");
        assertThat(read).isEqualTo(deterministic);
        assertThat(ReportJson.toJson(read) + "\n").isEqualTo(fixture);
        assertThat(read.formatVersion()).isEqualTo(1);
        assertThat(read.input().sessions()).isEqualTo(1_000);
        assertThat(read.metrics().foldRocAuc()).hasSize(3);
        assertThat(read.breakdowns().breakdowns()).extracting(b -> b.dimension())
                .startsWith("hour_of_day", "day_of_week", "duration");
        assertThat(read.breakdowns().funnel().steps()).isNotEmpty();
    }

    @Test
    void theJsonKeepsTheSectionsInTheirPlaces() throws IOException {
        var root = new ObjectMapper().readTree(fixture);
        List<String> keys = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("formatVersion", "propensity", "created", "seed", "input", "kpis", "notes",
                "metrics", "importance", "breakdowns", "insights", "timings", "timingsNote", "outputs", "earliness");
        List<String> breakdowns = new java.util.ArrayList<>();
        root.get("breakdowns").fieldNames().forEachRemaining(breakdowns::add);
        assertThat(breakdowns).endsWith("funnel").contains("hour_of_day", "traffic_source");
        assertThat(root.at("/input").has("rejectedExamples")).as("no reader read simulated sessions").isFalse();
        assertThat(root.at("/input").has("outOfOrderSeconds")).isFalse();
        assertThat(root.at("/metrics").has("skipped")).isFalse();
        assertThat(root.at("/metrics").has("protocolRequested")).isFalse();
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingBothVersions() throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(fixture);
        root.put("formatVersion", 2);
        ReportFileException e = assertThrows(ReportFileException.class,
                () -> ReportJson.parse(root.toString(), "out/report.json"));
        assertThat(e).hasMessage("out/report.json: written in report format version 2, but this library reads "
                + "versions up to 1; read it with a newer Propensity");
    }

    @Test
    void aFormatVersionThatIsNotAWholeNumberIsRefused() throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(fixture);
        for (String bad : new String[] {"1.5", "\"1\"", "0", "4294967297"}) {
            root.set("formatVersion", new ObjectMapper().readTree(bad));
            ReportFileException e = assertThrows(ReportFileException.class, () -> ReportJson.parse(root.toString(),
                    "r.json"));
            assertThat(e.getMessage()).as(bad).startsWith("r.json: not a report: formatVersion must be a whole number")
                    .endsWith(bad);
        }
        root.remove("formatVersion");
        assertThat(assertThrows(ReportFileException.class, () -> ReportJson.parse(root.toString(), "r.json")))
                .hasMessageEndingWith("was missing");
    }

    @Test
    void textThatIsNotAReportIsRefusedNamingWhereItCameFrom() {
        assertThat(assertThrows(ReportFileException.class, () -> ReportJson.parse("{\"formatVersion\": 1", "x.json")))
                .hasMessageStartingWith("x.json: not valid JSON");
        assertThat(assertThrows(ReportFileException.class, () -> ReportJson.parse("[1, 2]", "x.json")))
                .hasMessage("x.json: not a report (expected a JSON object)");
        assertThat(assertThrows(ReportFileException.class,
                () -> ReportJson.parse("{\"formatVersion\": 1, \"seed\": 3}", "x.json")))
                .hasMessageStartingWith("x.json: not a valid report");
    }

    @Test
    void aFieldOutOfRangeIsRefusedWithTheRecordsOwnMessage() throws IOException {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(fixture);
        ((ObjectNode) root.get("kpis")).put("purchases", 5_000);
        ReportFileException e = assertThrows(ReportFileException.class, () -> ReportJson.parse(root.toString(),
                "r.json"));
        assertThat(e.getMessage()).startsWith("r.json: not a valid report").contains("purchases=5000");
    }

    @Test
    void anUndefinedFigureIsWrittenAsNullAndReadBackAsNaN() throws IOException {
        Kpis k = deterministic.kpis();
        ModelQuality q = k.model();
        Kpis undefined = k.withModel(new ModelQuality(q.protocol(), q.accuracy(), q.majorityBaseline(), Double.NaN,
                Double.NaN, q.f1(), q.threshold()));
        Report r = new Report(1, "test", "2000-01-01T00:00:00Z", 1, deterministic.input(), undefined, List.of(),
                deterministic.metrics(), deterministic.importance(), deterministic.breakdowns(), List.of(),
                deterministic.timings(), "", deterministic.outputs());
        String json = ReportJson.toJson(r);
        assertThat(new ObjectMapper().readTree(json).at("/kpis/model/rocAuc").isNull()).isTrue();
        Report back = ReportJson.parse(json, "r.json");
        assertThat(back.kpis().model().rocAuc()).isNaN();
        assertThat(back).isEqualTo(r);
    }

    @Test
    void aWrittenFileReadsBack(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("report.json"), ReportJson.toBytes(deterministic));
        assertThat(ReportJson.read(file)).isEqualTo(deterministic);
    }

    @Test
    void createdMustBeAnInstant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Report(1, "t",
                "yesterday", 1, deterministic.input(), deterministic.kpis(), List.of(), deterministic.metrics(),
                deterministic.importance(), deterministic.breakdowns(), List.of(), deterministic.timings(), "",
                deterministic.outputs()));
        assertThat(e).hasMessageContaining("ISO-8601").hasMessageContaining("'yesterday'");
    }
}
