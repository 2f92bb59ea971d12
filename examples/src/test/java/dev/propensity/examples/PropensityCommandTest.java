package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in process: exit codes, one-line messages, and the files each subcommand writes. */
class PropensityCommandTest {

    private static final String REES46_HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    @TempDir
    static Path shared;

    /** A small simulated dashboard run shared by the tests that inspect its files. */
    private static Path dashboardOut;
    private static Cli.Result dashboardRun;

    @BeforeAll
    static void runDashboardOnce() {
        dashboardOut = shared.resolve("dash");
        dashboardRun = Cli.run("dashboard", "--sessions", "3000", "--eval", "cv:3", "--seed", "7",
                "--out", dashboardOut.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dashboard", "features", "simulate", "score", "serve");
    }

    @Test
    void versionNamesTheProject() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("propensity ");
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("dashboard", "--colour", "red");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("--colour");
    }

    @Test
    void missingInputFileExits2NamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-file.csv");
        Cli.Result r = Cli.run("dashboard", "--input", missing.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-file.csv").doesNotContain("\tat ");
    }

    @Test
    void badEvaluationProtocolExits2() {
        for (String eval : new String[] {"cv:x", "cv:1", "holdout:1.5", "folds"}) {
            Cli.Result r = Cli.run("dashboard", "--eval", eval);
            assertThat(r.exit()).as(eval + ": " + r).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("--eval");
        }
    }

    @Test
    void badCutoffExits2() {
        for (String cutoff : new String[] {"events:0", "minutes:-3", "after-purchase", "events:many"}) {
            Cli.Result r = Cli.run("dashboard", "--cutoff", cutoff);
            assertThat(r.exit()).as(cutoff + ": " + r).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("--cutoff");
        }
    }

    @Test
    void anEventOutOfOrderStopsWithHowToReadItAndOutOfOrderReadsIt(@TempDir Path dir) throws IOException {
        // Retailrocket's public file is not sorted by time: here the third event is 37 minutes older than the second
        Path rr = Files.writeString(dir.resolve("rr.csv"), "timestamp,visitorid,event,itemid,transactionid\n"
                + "1433221332117,257597,view,355908,\n"
                + "1433224214164,992329,view,248676,\n"
                + "1433221999827,111016,view,318965,\n"
                + "1433221337106,257597,transaction,367447,4000\n");
        Cli.Result strict = Cli.run("features", "-i", rr.toString(), "-o", "-");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(2);
        assertThat(strict.errLines()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.err()).contains("rr.csv:4:", "out-of-order tolerance of 5m", "--out-of-order DURATION",
                "--lenient");

        Cli.Result tolerant = Cli.run("features", "-i", rr.toString(), "-o", "-", "--out-of-order", "1h");
        assertThat(tolerant.exit()).as(tolerant.toString()).isZero();
        List<String> rows = tolerant.out().lines().skip(1).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().filter(l -> l.startsWith("257597@")).findFirst().orElseThrow().split(",")[1])
                .as("the late purchase joins its visitor's session: label").isEqualTo("1");

        Path out = dir.resolve("dash");
        Cli.Result dash = Cli.run("dashboard", "-i", rr.toString(), "--out", out.toString(), "--out-of-order", "PT1H");
        assertThat(dash.exit()).as(dash.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/input/outOfOrderSeconds").asLong()).isEqualTo(3600);

        for (String bad : new String[] {"5x", "-5m", "m", "1.5h"}) {
            Cli.Result r = Cli.run("features", "-i", rr.toString(), "-o", "-", "--out-of-order", bad);
            assertThat(r.exit()).as(bad + ": " + r).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("--out-of-order", bad);
        }
    }

