package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Session;
import dev.propensity.core.Sessionizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input limits (issue 17): session length, price bound, duplicate header names, non-regular inputs. */
class InputLimitsTest {
    @TempDir
    Path dir;

    private static ReadOptions capped(int max) {
        ReadOptions o = ReadOptions.defaults();
        return o.withSessionizer(o.sessionizer().withMaxSessionEvents(max));
    }

    private static List<Session> all(SessionReader r) throws IOException {
        List<Session> out = new ArrayList<>();
        for (Session s = r.next(); s != null; s = r.next()) {
            out.add(s);
        }
        return out;
    }

    @Test
    void aSessionLongerThanTheLimitKeepsItsFirstEventsAndItsPurchaseAndTheRestIsCounted() throws IOException {
        List<String> lines = new ArrayList<>(List.of("time,session_id,type,price"));
        for (int i = 0; i < 500; i++) {
            lines.add("2024-01-01T00:" + String.format("%02d:%02d", i / 60, i % 60) + "Z,long,view,1.0");
        }
        lines.add("2024-01-01T00:09:00Z,long,purchase,5.0");
        lines.add("2024-01-01T00:09:01Z,long,purchase,5.0");
        lines.add("2024-01-01T00:09:02Z,short,view,1.0");
        Path f = dir.resolve("events.csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        try (SessionReader r = Inputs.sessions(f, InputFormat.EVENTS, capped(100))) {
            List<Session> s = all(r);
            Session longest = s.stream().filter(x -> x.id().equals("long")).findFirst().orElseThrow();
            assertThat(longest.events()).hasSize(101);
            assertThat(longest.purchased()).isTrue();
            assertThat(r.report().eventsOverSessionLimit()).isEqualTo(500 + 2 - 101);
        }
        try (SessionReader r = Inputs.sessions(f, InputFormat.EVENTS, ReadOptions.defaults())) {
            assertThat(all(r)).hasSize(2);
            assertThat(r.report().eventsOverSessionLimit()).isZero();
        }
        assertThrows(IllegalArgumentException.class, () -> Sessionizer.bySessionId().withMaxSessionEvents(0));
    }

    @Test
    void anOttoSessionLongerThanTheLimitIsCutTheSameWay() throws IOException {
        StringBuilder line = new StringBuilder("{\"session\":7,\"events\":[");
        for (int i = 0; i < 300; i++) {
            line.append("{\"aid\":1,\"ts\":").append(1_659_304_800_000L + i).append(",\"type\":\"clicks\"},");
        }
        line.append("{\"aid\":1,\"ts\":1659304900000,\"type\":\"orders\"}]}");
        Path f = dir.resolve("otto.jsonl");
        Files.writeString(f, line + "\n");
        try (SessionReader r = Inputs.sessions(f, InputFormat.OTTO, capped(50))) {
            Session s = r.next();
            assertThat(s.events()).hasSize(51);
            assertThat(s.purchased()).isTrue();
            assertThat(r.report().eventsOverSessionLimit()).isEqualTo(250);
        }
    }

    @Test
    void aPriceAboveTheBoundIsBadInputNamingFileLineAndColumn() throws IOException {
        Path f = dir.resolve("big.csv");
        Files.write(f, List.of("time,session_id,type,price", "2024-01-01T00:00:00Z,s,view,1.0",
                "2024-01-01T00:00:01Z,s,view,1e308"), StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> {
            try (SessionReader r = Inputs.sessions(f, InputFormat.EVENTS, ReadOptions.defaults())) {
                all(r);
            }
        });
        assertThat(e.getMessage()).contains("big.csv:3", "price", "1e308");
        Path rees = dir.resolve("rees.csv");
        Files.write(rees, List.of(String.join(",", Rees46Reader.HEADER),
                "2019-11-01 00:00:00 UTC,view,1,2,c,b,1e13,9,s1"), StandardCharsets.UTF_8);
        InputException r = assertThrows(InputException.class, () -> {
            try (SessionReader x = Inputs.sessions(rees, InputFormat.REES46, ReadOptions.defaults())) {
                all(x);
            }
        });
        assertThat(r.getMessage()).contains("rees.csv:2", "price");
    }

    @Test
    void aRepeatedHeaderNameIsBadInput() throws IOException {
        Path f = dir.resolve("dup.csv");
        Files.write(f, List.of("time,session_id,type,price,Price", "2024-01-01T00:00:00Z,s,view,1.0,2.0"),
                StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class,
                () -> Inputs.sessions(f, InputFormat.EVENTS, ReadOptions.defaults()).close());
        assertThat(e.getMessage()).contains("dup.csv:1", "Price", "twice");
        Path uci = dir.resolve("uci.csv");
        Files.write(uci, List.of("Administrative,Administrative,Revenue", "1,2,FALSE"), StandardCharsets.UTF_8);
        InputException u = assertThrows(InputException.class,
                () -> Inputs.sessions(uci, InputFormat.UCI, ReadOptions.defaults()).close());
        assertThat(u.getMessage()).contains("uci.csv:1", "Administrative", "twice");
    }

    @Test
    void aDirectoryIsRefusedNamingIt() throws IOException {
        Path d = Files.createDirectories(dir.resolve("a-folder"));
        InputException e = assertThrows(InputException.class, () -> InputFormat.detect(d));
        assertThat(e.getMessage()).contains("a-folder", "directory");
        InputException s = assertThrows(InputException.class,
                () -> Inputs.sessions(d, InputFormat.EVENTS, ReadOptions.defaults()));
        assertThat(s.getMessage()).contains("a-folder", "directory");
    }
}
