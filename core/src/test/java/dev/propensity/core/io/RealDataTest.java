package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealDataTest {

    @Test
    void rees46SliceHas683Events240SessionsAnd2Buyers() throws IOException {
        Path p = SharedData.file("rees46/2019-11-01-head.csv");
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.REES46);
        List<Session> sessions;
        ReadReport report;
        try (SessionReader in = Inputs.sessions(p, null, ReadOptions.defaults())) {
            sessions = in.readAll();
            report = in.report();
        }
        assertThat(report.rowsRead()).isEqualTo(683);
        assertThat(report.rowsRejected()).isZero();
        assertThat(sessions.stream().mapToInt(s -> s.events().size()).sum()).isEqualTo(683);
        assertThat(sessions).hasSize(240);
        assertThat(sessions.stream().filter(Session::purchased).count()).isEqualTo(2);
        Set<String> ids = new HashSet<>();
        sessions.forEach(s -> assertThat(ids.add(s.id())).isTrue());
    }

    @Test
    void rees46FirstEventIsParsedFieldByField() throws IOException {
        Path p = SharedData.file("rees46/2019-11-01-head.csv");
        try (EventReader in = Inputs.events(p, InputFormat.REES46, ReadOptions.defaults())) {
            Event e = in.next();
            assertThat(e.time()).hasToString("2019-11-01T00:00:00Z");
            assertThat(e.type()).isEqualTo(EventType.PRODUCT_VIEW);
            assertThat(e.productId()).isEqualTo("1003461");
            assertThat(e.category()).isEqualTo("electronics.smartphone");
            assertThat(e.brand()).isEqualTo("xiaomi");
            assertThat(e.price()).isEqualTo(489.07);
            assertThat(e.userId()).isEqualTo("520088904");
            assertThat(e.sessionId()).isEqualTo("4d3b30da-a5e4-49df-b1a8-ba5943f1dd33");
            assertThat(in.line()).isEqualTo(2);
        }
    }

    @Test
    void ottoSliceHas20SessionsAnd862Events() throws IOException {
        Path p = SharedData.file("otto/train-first20sessions.jsonl");
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.OTTO);
        List<Session> sessions;
        try (SessionReader in = Inputs.sessions(p, null, ReadOptions.defaults())) {
            sessions = in.readAll();
        }
        assertThat(sessions).hasSize(20);
        assertThat(sessions.stream().mapToInt(s -> s.events().size()).sum()).isEqualTo(862);
        assertThat(sessions.get(0).id()).isEqualTo("0");
        assertThat(sessions.get(0).purchased()).isTrue();
        long events = 0;
        try (EventReader in = Inputs.events(p, null, ReadOptions.defaults())) {
            while (in.next() != null) {
                events++;
            }
        }
        assertThat(events).isEqualTo(862);
    }

    @Test
    void uciTableHas12330RowsAnd1908Buyers() throws IOException {
        Path p = SharedData.file("uci/online_shoppers_intention.csv");
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.UCI);
        List<Session> sessions;
        try (SessionReader in = Inputs.sessions(p, null, ReadOptions.defaults())) {
            sessions = in.readAll();
        }
        assertThat(sessions).hasSize(12_330);
        assertThat(sessions.stream().filter(Session::purchased).count()).isEqualTo(1_908);
        Session first = sessions.get(0);
        assertThat(first.id()).isEqualTo("1");
        assertThat(first.hasEvents()).isFalse();
        assertThat(first.attributes()).doesNotContainKey("Revenue")
                .containsEntry("Month", "Feb").containsEntry(SessionAttributes.MONTH, "Feb")
                .containsEntry(SessionAttributes.VISITOR_TYPE, "returning")
                .containsEntry(SessionAttributes.WEEKEND, "false")
                .containsEntry("ProductRelated", "1").containsKey(UciSessionReader.DURATION_SECONDS);
        assertThat(sessions.get(1).attributes()).containsEntry(UciSessionReader.DURATION_SECONDS, "64.0");
        assertThat(sessions.stream().map(s -> s.attributes().get(SessionAttributes.MONTH)).distinct())
                .allMatch(m -> m.length() == 3);
        SessionFacts facts = SessionFacts.of(sessions);
        assertThat(facts.durationSeconds(1)).isEqualTo(64.0);
    }
}
