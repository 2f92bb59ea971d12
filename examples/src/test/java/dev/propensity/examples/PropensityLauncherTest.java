package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.propensity.pipeline.report.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through {@code ./propensity} at the repository root, as a user runs it: a real JVM, real exit codes,
 * real standard error. Uses the class path the build wrote (never starts a nested build).
 */
@Tag("integration")
class PropensityLauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("propensity");

    record Outcome(int exit, String out, String err) {
    }

    static Outcome launch(Path dir, String... args) throws IOException, InterruptedException {
        return launch(dir, java.util.Map.of(), args);
    }

    static Outcome launch(Path dir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(LAUNCHER), "no ./propensity at " + LAUNCHER);
        assumeTrue(Files.isRegularFile(ROOT.resolve("examples/target/classpath.txt")), "no class path file yet");
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PROPENSITY_NO_BUILD", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./propensity " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void dashboardRunsEndToEndWithoutLibraryLogging(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Outcome o = launch(dir, "dashboard", "--sessions", "2000", "--eval", "cv:3", "--out", out.toString());
        assertThat(o.exit()).as(o.toString()).isZero();
        for (String f : new String[] {"dashboard.png", "dashboard.html", "report.json", "predictions.csv",
                OutputFiles.MODEL}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(o.out()).contains("2,000 sessions", "ROC AUC");
        assertThat(o.err()).doesNotContain("INFO").doesNotContain("org.tribuo");
    }

    @Test
    void badUsageExits2WithOneLine(@TempDir Path dir) throws Exception {
        Outcome o = launch(dir, "dashboard", "--eval", "cv:1");
        assertThat(o.exit()).as(o.toString()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("--eval");
    }

    @Test
    void missingFileExits2NamingIt(@TempDir Path dir) throws Exception {
        Outcome o = launch(dir, "score", "--model", dir.resolve("m").toString(), "--input",
                dir.resolve("nothing-here.csv").toString(), "--out", dir.resolve("s.csv").toString());
        assertThat(o.exit()).as(o.toString()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).doesNotContain("\tat ");
    }

    @Test
    void outOfMemoryExits1WithOneLineNamingTheHeap(@TempDir Path dir) throws Exception {
        Outcome o = launch(dir, java.util.Map.of("JAVA_OPTS", "-Xmx64m"), "dashboard", "--sessions", "2000000",
                "--out", dir.resolve("out").toString());
        assertThat(o.exit()).as(o.toString()).isEqualTo(1);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).contains("out of memory", "MB", "JAVA_OPTS=-Xmx").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void dashboardOnAFileGetsACappedHeapAndHugePagesWhereTheKernelGivesThem(@TempDir Path dir) throws Exception {
        // a stand-in for java that prints the arguments it was given, one a line
        Path fake = dir.resolve("java");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        assumeTrue(fake.toFile().setExecutable(true), "cannot make a stand-in java");
        Path input = dir.resolve("events.csv");
        Files.writeString(input, "event_time,event_type\n");
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean hugePages = Files.isReadable(thp) && Files.readString(thp).matches("(?s).*\\[(madvise|always)\\].*");
        for (String[] args : new String[][] {{"dashboard", "-i", input.toString()},
            {"dashboard", "--input=" + input}, {"dashboard", "--input", input.toString()}}) {
            Outcome o = launch(dir, java.util.Map.of("JAVA", fake.toString()), args);
            List<String> jvm = o.out().lines().takeWhile(a -> !a.equals("-cp")).toList();
            assertThat(jvm).as(String.join(" ", args)).contains("-Xmx1024m", "-Xmn170m");
            assertThat(jvm.contains("-XX:+UseTransparentHugePages")).as(o.out()).isEqualTo(hugePages);
        }
        Outcome own = launch(dir, java.util.Map.of("JAVA", fake.toString(), "JAVA_OPTS",
                "-XX:-UseTransparentHugePages"), "dashboard", "-i", input.toString());
        assertThat(own.out().lines().takeWhile(a -> !a.equals("-cp")).toList())
                .doesNotContain("-XX:+UseTransparentHugePages").contains("-XX:-UseTransparentHugePages");
        Outcome replay = launch(dir, java.util.Map.of("JAVA", fake.toString()), "replay", "--input",
                input.toString());
        assertThat(replay.out()).doesNotContain("-XX:+UseTransparentHugePages", "-Xmx1024m");
    }
}