    @Test
    void durationsTakeAUnitOrIso8601() {
        assertThat(Options.duration("90s")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(Options.duration(" 30M ")).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(Options.duration("2h")).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(Options.duration("1d")).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(Options.duration("0m")).isEqualTo(java.time.Duration.ZERO);
        assertThat(Options.duration("PT1H30M")).isEqualTo(java.time.Duration.ofMinutes(90));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Options.duration("PT-1H"));
    }

    @Test
    void unknownModelExits2NamingIt() {
        Cli.Result r = Cli.run("dashboard", "--model", "deep-magic");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("deep-magic");
    }

    @Test
    void badRowExits2NamingFileAndLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad-price.csv");
        Files.write(csv, List.of(REES46_HEADER,
                "2019-11-01 00:00:00 UTC,view,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,520088904,s1",
                "2019-11-01 00:00:05 UTC,cart,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,520088904,s1",
                "2019-11-01 00:00:09 UTC,purchase,1003461,2053013555631882655,electronics.smartphone,xiaomi,lots,520088904,s1"),
                StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("dashboard", "--input", csv.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("bad-price.csv").containsPattern("\\b4\\b").doesNotContain("\tat ");
    }

    @Test
    void aBadFeatureCsvIsRefusedWithOneLine(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("features.csv"), "session_id,label,events\ns1,0,3\ns2,yes,1\n");
        Cli.Result r = Cli.run("dashboard", "--input", csv.toString(), "--format", "features",
                "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("features.csv:3").contains("label").doesNotContain("\tat ");
    }

    @Test
    void otherFailuresExit1WithOneLineAndAHint(@TempDir Path dir) throws IOException {
        // a failure that is no one's input: a trainer with a bug
        dev.propensity.model.Trainers.register("broken-trainer", seed -> new dev.propensity.model.ModelTrainer() {
            @Override
            public String name() {
                return "broken-trainer";
            }

            @Override
            public dev.propensity.model.PurchaseModel train(FeatureTable table) {
                throw new IllegalStateException("a bug in the trainer");
            }
        });
        try {
            String out = dir.resolve("out").toString();
            Cli.Result r = Cli.run("dashboard", "--sessions", "200", "--model", "broken-trainer", "--out", out);
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("a bug in the trainer", "--debug").doesNotContain("\tat ");

            Cli.Result debug = Cli.run("dashboard", "--sessions", "200", "--model", "broken-trainer", "--out", out,
                    "--debug");
            assertThat(debug.exit()).isEqualTo(1);
            assertThat(debug.err()).contains("\tat ");
        } finally {
            dev.propensity.model.Trainers.unregister("broken-trainer");
        }
    }

    @Test
    void aDirectoryWhereAnOutputFileGoesIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("out").resolve("predictions.csv").resolve("inside"));
        Cli.Result r = Cli.run("dashboard", "--sessions", "200", "--out", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("predictions.csv", "directory").doesNotContain("\tat ");
    }

