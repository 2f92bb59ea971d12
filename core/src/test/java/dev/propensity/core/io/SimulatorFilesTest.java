package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorFilesTest {
    @TempDir
    Path dir;

    @Test
    void eventsCsvRoundTripsToTheGeneratedSessions() throws IOException {
        SimulatorConfig cfg = SimulatorConfig.defaults().withMeanProductViews(6).withDays(2);
        Path p = dir.resolve("events.csv");
        SyntheticSessions.WriteSummary w = SyntheticSessions.writeEvents(p, 2_000, 9, cfg);
        assertThat(w.bytes()).isEqualTo(Files.size(p));
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.EVENTS);
        List<Session> read;
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.defaults())) {
            read = r.readAll();
            assertThat(r.report().rowsRead()).isEqualTo(w.events());
        }
        List<Session> generated = SyntheticSessions.generate(2_000, 9, cfg);
        read.sort(Comparator.comparing(Session::start).thenComparing(Session::id));
        generated.sort(Comparator.comparing(Session::start).thenComparing(Session::id));
        assertThat(read).hasSize(w.sessions() > 0 ? (int) w.sessions() : 0);
        assertThat(read.stream().filter(Session::purchased).count()).isEqualTo(w.purchasedSessions());
        assertThat(read).isEqualTo(generated);
    }

    @Test
    void rees46FileIsTimeSortedAndReadsBackWithTheSameSessions() throws IOException {
        Path p = dir.resolve("rees46.csv");
        SyntheticSessions.WriteSummary w = SyntheticSessions.writeRees46(p, 3_000, 4, SimulatorConfig.rees46());
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.REES46);
        long[] last = {Long.MIN_VALUE};
        try (Rees46Reader r = Rees46Reader.open(p, ReadOptions.defaults())) {
            r.scan((row, ms, type, price) -> {
                assertThat(ms).isGreaterThanOrEqualTo(last[0]);
                last[0] = ms;
            });
        }
        List<Session> read;
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.defaults())) {
            read = r.readAll();
        }
        assertThat(read).hasSize(3_000);
        assertThat(read.stream().mapToLong(s -> s.events().size()).sum()).isEqualTo(w.events());
        assertThat(read.stream().filter(Session::purchased).count()).isEqualTo(w.purchasedSessions());
    }

    @Test
    void sameSeedWritesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        SyntheticSessions.writeRees46(a, 500, 77, SimulatorConfig.rees46());
        SyntheticSessions.writeRees46(b, 500, 77, SimulatorConfig.rees46());
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    }
}
