package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.Sessionizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherReadersTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    static List<Event> events(Path p, InputFormat f, ReadOptions o) throws IOException {
        List<Event> out = new ArrayList<>();
        try (EventReader r = Inputs.events(p, f, o)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    static List<Session> sessions(Path p, ReadOptions o) throws IOException {
        try (SessionReader r = Inputs.sessions(p, null, o)) {
            return r.readAll();
        }
    }

    // --- Retailrocket

    static final String RR = "timestamp,visitorid,event,itemid,transactionid\n";

    @Test
    void retailrocketIsSessionizedByVisitorAndGap() throws IOException {
        Path p = write("rr.csv", RR + "1433221332117,257597,view,355908,\n"
                + "1433221400000,257597,addtocart,355908,\n"
                + "1433221500000,257597,transaction,355908,4000\n"
                + "1433231500000,257597,view,1,\n"
                + "1433221500001,99,view,2,\n");
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.RETAILROCKET);
        List<Event> ev = events(p, null, ReadOptions.defaults());
        assertThat(ev).extracting(Event::type).containsExactly(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                EventType.PURCHASE, EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW);
        assertThat(ev.get(0).sessionId()).isNull();
        assertThat(ev.get(0).userId()).isEqualTo("257597");
        // the last row is 2.8 hours older than the one before: late
        InputException late = assertThrows(InputException.class, () -> sessions(p, ReadOptions.defaults()));
        assertThat(late.reason()).isEqualTo(RejectReason.LATE_EVENT);
        List<Session> s = sessions(p, ReadOptions.defaults().withSessionizer(
                Sessionizer.bySessionId().withOutOfOrderTolerance(Duration.ofHours(3))));
        assertThat(s).hasSize(3);
        assertThat(s.stream().filter(Session::purchased).count()).isEqualTo(1);
        assertThat(s).extracting(Session::id).contains("257597@1433221332117", "99@1433221500001");
    }

    @Test
    void retailrocketBadTimestampAndEvent() throws IOException {
        InputException e = assertThrows(InputException.class, () -> events(write("rr.csv",
                RR + "14332x,1,view,2,\n"), null, ReadOptions.defaults()));
        assertThat(e.getMessage()).endsWith("rr.csv:2: column timestamp: \"14332x\" is not a number");
        InputException t = assertThrows(InputException.class, () -> events(write("rr2.csv",
                RR + "1433221332117,1,like,2,\n"), null, ReadOptions.defaults()));
        assertThat(t.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
    }

    // --- OTTO

    @Test
    void ottoBadLinesAreRejectedOneByOne() throws IOException {
        Path p = write("o.jsonl", "{\"session\":1,\"events\":[{\"aid\":5,\"ts\":1659304800025,\"type\":\"clicks\"},"
                + "{\"aid\":5,\"ts\":1659304900025,\"type\":\"orders\"}]}\n"
                + "{\"session\":2,\"events\":[{\"aid\":5,\"ts\":1659304800025,\"type\":\"likes\"}]}\n"
                + "{\"session\":3,\"events\":[{\"aid\":5,\"ts\":\"soon\",\"type\":\"clicks\"}]}\n"
                + "{\"session\":4,\"events\":[\n"
                + "{\"session\":5,\"events\":[]}\n"
                + "{\"session\":6,\"events\":[{\"aid\":7,\"ts\":1659304800025,\"type\":\"carts\"}]}\n");
        InputException e = assertThrows(InputException.class, () -> sessions(p, ReadOptions.defaults()));
        assertThat(e.getMessage()).isEqualTo(p + ":2: column events[0].type: \"likes\" is not an event type "
                + "(expected clicks, carts or orders)");
        List<Session> s;
        ReadReport rep;
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.lenientDefaults())) {
            s = r.readAll();
            rep = r.report();
        }
        assertThat(s).extracting(Session::id).containsExactly("1", "6");
        assertThat(s.get(0).purchased()).isTrue();
        assertThat(rep.rejected(RejectReason.UNKNOWN_EVENT_TYPE)).isEqualTo(1);
        assertThat(rep.rejected(RejectReason.BAD_NUMBER)).isEqualTo(1);
        assertThat(rep.rejected(RejectReason.MALFORMED)).isEqualTo(1);
        assertThat(rep.rejected(RejectReason.MISSING_VALUE)).isEqualTo(1);
    }

    // --- generic events

    @Test
    void genericCsvWithOwnMappingEpochSecondsAndVocabulary() throws IOException {
        Path p = write("shop.csv", "\uFEFFwhen;x,who,what,sku,cost,channel\r\n"
                .replace(";x", "") + "1572566400,alice,seen,A1,9.5,email\r\n"
                + "1572566460.5,alice,bought,A1,9.5,email\r\n");
        EventMapping m = EventMapping.builder().time("when", TimeFormat.EPOCH_SECONDS)
                .type("what", Map.of("SEEN", EventType.PRODUCT_VIEW, "bought", EventType.PURCHASE))
                .userId("who").product("sku").price("cost").attributes("channel").build();
        ReadOptions o = ReadOptions.defaults().withMapping(m);
        List<Event> ev = events(p, InputFormat.EVENTS, o);
        assertThat(ev).hasSize(2);
        assertThat(ev.get(1).epochMillis()).isEqualTo(1572566460500L);
        assertThat(ev.get(1).type()).isEqualTo(EventType.PURCHASE);
        List<Session> s;
        try (SessionReader r = Inputs.sessions(p, InputFormat.EVENTS, o)) {
            s = r.readAll();
        }
        assertThat(s).hasSize(1);
        assertThat(s.get(0).attributes()).containsEntry("channel", "email");
        assertThat(s.get(0).purchased()).isTrue();
    }

    @Test
    void genericMissingColumnAndBadTimeMessages() throws IOException {
        Path p = write("shop.csv", "ts,kind,user\n2019-11-01T10:00:00+02:00,view,u1\n");
        EventMapping m = EventMapping.builder().time("ts", TimeFormat.ISO).type("kind").userId("user")
                .brand("brand").build();
        InputException e = assertThrows(InputException.class,
                () -> events(p, InputFormat.EVENTS, ReadOptions.defaults().withMapping(m)));
        assertThat(e.getMessage()).isEqualTo(p + ":1: the header ts,kind,user has no brand column 'brand'");
        EventMapping ok = EventMapping.builder().time("ts", TimeFormat.ISO).type("kind").userId("user").build();
        List<Event> ev = events(p, InputFormat.EVENTS, ReadOptions.defaults().withMapping(ok));
        assertThat(ev.get(0).time()).hasToString("2019-11-01T08:00:00Z");
        Path bad = write("bad.csv", "ts,kind,user\n01/11/2019,view,u1\n");
        InputException t = assertThrows(InputException.class,
                () -> events(bad, InputFormat.EVENTS, ReadOptions.defaults().withMapping(ok)));
        assertThat(t.getMessage()).isEqualTo(bad + ":2: column ts: \"01/11/2019\" is not an ISO-8601 time like "
                + "2019-11-01T08:00:00Z");
        EventMapping pattern = EventMapping.builder().time("ts", TimeFormat.pattern("dd/MM/yyyy HH:mm",
                ZoneId.of("Europe/Berlin"))).type("kind").userId("user").build();
        Path dmy = write("dmy.csv", "ts,kind,user\n01/11/2019 10:00,view,u1\n");
        assertThat(events(dmy, InputFormat.EVENTS, ReadOptions.defaults().withMapping(pattern)).get(0).time())
                .hasToString("2019-11-01T09:00:00Z");
    }

    @Test
    void genericJsonLines() throws IOException {
        Path p = write("e.jsonl", "{\"time\":\"2019-11-01T00:00:00Z\",\"session_id\":\"s1\",\"type\":\"page_view\","
                + "\"traffic_source\":\"ads\"}\n"
                + "{\"time\":\"2019-11-01T00:01:00Z\",\"session_id\":\"s1\",\"type\":\"add_to_cart\",\"price\":12.5,"
                + "\"product_id\":77}\n"
                + "{\"time\":\"2019-11-01T00:02:00Z\",\"session_id\":\"s1\",\"type\":\"purchase\",\"price\":-1}\n");
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.EVENTS);
        InputException e = assertThrows(InputException.class, () -> sessions(p, ReadOptions.defaults()));
        assertThat(e.getMessage()).isEqualTo(p + ":3: column price: \"-1\" is not a valid price (must be a number "
                + "from 0 to 1e12)");
        List<Session> s = sessions(p, ReadOptions.lenientDefaults());
        assertThat(s).hasSize(1);
        assertThat(s.get(0).events()).hasSize(2);
        assertThat(s.get(0).events().get(1).productId()).isEqualTo("77");
        assertThat(s.get(0).events().get(1).price()).isEqualTo(12.5);
        assertThat(s.get(0).attributes()).containsEntry(SessionAttributes.TRAFFIC_SOURCE, "ads");
        Path broken = write("b.jsonl", "{\"time\":\"2019-11-01T00:00:00Z\",\"session_id\":\"s1\",\"type\":\"view\"}\n"
                + "{\"time\": oops}\n");
        InputException j = assertThrows(InputException.class, () -> sessions(broken, ReadOptions.defaults()));
        assertThat(j.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(j.getMessage()).startsWith(broken + ":2: invalid JSON");
    }

    @Test
    void genericUnknownTypeListsTheVocabulary() throws IOException {
        Path p = write("e.csv", "time,user_id,type\n2019-11-01T00:00:00Z,u,teleport\n");
        InputException e = assertThrows(InputException.class, () -> sessions(p, ReadOptions.defaults()));
        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(e.getMessage()).contains("column type: \"teleport\" is not a known event type (known: [page_view,");
    }

    // --- UCI

    static final String UCI_HEADER = "Administrative,Administrative_Duration,Informational,Informational_Duration,"
            + "ProductRelated,ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,"
            + "OperatingSystems,Browser,Region,TrafficType,VisitorType,Weekend,Revenue\n";

    @Test
    void uciRowsBadNumberAndBadLabel() throws IOException {
        Path p = write("u.csv", UCI_HEADER + "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,FALSE\n"
                + "1,10.5,0,0,2,64,0,0.1,0,0,June,2,2,1,2,New_Visitor,TRUE,TRUE\n"
                + "x,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,FALSE\n"
                + "0,0,0,0,1,0,0.2,0.2,0,0,Feb,1,1,1,1,Returning_Visitor,FALSE,MAYBE\n");
        InputException e = assertThrows(InputException.class, () -> sessions(p, ReadOptions.defaults()));
        assertThat(e.getMessage()).isEqualTo(p + ":4: column Administrative: \"x\" is not a number");
        List<Session> s;
        ReadReport rep;
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.lenientDefaults())) {
            s = r.readAll();
            rep = r.report();
        }
        assertThat(s).hasSize(2);
        assertThat(s.get(1).id()).isEqualTo("2");
        assertThat(s.get(1).purchased()).isTrue();
        assertThat(s.get(1).attributes()).containsEntry(SessionAttributes.MONTH, "Jun")
                .containsEntry(SessionAttributes.VISITOR_TYPE, "new").containsEntry(SessionAttributes.WEEKEND, "true")
                .containsEntry(UciSessionReader.DURATION_SECONDS, "74.5");
        assertThat(rep.rejected(RejectReason.BAD_NUMBER)).isEqualTo(1);
        assertThat(rep.rejected(RejectReason.MALFORMED)).isEqualTo(1);
        assertThat(rep.examples().get(1)).endsWith(":5: column Revenue: \"MAYBE\" is not TRUE or FALSE");
    }

    // --- detection

    @Test
    void detectionNamesWhatItExpected() throws IOException {
        Path p = write("x.csv", "a,b,c\n1,2,3\n");
        InputException e = assertThrows(InputException.class, () -> InputFormat.detect(p));
        assertThat(e.getMessage()).startsWith(p + ":1: cannot detect the format from the header \"a,b,c\"");
        Path empty = write("empty.csv", "");
        assertThat(assertThrows(InputException.class, () -> InputFormat.detect(empty)).getMessage())
                .isEqualTo(empty + ": the file is empty; cannot detect its format");
        Path missing = dir.resolve("nope.csv");
        assertThat(assertThrows(InputException.class, () -> InputFormat.detect(missing)).getMessage())
                .isEqualTo(missing + ": no such file");
        assertThat(InputFormat.parse("Otto")).isEqualTo(InputFormat.OTTO);
        assertThat(assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("parquet")))
                .hasMessage("unknown format 'parquet'; known: [uci, rees46, retailrocket, otto, events]");
    }
}