    @Test
    void emptyFileExits2(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        Cli.Result r = Cli.run("dashboard", "--input", empty.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("empty.csv");
    }

    @Test
    void headerOnlyFileExits2(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("header-only.csv");
        Files.write(csv, List.of(REES46_HEADER), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("dashboard", "--input", csv.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("header-only.csv");
    }

    @Test
    void dashboardOnSimulatedDataWritesEveryFile() throws IOException {
        assertThat(dashboardRun.exit()).as(dashboardRun.toString()).isZero();
        for (String f : new String[] {"dashboard.png", "dashboard.html", "report.json", "predictions.csv"}) {
            assertThat(dashboardOut.resolve(f)).as(f).isNotEmptyFile();
        }
        try (var charts = Files.list(dashboardOut.resolve("charts"))) {
            List<String> names = charts.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.endsWith(".svg")).anyMatch(n -> n.endsWith(".png"));
        }
        try (var files = Files.list(dashboardOut)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("model."));
        }
        assertThat(dashboardRun.out()).contains("sessions", "AUC", "dashboard.png");
    }

    @Test
    void reportHoldsEverySection() throws IOException {
        JsonNode report = new ObjectMapper().readTree(dashboardOut.resolve("report.json").toFile());
        for (String key : new String[] {"input", "kpis", "metrics", "importance", "breakdowns", "insights", "timings"}) {
            assertThat(report.has(key)).as(key + " in " + report.fieldNames()).isTrue();
        }
        assertThat(report.at("/input/sessions").asInt()).isEqualTo(3000);
        assertThat(report.at("/metrics/protocol").asText()).contains("3-fold").endsWith("seed 7");
        assertThat(report.at("/seed").asLong()).as("--seed reaches the protocol, the trainer and the report")
                .isEqualTo(7);
        assertThat(report.at("/input/source").asText()).isEqualTo("simulated sessions (seed 7)");
        assertThat(report.at("/formatVersion").asInt()).isEqualTo(Report.FORMAT_VERSION);
        assertThat(ReportJson.read(dashboardOut.resolve("report.json")).input().sessions()).isEqualTo(3000);
        for (String phase : new String[] {"read", "features", "train", "evaluate", "render"}) {
            assertThat(report.at("/timings/" + phase).isNumber()).as(phase).isTrue();
        }
        // the final model trains alongside the folds: its own time is within evaluate's, and the note says so
        assertThat(report.at("/timings/train").asDouble()).isPositive()
                .isLessThanOrEqualTo(report.at("/timings/evaluate").asDouble());
        assertThat(report.at("/timingsNote").asText()).contains("alongside the evaluation's folds")
                .doesNotContain("one pass");
        double auc = report.at("/metrics/rocAuc").asDouble();
        assertThat(auc).isGreaterThan(0.75).isLessThan(0.95); // above chance, below the ~99% that means leakage
    }

    @Test
    void predictionsHaveOneRowPerEvaluatedSession() throws IOException {
        List<String> lines = Files.readAllLines(dashboardOut.resolve("predictions.csv"));
        assertThat(lines.get(0)).isEqualTo("session_id,label,probability,fold");
        assertThat(lines).hasSize(3000 + 1);
        Set<String> ids = new HashSet<>();
        Set<String> folds = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(4);
            ids.add(f[0]);
            assertThat(f[1]).isIn("0", "1");
            assertThat(Double.parseDouble(f[2])).isBetween(0.0, 1.0);
            folds.add(f[3]);
        }
        assertThat(ids).hasSize(3000);
        assertThat(folds).containsExactlyInAnyOrder("0", "1", "2");
    }

    @Test
    void scoreRoundTripsTheSavedModel(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        Cli.Result sim = Cli.run("simulate", "--sessions", "500", "--seed", "3", "--format", "rees46",
                "--out", events.toString());
        assertThat(sim.exit()).as(sim.toString()).isZero();
        Path model = findModel(dashboardOut);
        Path scores = dir.resolve("scores.csv");
        Cli.Result r = Cli.run("score", "--model", model.toString(), "--input", events.toString(),
                "--out", scores.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines.get(0)).startsWith("session_id,");
        assertThat(lines).hasSize(500 + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(Double.parseDouble(f[f.length - 1])).isBetween(0.0, 1.0);
        }
    }

    @Test
    void scoresDoNotDependOnWhichCategoryLevelsTheScoredFileHas(@TempDir Path dir) throws IOException {
        List<Session> sessions = SyntheticSessions.generate(1500, 9);
        FeatureTable all = FeatureTables.build(sessions);
        Path file = dir.resolve("m.model");
        Trainers.logisticRegression().train(all).save(file);
        PurchaseModel model = PurchaseModels.load(file);
        // without the 'email' and 'search' sessions, the scored table's traffic_source levels (and codes) differ
        List<Session> some = sessions.stream()
                .filter(x -> !"email".equals(x.attributes().get("traffic_source"))
                        && !"search".equals(x.attributes().get("traffic_source")))
                .toList();
        FeatureTable part = FeatureTables.build(some);
        double[] pAll = model.predict(all);
        double[] pPart = model.predict(part);
        java.util.Map<String, Integer> rowOf = new java.util.HashMap<>();
        for (int i = 0; i < all.rows(); i++) {
            rowOf.put(all.id(i), i);
        }
        for (int i = 0; i < part.rows(); i++) {
            assertThat(pPart[i]).as(part.id(i)).isCloseTo(pAll[rowOf.get(part.id(i))], within(1e-12));
        }
    }

