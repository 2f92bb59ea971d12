package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path events;

    @BeforeAll
    static void prepare() throws IOException {
        model = dir.resolve("model.propensity");
        Trainers.logisticRegression().train(FeatureTables.build(SyntheticSessions.generate(1500, 4))).save(model);
        events = dir.resolve("events.csv");
        Cli.Result sim = Cli.run("simulate", "--sessions", "400", "--seed", "3", "--out", events.toString());
        assertThat(sim.exit()).as(sim.toString()).isZero();
    }

    @Test
    void replayWritesOneRowPerEventAndPrintsThroughputAndEarliness() throws IOException {
        Path out = dir.resolve("replay.csv");
        Cli.Result r = Cli.run("replay", "--model", model.toString(), "--input", events.toString(), "--out",
                out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        long eventRows = Files.lines(events).count() - 1;
        assertThat(lines.get(0)).isEqualTo("session_id,event_index,event_time,probability");
        assertThat(lines).hasSize((int) eventRows + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(Integer.parseInt(f[1])).isPositive();
            assertThat(Double.parseDouble(f[3])).isBetween(0.0, 1.0);
        }
        assertThat(r.out()).contains("events replayed in", "events/s", "how early can we tell?", "events:1",
                "minutes:30");
    }

    @Test
    void aSessionTableIsABadInputWithOneLine() {
        Path uci = dir.resolve("uci.csv");
        Cli.Result r;
        try {
            Files.writeString(uci, "Administrative,Administrative_Duration,Revenue\n0,0.0,FALSE\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        r = Cli.run("replay", "--model", model.toString(), "--input", uci.toString(), "--format", "uci");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("uci.csv", "not an event log");
    }

    @Test
    void aBadRowStopsTheReplayNamingFileAndLine() throws IOException {
        List<String> lines = Files.readAllLines(events);
        String[] f = lines.get(3).split(",", -1);
        f[0] = "not-a-time";
        lines.set(3, String.join(",", f));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        Cli.Result r = Cli.run("replay", "--model", model.toString(), "--input", bad.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:4:", "not-a-time");
    }
}
