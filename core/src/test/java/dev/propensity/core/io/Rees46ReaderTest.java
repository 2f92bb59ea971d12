package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Rees46ReaderTest {
    static final String HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";
    static final String ROW1 = "2019-11-01 00:00:00 UTC,view,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,520088904,s1\n";
    static final String ROW2 = "2019-11-01 00:00:05 UTC,cart,1003461,2053013555631882655,electronics.smartphone,xiaomi,489.07,520088904,s1\n";
    static final String ROW3 = "2019-11-01 00:01:00 UTC,purchase,1003461,2053013555631882655,,,489.07,520088904,s1\n";

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    static List<Event> readAll(Path p, ReadOptions o) throws IOException {
        List<Event> out = new ArrayList<>();
        try (EventReader r = Rees46Reader.open(p, o)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    static InputException strictError(Path p) {
        return assertThrows(InputException.class, () -> readAll(p, ReadOptions.defaults()));
    }

    @Test
    void readsAllFieldsAndMapsTypes() throws IOException {
        List<Event> ev = readAll(write("e.csv", HEADER + ROW1 + ROW2 + ROW3), ReadOptions.defaults());
        assertThat(ev).extracting(Event::type).containsExactly(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART,
                EventType.PURCHASE);
        assertThat(ev.get(2).category()).isEqualTo("2053013555631882655");
        assertThat(ev.get(2).brand()).isNull();
        assertThat(ev.get(1).time()).hasToString("2019-11-01T00:00:05Z");
    }

    @Test
    void wrongColumnCountNamesFileLineAndCounts() throws IOException {
        Path p = write("events.csv", HEADER + ROW1 + "2019-11-01 00:00:01 UTC,view,1\n");
        InputException e = strictError(p);
        assertThat(e.getMessage()).isEqualTo(p + ":3: expected 9 fields (event_time,event_type,product_id,"
                + "category_id,category_code,brand,price,user_id,user_session), found 3");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo(RejectReason.WRONG_COLUMN_COUNT);
    }

    @Test
    void unparsablePriceNamesTheColumn() throws IOException {
        Path p = write("events.csv", HEADER + ROW1.replace("489.07", "abc"));
        InputException e = strictError(p);
        assertThat(e.getMessage()).isEqualTo(p + ":2: column price: \"abc\" is not a number");
        assertThat(e.column()).isEqualTo("price");
        assertThat(e.problem()).isEqualTo("\"abc\" is not a number");
        assertThat(e.file()).isEqualTo(p.toString());
    }

    @Test
    void unparsableTimeIsBadTime() throws IOException {
        InputException e = strictError(write("e.csv", HEADER + ROW1.replace("2019-11-01 00:00:00", "2019-13-01 00:00:00")));
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_TIME);
        assertThat(e.getMessage()).endsWith(":2: column event_time: \"2019-13-01 00:00:00 UTC\" is not a time like "
                + "2019-11-01 00:00:00 UTC");
    }

    @Test
    void unknownEventTypeIsRejected() throws IOException {
        InputException e = strictError(write("e.csv", HEADER + ROW1.replace(",view,", ",wishlist,")));
        assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_EVENT_TYPE);
        assertThat(e.getMessage()).contains("column event_type: \"wishlist\" is not an event type");
    }

    @Test
    void negativeAndNanPricesAreBadPrices() throws IOException {
        InputException neg = strictError(write("a.csv", HEADER + ROW1.replace("489.07", "-1.5")));
        assertThat(neg.reason()).isEqualTo(RejectReason.BAD_PRICE);
        assertThat(neg.getMessage()).contains("column price: \"-1.5\" is not a valid price");
        InputException nan = strictError(write("b.csv", HEADER + ROW1.replace("489.07", "NaN")));
        assertThat(nan.reason()).isEqualTo(RejectReason.BAD_PRICE);
    }

    @Test
    void emptyFileIsAnErrorNamingTheExpectedHeader() throws IOException {
        Path p = write("empty.csv", "");
        InputException e = assertThrows(InputException.class, () -> Rees46Reader.open(p, ReadOptions.defaults()));
        assertThat(e.getMessage()).startsWith(p + ": the file is empty; expected a header line: event_time,");
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_FILE);
    }

    @Test
    void headerOnlyGivesNoEventsAndNoSessions() throws IOException {
        Path p = write("h.csv", HEADER);
        assertThat(readAll(p, ReadOptions.defaults())).isEmpty();
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.defaults())) {
            assertThat(r.readAll()).isEmpty();
            assertThat(r.report().rowsRead()).isZero();
        }
    }

    @Test
    void bomAndCrlfAreAccepted() throws IOException {
        String text = "\uFEFF" + (HEADER + ROW1 + ROW2).replace("\n", "\r\n");
        Path p = write("bom.csv", text);
        assertThat(InputFormat.detect(p)).isEqualTo(InputFormat.REES46);
        List<Event> ev = readAll(p, ReadOptions.defaults());
        assertThat(ev).hasSize(2);
        assertThat(ev.get(1).sessionId()).isEqualTo("s1");
    }

    @Test
    void quotedFieldsWithCommasAndEscapedQuotes() throws IOException {
        String row = "2019-11-01 00:00:00 UTC,view,1,2,\"tools, \"\"garden\"\"\",\"acme, inc\",\"5.00\",7,s1\n";
        List<Event> ev = readAll(write("q.csv", HEADER + row), ReadOptions.defaults());
        assertThat(ev.get(0).category()).isEqualTo("tools, \"garden\"");
        assertThat(ev.get(0).brand()).isEqualTo("acme, inc");
        assertThat(ev.get(0).price()).isEqualTo(5.0);
    }

    @Test
    void unclosedQuoteIsMalformed() throws IOException {
        InputException e = strictError(write("u.csv", HEADER + ROW1 + "2019-11-01 00:00:00 UTC,view,\"1,2\n"));
        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(e.getMessage()).contains(":3: ").contains("quoted field is not closed");
    }

    @Test
    void binaryGarbageIsAClearFileError() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Path p = dir.resolve("junk.csv");
        Files.write(p, junk);
        InputException e = assertThrows(InputException.class, () -> Rees46Reader.open(p, ReadOptions.defaults()));
        assertThat(e.getMessage()).startsWith(p + ": not a text file");
        InputException d = assertThrows(InputException.class, () -> InputFormat.detect(p));
        assertThat(d.reason()).isEqualTo(RejectReason.BAD_FILE);
    }

    @Test
    void nulByteInsideARowIsMalformed() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            sb.append(ROW1);
        }
        sb.append("2019-11-01 00:00:00 UTC,view,1,2,,x\0y,1.0,7,s1\n");
        InputException e = strictError(write("nul.csv", sb.toString()));
        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(e.getMessage()).contains(":202: column brand: binary data");
    }

    @Test
    void lenientModeSkipsAndCountsByReason() throws IOException {
        String text = HEADER + ROW1 + "bad,row\n" + ROW1.replace("489.07", "x") + ROW1.replace(",view,", ",zap,")
                + ROW1.replace("489.07", "-3") + ROW1.replace("2019-11-01 00:00:00 UTC", "yesterday") + ROW2 + ROW3;
        Path p = write("l.csv", text);
        ReadReport report;
        List<Session> sessions;
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.lenientDefaults())) {
            sessions = r.readAll();
            report = r.report();
        }
        assertThat(report.rowsRead()).isEqualTo(8);
        assertThat(report.rowsRejected()).isEqualTo(5);
        assertThat(report.rowsAccepted()).isEqualTo(3);
        assertThat(report.rejected(RejectReason.WRONG_COLUMN_COUNT)).isEqualTo(1);
        assertThat(report.rejected(RejectReason.BAD_NUMBER)).isEqualTo(1);
        assertThat(report.rejected(RejectReason.UNKNOWN_EVENT_TYPE)).isEqualTo(1);
        assertThat(report.rejected(RejectReason.BAD_PRICE)).isEqualTo(1);
        assertThat(report.rejected(RejectReason.BAD_TIME)).isEqualTo(1);
        assertThat(report.examples()).hasSize(5).first().asString().contains(":3: ");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).events()).hasSize(3);
        assertThat(sessions.get(0).purchased()).isTrue();
    }

    @Test
    void longRowsAcrossBufferBoundariesAreReadWhole() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        String brand = "b".repeat(9000);
        for (int i = 0; i < 50; i++) {
            sb.append("2019-11-01 00:00:0").append(i % 10).append(" UTC,view,").append(i)
                    .append(",2,\"cat, with comma\",\"").append(brand).append("\"\"q\",1.5,7,s").append(i).append('\n');
        }
        List<Event> ev = readAll(write("long.csv", sb.toString()), ReadOptions.defaults().withBufferSize(4096));
        assertThat(ev).hasSize(50);
        assertThat(ev).allSatisfy(e -> {
            assertThat(e.brand()).isEqualTo(brand + "\"q");
            assertThat(e.category()).isEqualTo("cat, with comma");
        });
    }

    @Test
    void scanVisitorSeesValidRowsOnly() throws IOException {
        Path p = write("v.csv", HEADER + ROW1 + ROW1.replace("489.07", "x") + ROW2);
        List<EventType> types = new ArrayList<>();
        List<String> sessions = new ArrayList<>();
        try (Rees46Reader r = Rees46Reader.open(p, ReadOptions.lenientDefaults())) {
            ReadReport rep = r.scan((row, ms, type, price) -> {
                types.add(type);
                sessions.add(row.string(Rees46Reader.USER_SESSION));
            });
            assertThat(rep.rowsRejected()).isEqualTo(1);
        }
        assertThat(types).containsExactly(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART);
        assertThat(sessions).containsExactly("s1", "s1");
    }

    @Test
    void lateEventBeyondToleranceFailsStrictWithLine() throws IOException {
        Path p = write("late.csv", HEADER + ROW3 + ROW1.replace("00:00:00", "00:50:00")
                + ROW1.replace("00:00:00", "00:10:00"));
        InputException e = assertThrows(InputException.class, () -> {
            try (SessionReader r = Inputs.sessions(p, null, ReadOptions.defaults())) {
                r.readAll();
            }
        });
        assertThat(e.reason()).isEqualTo(RejectReason.LATE_EVENT);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("40m older than the latest event seen");
        try (SessionReader r = Inputs.sessions(p, null, ReadOptions.lenientDefaults())) {
            assertThat(r.readAll()).hasSize(1);
            assertThat(r.report().rejected(RejectReason.LATE_EVENT)).isEqualTo(1);
            assertThat(r.report().rowsRejected()).isZero();
        }
    }
}