    @Test
    void scoreRefusesAFileThatIsNotAModel(@TempDir Path dir) throws IOException {
        Path notModel = Files.writeString(dir.resolve("model.bin"), "hello");
        Path events = dir.resolve("events.csv");
        Files.write(events, List.of(REES46_HEADER,
                "2019-11-01 00:00:00 UTC,view,1,2,c,b,1.5,9,s1"), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("score", "--model", notModel.toString(), "--input", events.toString(),
                "--out", dir.resolve("s.csv").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("model.bin");
    }

    @Test
    void lenientSkipsBadRowsAndReportsTheCounts(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        Cli.Result sim = Cli.run("simulate", "--sessions", "1500", "--seed", "5", "--format", "rees46",
                "--out", events.toString());
        assertThat(sim.exit()).as(sim.toString()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.add(3, "not,a,valid,row");
        lines.add(10, "2019-11-01 00:00:00 UTC,teleport,1,2,c,b,1.5,9,sX");
        Files.write(events, lines, StandardCharsets.UTF_8);

        Cli.Result strict = Cli.run("dashboard", "--input", events.toString(), "--eval", "cv:3",
                "--out", dir.resolve("strict").toString());
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(2);
        assertThat(strict.err()).contains("events.csv").containsPattern("\\b4\\b");

        Path out = dir.resolve("lenient");
        Cli.Result lenient = Cli.run("dashboard", "--input", events.toString(), "--eval", "cv:3", "--lenient",
                "--out", out.toString());
        assertThat(lenient.exit()).as(lenient.toString()).isZero();
        assertThat(lenient.out()).contains("2 input rows skipped");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.at("/input/rowsRejected").asLong()).isEqualTo(2);
        assertThat(report.at("/timingsNote").asText()).as("a lenient REES46 read is fused too").contains("one pass");
        assertThat(report.at("/input/rejectedByReason").size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWrongOutputPathExits2BeforeAnyWorkAndCreatesNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "keep me");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        String rees46 = dir.resolve("in.csv").toString();
        Files.writeString(Path.of(rees46), REES46_HEADER + "\n"
                + "2019-11-01 00:00:00 UTC,view,1,2,,,1.0,5,s1\n"
                + "2019-11-01 00:00:09 UTC,purchase,1,2,,,1.0,5,s1\n");
        String under = file.resolve("sub").resolve("out.csv").toString();
        String[][] runs = {
            {"dashboard", "--sessions", "200", "--eval", "holdout:0.25", "--out", file.toString()},
            {"dashboard", "--sessions", "200", "--eval", "holdout:0.25", "--out", file.resolve("sub").toString()},
            {"features", "-i", rees46, "-o", folder.toString()},
            {"features", "-i", rees46, "-o", under},
            {"simulate", "-n", "10", "-o", folder.toString()},
            {"simulate", "-n", "10", "-o", under},
            {"score", "-m", file.toString(), "-i", rees46, "-o", folder.toString()},
            {"score", "-m", file.toString(), "-i", rees46, "-o", under},
        };
        for (String[] args : runs) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).containsAnyOf(
                    folder + ": is a directory; --out needs a file name",
                    file + " is a file, not a directory");
            assertThat(r.err()).doesNotContain("Exception");
        }
        assertThat(Files.readString(file)).isEqualTo("keep me");
        try (var listed = Files.list(folder)) {
            assertThat(listed).isEmpty();
        }
        try (var listed = Files.list(dir)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "taken.txt", "folder", "in.csv");
        }
    }

    @Test
    void featuresWritesOneRowPerSessionToStdout(@TempDir Path dir) {
        Path events = dir.resolve("events.csv");
        Cli.Result sim = Cli.run("simulate", "--sessions", "200", "--seed", "1", "--out", events.toString());
        assertThat(sim.exit()).as(sim.toString()).isZero();
        Cli.Result r = Cli.run("features", "--input", events.toString(), "--out", "-");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("session_id,label,");
        assertThat(lines).hasSize(200 + 1);
    }

    @Test
    void aStrictRees46RunSaysReadAndFeaturesWereOnePass(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        assertThat(Cli.run("simulate", "--sessions", "800", "--seed", "3", "--format", "rees46", "--out",
                events.toString()).exit()).isZero();
        Cli.Result r = Cli.run("dashboard", "--input", events.toString(), "--eval", "cv:3", "--out",
                dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("o/report.json").toFile());
        assertThat(report.at("/timingsNote").asText()).contains("one pass");
        assertThat(report.at("/timings/read").asDouble()).isPositive();
        assertThat(report.at("/timings/features").asDouble()).isZero();
    }

    @Test
    void featuresStopsOrSkipsABadRowLeavesNoHalfWrittenCsvAndKeepsAnOldOneWhenTheInputIsMissing(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        assertThat(Cli.run("simulate", "--sessions", "400", "--seed", "4", "--format", "rees46", "--out",
                events.toString()).exit()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.add(300, "2019-11-01 00:00:00 UTC,teleport,1,2,c,b,1.5,9,sX");
        Files.write(events, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("features.csv");
        Cli.Result bad = Cli.run("features", "--input", events.toString(), "--out", out.toString());
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("events.csv:301:").contains("teleport").doesNotContain("\tat ");
        assertThat(out).doesNotExist();

        Cli.Result lenient = Cli.run("features", "--lenient", "--input", events.toString(), "--out", out.toString());
        assertThat(lenient.exit()).as(lenient.toString()).isZero();
        assertThat(lenient.out()).contains("400 sessions").contains("1 bad input rows skipped");
        assertThat(Files.readAllLines(out)).hasSize(400 + 1);

        Files.writeString(out, "session_id,label\ns1,0\n");
        Cli.Result missing = Cli.run("features", "--input", dir.resolve("missing.csv").toString(), "--out",
                out.toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(out).hasContent("session_id,label\ns1,0\n");
    }

    @Test
    void featureCsvFeedsTheDashboard(@TempDir Path dir) {
        Path events = dir.resolve("events.csv");
        assertThat(Cli.run("simulate", "--sessions", "1500", "--seed", "2", "--out", events.toString()).exit()).isZero();
        Path features = dir.resolve("features.csv");
        Cli.Result f = Cli.run("features", "--input", events.toString(), "--out", features.toString());
        assertThat(f.exit()).as(f.toString()).isZero();
        Cli.Result r = Cli.run("dashboard", "--input", features.toString(), "--format", "features", "--eval", "cv:3",
                "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(dir.resolve("o/dashboard.png")).isNotEmptyFile();
    }

    private static Path findModel(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("model.")).findFirst().orElseThrow();
        }
    }

    @Test
    void aBackgroundThreadOutOfMemoryLeavesTheOneLineReportToTheCommandOtherFailuresPrintAsTheJvmWould() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> { }, "Java2D Disposer");
        PropensityCommand.backgroundFailure(t, new OutOfMemoryError("GC overhead limit exceeded"), err);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        PropensityCommand.backgroundFailure(t, new IllegalStateException("broken"), err);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .startsWith("Exception in thread \"Java2D Disposer\" java.lang.IllegalStateException: broken")
                .contains("\tat ");
    }
}
