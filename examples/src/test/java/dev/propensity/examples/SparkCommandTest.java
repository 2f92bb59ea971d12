package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URIs in the commands' {@code --input} and {@code --out}: {@code --engine spark} through {@code ./propensity} (a
 * real JVM with Spark, {@code local[2]}) on {@code file://} URIs (Hadoop's local file system, no network), and the
 * single-machine engine's one-line refusal of a URI it cannot read.
 */
@Tag("integration")
class SparkCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static void assumeSparkClassPath() {
        assumeTrue(Files.isRegularFile(ROOT.resolve("spark/target/classpath.txt")), "no spark class path file yet");
    }

    /** The data rows of a CSV file or of a directory of CSV part files, sorted. */
    private static List<String> sortedRows(Path csv) throws IOException {
        List<String> rows = new ArrayList<>();
        List<Path> files;
        if (Files.isDirectory(csv)) {
            try (Stream<Path> s = Files.list(csv)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
        } else {
            files = List.of(csv);
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            rows.addAll(lines.subList(1, lines.size()));
        }
        rows.sort(null);
        return rows;
    }

    private static String header(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).get(0);
    }

    @Test
    void featuresAndScoreReadAndWriteFileUrisOnSpark(@TempDir Path dir) throws Exception {
        assumeSparkClassPath();
        Path events = dir.resolve("events.csv");
        Cli.Result sim = Cli.run("simulate", "-n", "1500", "-f", "rees46", "--seed", "7", "-o", events.toString());
        assertThat(sim.exit()).as(sim.toString()).isZero();
        Path single = dir.resolve("single.csv");
        Cli.Result f1 = Cli.run("features", "--input", events.toUri().toString(), "--out", single.toString());
        assertThat(f1.exit()).as("a file:// URI on one machine: " + f1).isZero();
        Path dash = dir.resolve("dash");
        Cli.Result d = Cli.run("dashboard", "--input", events.toString(), "--eval", "holdout:0.3", "--out",
                dash.toString());
        assertThat(d.exit()).as(d.toString()).isZero();
        Path model = dash.resolve("model.propensity");
        Path singleScores = dir.resolve("single-scores.csv");
        Cli.Result s1 = Cli.run("score", "--model", model.toString(), "--input", events.toString(), "--out",
                singleScores.toString());
        assertThat(s1.exit()).as(s1.toString()).isZero();

        // features: a file:// input URI, a file:// output directory (Parquet and CSV parts written by Spark)
        Path featuresDir = dir.resolve("spark-features");
        PropensityLauncherTest.Outcome f2 = PropensityLauncherTest.launch(dir, "features", "--engine", "spark",
                "--master", "local[2]", "--partitions", "3", "--input", events.toUri().toString(),
                "--out", featuresDir.toUri().toString());
        assertThat(f2.exit()).as(f2.toString()).isZero();
        assertThat(f2.out()).contains("1,500 sessions");
        assertThat(featuresDir.resolve("features.parquet")).isDirectory();
        Path parts = featuresDir.resolve("features-csv");
        Path firstPart;
        try (Stream<Path> s = Files.list(parts)) {
            firstPart = s.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        assertThat(header(firstPart)).isEqualTo(header(single));
        List<String> sparkRows = sortedRows(parts);
        assertThat(sparkRows).hasSameSizeAs(sortedRows(single));
        assertThat(sparkRows.stream().map(r -> r.substring(0, r.indexOf(',')))).isEqualTo(
                sortedRows(single).stream().map(r -> r.substring(0, r.indexOf(','))).toList());

        // score: a file:// input URI and a file:// .csv output
        Path sparkScores = dir.resolve("spark-scores.csv");
        PropensityLauncherTest.Outcome s2 = PropensityLauncherTest.launch(dir, "score", "--engine", "spark",
                "--master", "local[2]", "--model", model.toUri().toString(), "--input", events.toUri().toString(),
                "--out", sparkScores.toUri().toString());
        assertThat(s2.exit()).as(s2.toString()).isZero();
        assertThat(header(sparkScores)).isEqualTo(header(singleScores));
        assertThat(sortedRows(sparkScores)).isEqualTo(sortedRows(singleScores));
    }

    @Test
    void aMissingUriOnSparkIsOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        assumeSparkClassPath();
        String uri = dir.resolve("absent.csv").toUri().toString();
        PropensityLauncherTest.Outcome o = PropensityLauncherTest.launch(dir, "features", "--engine", "spark",
                "--master", "local[2]", "--input", uri, "--out", dir.resolve("out").toString());
        assertThat(o.exit()).as(o.toString()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains(uri + ": no such file").doesNotContain("\tat ");
    }

    @Test
    void theSingleMachineEngineRefusesAUriItCannotReadInOneLine(@TempDir Path dir) {
        for (String[] args : new String[][] {
                {"features", "--input", "hdfs://namenode:8020/events/2019-11.csv", "--out", dir.resolve("f.csv")
                        .toString()},
                {"score", "--model", dir.resolve("m").toString(), "--input", "s3a://bucket/events.csv", "--out",
                        dir.resolve("s.csv").toString()},
                {"dashboard", "--input", "hdfs://namenode:8020/events/", "--out", dir.resolve("d").toString()}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).as(r.toString()).isEqualTo(1);
            String uri = args[List.of(args).indexOf("--input") + 1];
            assertThat(r.err()).contains(uri + ": --input is a URI the single-machine engine cannot read")
                    .contains("--engine spark")
                    .doesNotContain("\tat ");
        }
        // an output URI the driver cannot write: a usage error naming the value
        Cli.Result out = Cli.run("features", "--input", dir.resolve("e.csv").toString(), "--out",
                "hdfs://namenode:8020/features.csv");
        assertThat(out.exit()).as(out.toString()).isEqualTo(2);
        assertThat(out.errLines()).as(out.toString()).isEqualTo(1);
        assertThat(out.err()).contains("hdfs://namenode:8020/features.csv");
    }
}
