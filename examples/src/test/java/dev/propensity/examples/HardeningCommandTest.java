package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command against a hostile user (issue 17, defects 1, 5-8, 10). */
class HardeningCommandTest {
    private static final String REES46_HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
    private static final List<String> FORMULA_IDS = List.of("=HYPERLINK(\"http://x\";\"y\")", "=cmd|' /C calc'!A0",
            "+1+1", "@SUM(1+1)", "-2+3", "'quoted");

    @TempDir
    Path dir;

    /** A small REES46 log whose sessions carry the given ids, every other one a buyer. */
    private Path events(String name, List<String> ids) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(REES46_HEADER);
        for (int i = 0; i < ids.size(); i++) {
            String id = "\"" + ids.get(i).replace("\"", "\"\"") + "\"";
            String minute = String.format(java.util.Locale.ROOT, "2019-11-01 %02d:%02d", i / 60, i % 60);
            lines.add(minute + ":00 UTC,view,1003461,2053013555631882655,electronics.smartphone,xiaomi,"
                    + "489.07," + (520088900 + i) + "," + id);
            lines.add(minute + ":05 UTC," + (i % 2 == 0 ? "purchase" : "view")
                    + ",1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07," + (520088900 + i) + "," + id);
        }
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void featuresNeverWritesOverItsInput() throws IOException {
        Path x = events("x.csv", List.of("s1", "s2"));
        byte[] before = Files.readAllBytes(x);
        Cli.Result r = Cli.run("features", "--input", x.toString(), "--out", x.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("x.csv", "input");
        assertThat(x).exists().hasBinaryContent(before);
        // another spelling of the same file, and a hard link to it
        Cli.Result dots = Cli.run("features", "--input", x.toString(), "--out", dir.resolve(".").resolve("x.csv").toString());
        assertThat(dots.exit()).as(dots.toString()).isEqualTo(2);
        Path link = Files.createLink(dir.resolve("hard.csv"), x);
        Cli.Result hard = Cli.run("features", "--input", x.toString(), "--out", link.toString());
        assertThat(hard.exit()).as(hard.toString()).isEqualTo(2);
        assertThat(x).hasBinaryContent(before);
    }

    @Test
    void aFailedFeaturesRunLeavesTheEarlierOutputAndNoPartialFile() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "earlier");
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of(REES46_HEADER, "2019-11-01 00:00:00 UTC,view,1,2,c,b,1.5,9,s1",
                "2019-11-01 00:00:01 UTC,view,1,2,c,b,lots,9,s1"), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("features", "--input", bad.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(out).hasContent("earlier");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out.csv", "bad.csv");
        }
    }

    @Test
    void formulaLikeSessionIdsAreNeutralisedInEveryCsvAndReadBack() throws IOException {
        Path in = events("f.csv", FORMULA_IDS);
        Path features = dir.resolve("features.csv");
        Cli.Result r = Cli.run("features", "--input", in.toString(), "--out", features.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(features)).as(Files.readString(features)).hasSize(FORMULA_IDS.size() + 1);
        for (String line : Files.readAllLines(features).subList(1, FORMULA_IDS.size() + 1)) {
            String cell = line.startsWith("\"") ? line.substring(1) : line;
            assertThat(cell).startsWith("'");
        }
        FeatureTable back = FeatureCsv.read(features);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < back.rows(); i++) {
            ids.add(back.id(i));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(FORMULA_IDS);

        Path out = dir.resolve("dash");
        List<String> many = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            for (String id : FORMULA_IDS) {
                many.add(id + k);
            }
        }
        Path larger = events("many.csv", many);
        Cli.Result d = Cli.run("dashboard", "--input", larger.toString(), "--eval", "holdout:0.5", "--out",
                out.toString());
        Assumptions.assumeTrue(d.exit() == 0, d.toString());
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(predictions).hasSizeGreaterThan(1);
        for (String line : predictions.subList(1, predictions.size())) {
            assertThat(line.startsWith("\"") ? line.substring(1) : line).startsWith("'");
        }
    }

    @Test
    void scoreNeutralisesFormulaLikeIds() throws IOException {
        Path model = dir.resolve("dash");
        Cli.Result d = Cli.run("dashboard", "--sessions", "400", "--eval", "holdout:0.3", "--out", model.toString());
        assertThat(d.exit()).as(d.toString()).isZero();
        Path in = events("f.csv", FORMULA_IDS);
        Path scores = dir.resolve("scores.csv");
        Cli.Result r = Cli.run("score", "--model", model.resolve("model.propensity").toString(), "--input",
                in.toString(), "--out", scores.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(FORMULA_IDS.size() + 1);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.startsWith("\"") ? line.substring(1) : line).startsWith("'");
        }
    }

    @Test
    void symbolicLinksInTheOutputFolderAreNeverFollowed() throws IOException {
        Path out = dir.resolve("out");
        Cli.Result first = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.delete(out.resolve("report.json"));
        Files.createSymbolicLink(out.resolve("report.json"), victim);
        Cli.Result r = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("report.json", "symbolic link");
        assertThat(victim).hasContent("precious");

        Files.delete(out.resolve("report.json"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (Stream<Path> s = Files.list(out.resolve("charts"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(out.resolve("charts"));
        Files.createSymbolicLink(out.resolve("charts"), elsewhere);
        Cli.Result c = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(c.exit()).as(c.toString()).isEqualTo(2);
        assertThat(c.err()).contains("charts", "symbolic link").doesNotContain("is a file, not a directory");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s).isEmpty();
        }
        Files.delete(out.resolve("charts"));
        Files.createSymbolicLink(out.resolve("charts"), dir.resolve("dangling"));
        Cli.Result dangling = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(dangling.exit()).as(dangling.toString()).isEqualTo(2);
        assertThat(dangling.err()).contains("symbolic link").doesNotContain("is a file, not a directory");
    }

    @Test
    void aRunWithoutAModelRemovesTheEarlierModelAndChartsAndListsOnlyFilesThatExist() throws IOException {
        Path out = dir.resolve("out");
        Cli.Result first = Cli.run("dashboard", "--sessions", "400", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(out.resolve("model.propensity")).exists();
        Files.writeString(out.resolve("charts").resolve("old_chart.svg"), "<svg/>");
        // a single class: no model can be trained
        Path one = events("one.csv", List.of("a", "c", "e"));
        List<String> lines = new ArrayList<>(Files.readAllLines(one));
        lines.replaceAll(l -> l.replace(",purchase,", ",view,"));
        Files.write(one, lines);
        Cli.Result r = Cli.run("dashboard", "--input", one.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(out.resolve("model.propensity")).doesNotExist();
        assertThat(out.resolve("charts").resolve("old_chart.svg")).doesNotExist();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode outputs = report.get("outputs");
        for (String field : new String[] {"dashboardPng", "dashboardHtml", "charts", "predictions", "model"}) {
            JsonNode v = outputs.get(field);
            if (v != null && !v.isNull()) {
                assertThat(out.resolve(v.asText())).as(field).exists();
            }
        }
        assertThat(outputs.path("model").isNull() || outputs.path("model").isMissingNode()).isTrue();
    }

    @Test
    void aDirectoryWhereTheModelGoesIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = dir.resolve("out");
        Cli.Result first = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(first.exit()).as(first.toString()).isZero();
        long htmlTime = Files.getLastModifiedTime(out.resolve("dashboard.html")).toMillis();
        Files.delete(out.resolve("model.propensity"));
        Files.createDirectories(out.resolve("model.propensity"));
        Cli.Result r = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("model.propensity", "directory");
        assertThat(Files.getLastModifiedTime(out.resolve("dashboard.html")).toMillis()).isEqualTo(htmlTime);
    }

    @Test
    void aFolderThatAnotherProgramFilledIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.docx"), "years of work");
        Cli.Result r = Cli.run("dashboard", "--sessions", "300", "--eval", "holdout:0.3", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("mine", "not empty", "thesis.docx");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void aDirectoryFifoOrStdinInputIsRefusedNamingThePath() throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve("in-dir"));
        for (String[] args : List.of(new String[] {"features", "--input", d.toString(), "--out", "-"},
                new String[] {"features", "--input", d.toString(), "--format", "events", "--out", "-"},
                new String[] {"dashboard", "--input", d.toString(), "--out", dir.resolve("o").toString()},
                new String[] {"score", "--model", d.toString(), "--input", d.toString(), "--out", "-"})) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).isEqualTo(1);
            assertThat(r.err()).contains("in-dir", "directory");
        }
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is available");
        Cli.Result r = Cli.run("features", "--input", fifo.toString(), "--out", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("fifo", "not a regular file");
    }

    @Test
    void errorLinesEscapeTerminalSequencesAndCutHugeValues() throws IOException {
        Path bad = dir.resolve("esc.csv");
        String huge = "s".repeat(1_000_000);
        Files.write(bad, List.of(REES46_HEADER,
                "2019-11-01 00:00:00 UTC,\u001b[31mview\u001b[0m" + huge + ",1,2,c,b,1.5,9,s1"), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("features", "--input", bad.toString(), "--out", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("\u001b");
        assertThat(r.err().length()).isLessThan(2000);
        // the command's own last line of defence, for any message
        String line = Errors.oneLine("bad id \u001b]0;owned\u0007 " + huge + " here\nsecond line");
        assertThat(line).doesNotContain("\u001b", "\u0007", "\n").contains("\\u001b", "(1000000 characters)", "here",
                "[...]");
        assertThat(line.length()).isLessThan(300);
    }
}
