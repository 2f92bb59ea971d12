package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.propensity.core.Sessionizer;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.SessionReader;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;

/**
 * The oracle of the REES46 byte source: a file read straight into session views ({@code Rees46Sessions}, in one or
 * two parts) gives the same rows, reports and CSV as the same file read as sessions (the reader, then the
 * sessionizer), for any extractors and cutoff. Both run the same extractors: this checks the sources.
 */
class Rees46SourceTest {
    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";

    @TempDir
    Path dir;

    /** The session source: the file read as sessions by the reader and the sessionizer. */
    private static FeatureTables.Result general(Path file, ZoneId zone, ReadOptions options) throws IOException {
        return general(file, FeatureTables.builder().zone(zone), options);
    }

    private static FeatureTables.Result general(Path file, FeatureTables.Builder settings, ReadOptions options)
            throws IOException {
        try (SessionReader r = Inputs.sessions(file, InputFormat.REES46, options)) {
            FeatureTables.Result b = settings.buildWithReport(r.stream().iterator());
            return new FeatureTables.Result(b.table(), b.report(), r.report());
        }
    }

    /** The byte source, in at most {@code threads} parts, every file large enough to be split. */
    private static FeatureTables.Result fast(Path file, ZoneId zone, int threads, ReadOptions options)
            throws IOException {
        return fast(file, FeatureTables.builder().zone(zone), threads, options);
    }

    private static FeatureTables.Result fast(Path file, FeatureTables.Builder settings, int threads,
                                             ReadOptions options) throws IOException {
        return settings.threads(threads).splitBytes(1).build(file, InputFormat.REES46, options);
    }

    /** Row indices ordered by session id, then start. */
    private static Integer[] byId(FeatureTable t) {
        Integer[] order = new Integer[t.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing((Integer i) -> t.id(i)).thenComparingLong(i -> t.facts().startMillis(i)));
        return order;
    }

    /** Same schema, and the same rows (values bit for bit, ids, labels, facts) in the same or in id order. */
    private static void assertSameRows(FeatureTable actual, FeatureTable expected, boolean sameOrder) {
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(actual.rows()).isEqualTo(expected.rows());
        Integer[] a = sameOrder ? null : byId(actual);
        Integer[] e = sameOrder ? null : byId(expected);
        for (int k = 0; k < actual.rows(); k++) {
            int i = sameOrder ? k : a[k];
            int j = sameOrder ? k : e[k];
            assertThat(actual.id(i)).isEqualTo(expected.id(j));
            assertThat(actual.label(i)).as("label of %s", actual.id(i)).isEqualTo(expected.label(j));
            assertThat(actual.facts().startMillis(i)).isEqualTo(expected.facts().startMillis(j));
            assertThat(actual.facts().durationSeconds(i)).isEqualTo(expected.facts().durationSeconds(j));
            assertThat(actual.facts().eventCount(i)).isEqualTo(expected.facts().eventCount(j));
            for (EventType type : EventType.values()) {
                assertThat(actual.facts().has(i, type)).as("%s of session %s", type, actual.id(i))
                        .isEqualTo(expected.facts().has(j, type));
            }
            for (int c = 0; c < actual.columnCount(); c++) {
                assertThat(Double.doubleToLongBits(actual.value(i, c)))
                        .as("%s of session %s", actual.schema().get(c).name(), actual.id(i))
                        .isEqualTo(Double.doubleToLongBits(expected.value(j, c)));
            }
        }
    }

    private static void assertSameReport(BuildReport actual, BuildReport expected) {
        assertThat(actual.sessionsIn()).isEqualTo(expected.sessionsIn());
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.buyersIn()).isEqualTo(expected.buyersIn());
        assertThat(actual.buyersWithEmptyCutoff()).isEqualTo(expected.buyersWithEmptyCutoff());
        assertThat(actual.eventsIn()).isEqualTo(expected.eventsIn());
        assertThat(actual.eventsVisible()).isEqualTo(expected.eventsVisible());
        assertThat(actual.dropped()).isEqualTo(expected.dropped());
    }

    private Path simulated(int sessions, long seed) throws IOException {
        Path f = dir.resolve("sim-" + seed + ".csv");
        SyntheticSessions.writeRees46(f, sessions, seed, SimulatorConfig.rees46());
        return f;
    }

    @Test
    void oneThreadGivesTheGeneralPathsTableRowForRow() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Path f = simulated(3_000, seed);
            FeatureTables.Result g = general(f, ZoneId.of("UTC"), ReadOptions.defaults());
            FeatureTables.Result q = fast(f, ZoneId.of("UTC"), 1, ReadOptions.defaults());
            assertSameRows(q.table(), g.table(), true);
            assertSameReport(q.report(), g.report());
        }
    }

    @Test
    void twoThreadsGiveTheSameRowsJoiningSessionsThatCrossTheSplit() throws IOException {
        for (long seed = 4; seed <= 6; seed++) {
            Path f = simulated(4_000, seed);
            FeatureTables.Result g = general(f, ZoneId.of("UTC"), ReadOptions.defaults());
            FeatureTables.Result q = fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults());
            assertSameRows(q.table(), g.table(), false);
            assertSameReport(q.report(), g.report());
        }
    }

    @Test
    void anotherZoneMovesTheStartTimeFeaturesAsTheExtractorsDo() throws IOException {
        Path f = simulated(2_000, 7);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertSameRows(fast(f, berlin, 1, ReadOptions.defaults()).table(),
                general(f, berlin, ReadOptions.defaults()).table(), true);
    }

    /** Rows written by hand: the edge cases the simulator does not produce. */
    private Path edgeCases() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        // out of order within the tolerance, two purchases, a purchase first, empty fields, text product ids
        sb.append("2019-11-01 10:00:00 UTC,view,100,5,,acme,10.0,1,s-a\n");
        sb.append("2019-11-01 10:00:05 UTC,purchase,7,5,,,,2,s-b\n");
        sb.append("2019-11-01 10:00:10 UTC,cart,100,5,,acme,10.0,1,s-a\n");
        sb.append("2019-11-01 10:00:07 UTC,view,0100,5,shoes.boots,,25.5,1,s-a\n");
        sb.append("2019-11-01 10:01:00 UTC,view,,,,,,2,s-b\n");
        sb.append("2019-11-01 10:02:00 UTC,remove_from_cart,100,5,,acme,12.0,1,s-a\n");
        sb.append("2019-11-01 10:03:00 UTC,view,AB-7,6,shoes.boots,,30,3,s-c\n");
        sb.append("2019-11-01 10:03:00 UTC,cart,AB-7,6,shoes.boots,,30,3,s-c\n");
        sb.append("2019-11-01 10:04:00 UTC,purchase,AB-7,6,shoes.boots,,30,3,s-c\n");
        sb.append("2019-11-01 10:05:00 UTC,purchase,AB-7,6,shoes.boots,,30,3,s-c\n");
        sb.append("2019-11-01 10:06:00 UTC,view,9,6,,,0,3,s-c\n");
        sb.append("2019-11-01 10:07:00 UTC,view,9,,,,100,3,s-d\n");
        // s-a comes back after more than the idle timeout: a new session with the same id
        sb.append("2019-11-01 13:00:00 UTC,view,100,5,,acme,10.0,1,s-e\n");
        sb.append("2019-11-01 13:00:01 UTC,view,100,5,,acme,10.0,1,s-a\n");
        sb.append("2019-11-01 13:00:02 UTC,view,101,5,,acme,11.0,1,s-a\n");
        // many sessions open at once, interleaved, crossing the middle of the file
        for (int i = 0; i < 400; i++) {
            int s = i % 37;
            sb.append(String.format("2019-11-01 14:%02d:%02d UTC,%s,%d,%d,%s,,%d.5,%d,x-%d%n", i / 60, i % 60,
                    i % 11 == 0 ? "cart" : i % 29 == 0 ? "purchase" : "view", 1000 + i % 13, 7 + i % 3,
                    i % 2 == 0 ? "cat.a" : "", i % 50, s, s));
        }
        Path f = dir.resolve("edge.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void handWrittenEdgeCasesMatchOnOneAndTwoThreads() throws IOException {
        Path f = edgeCases();
        FeatureTables.Result g = general(f, ZoneId.of("UTC"), ReadOptions.defaults());
        assertSameRows(fast(f, ZoneId.of("UTC"), 1, ReadOptions.defaults()).table(), g.table(), true);
        assertSameRows(fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()).table(), g.table(), false);
        assertThat(g.table().rows()).isEqualTo(5 + 37 + 1);
    }

    @Test
    void droppingEmptyBuyersAndEmptyFeaturesWorksAsOnTheGeneralPath() throws IOException {
        Path f = edgeCases();
        FeatureTables.Result g = general(f, FeatureTables.builder().extractors(StandardExtractors.forEvents())
                .dropBuyersWithEmptyCutoff(true).dropEmptyFeatures(true), ReadOptions.defaults());
        FeatureTables.Result q = FeatureTables.builder().threads(1).dropBuyersWithEmptyCutoff(true)
                .dropEmptyFeatures(true).build(f, InputFormat.REES46, ReadOptions.defaults());
        assertSameRows(q.table(), g.table(), true);
        assertSameReport(q.report(), g.report());
        assertThat(q.report().droppedEmptyFeatures()).isEqualTo(g.report().droppedEmptyFeatures()).isNotEmpty();
    }

    @Test
    void rowsWithoutASessionIdAreGroupedByUserAsTheSessionizerDoes() throws IOException {
        Path f = dir.resolve("no-session.csv");
        Files.writeString(f, HEADER
                + "2019-11-01 10:00:00 UTC,view,1,5,,,1.0,1,s-a\n"
                + "2019-11-01 10:00:01 UTC,view,2,5,,,1.0,9,\n"
                + "2019-11-01 10:00:02 UTC,cart,2,5,,,1.0,9,\n");
        FeatureTables.Result g = general(f, ZoneId.of("UTC"), ReadOptions.defaults());
        assertSameRows(fast(f, ZoneId.of("UTC"), 1, ReadOptions.defaults()).table(), g.table(), true);
        assertSameRows(fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()).table(), g.table(), false);
        assertThat(g.table().rows()).isEqualTo(2);
    }

    /** Users without session ids whose sessions cross the middle of the file, with gaps, beside session ids. */
    private Path usersAcrossTheSplit() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 600; i++) {
            int minute = i / 5;
            int user = i % 4;
            String session = i % 3 == 0 ? "" : "s-" + (i % 9);
            String type = i % 17 == 0 ? "cart" : i % 41 == 0 ? "purchase" : "view";
            // user 3 pauses for 40 minutes (more than the 30-minute gap) twice
            int offset = user == 3 && minute > 40 ? (minute > 80 ? 80 : 40) : 0;
            sb.append(String.format("2019-11-01 %02d:%02d:%02d UTC,%s,%d,5,,,%d.0,%d,%s%n", 10 + (minute + offset) / 60,
                    (minute + offset) % 60, i % 60, type, 100 + i % 7, i % 23, 50 + user, session));
        }
        Path f = dir.resolve("users.csv");
        // sort by time, as a shop's export is
        List<String> rows = new ArrayList<>(sb.toString().lines().skip(1).toList());
        rows.sort(Comparator.comparing(r -> r.substring(0, 19)));
        Files.writeString(f, HEADER + String.join("\n", rows) + "\n");
        return f;
    }

    @Test
    void sessionsOfUsersWithoutSessionIdsAreJoinedAcrossTheSplit() throws IOException {
        Path f = usersAcrossTheSplit();
        FeatureTables.Result g = general(f, ZoneId.of("UTC"), ReadOptions.defaults());
        long byUser = java.util.stream.IntStream.range(0, g.table().rows()).filter(i -> g.table().id(i).contains("@"))
                .count();
        assertThat(byUser).isGreaterThan(4);
        assertSameRows(fast(f, ZoneId.of("UTC"), 1, ReadOptions.defaults()).table(), g.table(), true);
        assertSameRows(fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()).table(), g.table(), false);
        assertSameReport(fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()).report(), g.report());
    }

    @Test
    void anyExtractorsAndCutoffGiveTheSessionSourcesRows() throws IOException {
        Path f = simulated(3_000, 12);
        List<FeatureExtractor> custom = new ArrayList<>(StandardExtractors.forEvents());
        custom.add(new FeatureExtractor() {
            @Override
            public List<FeatureSpec> features() {
                return List.of(FeatureSpec.numeric("views_per_cart", "product views per cart add, by objects"),
                        FeatureSpec.categorical("first_brand", "the first brand seen"));
            }

            @Override
            public void extract(ObservedSession session, FeatureRow out) {
                long views = session.events().stream().filter(e -> e.type() == EventType.PRODUCT_VIEW).count();
                long carts = session.events().stream().filter(e -> e.type() == EventType.ADD_TO_CART).count();
                out.set(0, carts == 0 ? Double.NaN : (double) views / carts);
                out.setLevel(1, session.events().stream().map(dev.propensity.core.Event::brand)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null));
            }
        });
        for (Cutoff cutoff : List.of(Cutoffs.beforeFirstPurchase(), Cutoffs.firstEvents(5), Cutoffs.firstEvents(1),
                Cutoffs.firstMinutes(2))) {
            for (List<FeatureExtractor> ex : List.of(StandardExtractors.forEvents(), custom)) {
                FeatureTables.Result g = general(f, FeatureTables.builder().extractors(ex).cutoff(cutoff),
                        ReadOptions.defaults());
                for (int threads = 1; threads <= 2; threads++) {
                    FeatureTables.Result q = fast(f, FeatureTables.builder().extractors(ex).cutoff(cutoff), threads,
                            ReadOptions.defaults());
                    assertSameRows(q.table(), g.table(), threads == 1);
                    assertSameReport(q.report(), g.report());
                }
            }
        }
    }

    @Test
    void aLateEventFailsAsOnTheGeneralPath() throws IOException {
        Path f = dir.resolve("late.csv");
        Files.writeString(f, HEADER
                + "2019-11-01 10:00:00 UTC,view,1,5,,,1.0,1,s-a\n"
                + "2019-11-01 11:00:00 UTC,view,2,5,,,1.0,2,s-b\n"
                + "2019-11-01 10:00:01 UTC,view,2,5,,,1.0,1,s-a\n");
        assertThatThrownBy(() -> fast(f, ZoneId.of("UTC"), 1, ReadOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("late.csv:4:")
                .hasMessageContaining("beyond the out-of-order tolerance");
        ReadOptions counting = ReadOptions.lenientDefaults(); // lenient reading counts late events
        assertSameRows(fast(f, ZoneId.of("UTC"), 1, counting).table(), general(f, ZoneId.of("UTC"), counting).table(),
                true);
    }

    @Test
    void aLenientReadSkipsAndCountsBadRowsAsTheGeneralPathDoes() throws IOException {
        Path sim = simulated(2_000, 9);
        List<String> lines = new ArrayList<>(Files.readAllLines(sim));
        lines.add(50, "not,a,valid,row");
        lines.add(400, "2019-11-01 00:00:00 UTC,teleport,1,2,c,b,1.5,9,sX");
        lines.add(900, "2019-11-01 00:00:00 UTC,view,1,2,c,b,not-a-price,9,sY");
        Path f = dir.resolve("dirty.csv");
        Files.write(f, lines);
        ReadOptions lenient = ReadOptions.lenientDefaults();
        FeatureTables.Result q = fast(f, ZoneId.of("UTC"), 2, lenient);
        FeatureTables.Result g = general(f, ZoneId.of("UTC"), lenient);
        assertSameRows(q.table(), g.table(), true);
        assertSameReport(q.report(), g.report());
        assertThat(q.read().rowsRejected()).isEqualTo(3).isEqualTo(g.read().rowsRejected());
        assertThat(q.read().rowsRead()).isEqualTo(g.read().rowsRead()).isEqualTo(lines.size() - 1);
        assertThat(q.read().rejectedByReason()).isEqualTo(g.read().rejectedByReason());
        FeatureTables.Result strict = fast(simulated(2_000, 10), ZoneId.of("UTC"), 2, ReadOptions.defaults());
        assertThat(strict.read().rowsRejected()).isZero();
        assertThat(strict.read().rowsRead()).isEqualTo(strict.report().eventsIn());
    }

    @Test
    void aBadRowInTheSecondHalfIsReportedAtItsLineInTheFile() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            sb.append(String.format("2019-11-01 10:%02d:%02d UTC,view,%d,5,,,1.0,1,s-%d%n", i / 60, i % 60, i, i % 7));
        }
        sb.append("2019-11-01 11:00:00 UTC,teleport,1,5,,,1.0,1,s-1\n");
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, sb.toString());
        assertThatThrownBy(() -> fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("bad.csv:202:")
                .hasMessageContaining("teleport");
    }

    @Test
    void aLateEventInTheSecondHalfIsReportedAtItsLineInTheFile() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            sb.append(String.format("2019-11-01 10:%02d:%02d UTC,view,%d,5,,,1.0,1,s-%d%n", i / 60, i % 60, i, i % 7));
        }
        sb.append("2019-11-01 09:00:00 UTC,view,1,5,,,1.0,1,s-1\n");
        Path f = dir.resolve("late-second.csv");
        Files.writeString(f, sb.toString());
        assertThatThrownBy(() -> fast(f, ZoneId.of("UTC"), 2, ReadOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("late-second.csv:202:")
                .hasMessageContaining("beyond the out-of-order tolerance");
    }

    @Test
    void forEachRowDeliversTheTablesRowsWithLevelsByName() throws IOException {
        Path f = simulated(3_000, 8);
        FeatureTable t = general(f, ZoneId.of("UTC"), ReadOptions.defaults()).table();
        for (int threads = 1; threads <= 2; threads++) {
            List<String> seen = new ArrayList<>();
            FeatureSchema[] started = new FeatureSchema[1];
            BuildReport r = FeatureTables.builder().threads(threads).splitBytes(1).forEachRow(f, null,
                    ReadOptions.defaults(), new FeatureTables.RowSink() {
                        @Override
                        public void start(FeatureSchema schema) {
                            started[0] = schema;
                        }

                        @Override
                        public void row(String id, boolean purchased, double[] values, String[] levels) {
                            seen.add(id + "|" + purchased + "|" + values[1] + "|" + values[10] + "|" + levels[15]
                                    + "|" + levels[16]);
                        }
                    });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < t.rows(); i++) {
                expected.add(t.id(i) + "|" + t.label(i) + "|" + t.value(i, 1) + "|" + t.value(i, 10) + "|"
                        + t.level(i, 15) + "|" + t.level(i, 16));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(started[0].names()).isEqualTo(t.schema().names());
            assertThat(r.rows()).isEqualTo(t.rows());
        }
    }

    /** 600 finished sessions, then a row without a session id. */
    private Path userRowLate() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 600; i++) {
            sb.append("2019-11-01 10:00:00 UTC,view,1,5,,,1.0,1,s-").append(i).append('\n');
        }
        sb.append("2019-11-01 13:00:00 UTC,view,2,5,,,1.0,2,s-b\n");
        sb.append("2019-11-01 13:00:01 UTC,view,2,5,,,1.0,9,\n");
        Path f = dir.resolve("no-session-late.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void aRowWithoutASessionIdAfterDeliveredRowsChangesNothingDelivered() throws IOException {
        Path f = userRowLate();
        List<String> ids = new ArrayList<>();
        BuildReport r = FeatureTables.builder().threads(1).forEachRow(f, null, ReadOptions.defaults(),
                (id, purchased, values, levels) -> ids.add(id));
        assertThat(ids).hasSize(602).doesNotHaveDuplicates();
        assertThat(r.rows()).isEqualTo(602);
        assertThat(ids.get(601)).isEqualTo("9@" + java.time.Instant.parse("2019-11-01T13:00:01Z").toEpochMilli());
    }

    /** The general path's CSV: sessions read as objects and streamed one by one. */
    private static String generalCsv(Path f) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        try (dev.propensity.core.io.SessionReader r = dev.propensity.core.io.Inputs.sessions(f, InputFormat.REES46,
                ReadOptions.defaults())) {
            FeatureCsv.stream(r.stream().iterator(), FeatureTables.builder().zone(ZoneId.of("UTC")), w);
        }
        return w.toString();
    }

    @Test
    void csvFromAFileIsTheGeneralPathsCsvByteForByte() throws IOException {
        for (long seed = 4; seed <= 5; seed++) {
            Path f = simulated(2_000, seed);
            java.io.StringWriter w = new java.io.StringWriter();
            BuildReport r = FeatureCsv.stream(f, null, ReadOptions.defaults(),
                    FeatureTables.builder().zone(ZoneId.of("UTC")), w).report();
            String expected = generalCsv(f);
            assertThat(w.toString()).isEqualTo(expected);
            assertThat(r.rows()).isEqualTo(expected.lines().count() - 1);
        }
    }

    @Test
    void csvFromAFileWithARowWithoutASessionIdIsTheGeneralPathsCsv() throws IOException {
        Path f = userRowLate();
        java.io.StringWriter w = new java.io.StringWriter();
        BuildReport r = FeatureCsv.stream(f, InputFormat.REES46, ReadOptions.defaults(),
                FeatureTables.builder().zone(ZoneId.of("UTC")), w).report();
        String expected = generalCsv(f);
        assertThat(expected.lines().count()).isEqualTo(1 + 602);
        assertThat(w.toString()).isEqualTo(expected);
        assertThat(r.rows()).isEqualTo(602);
    }

    @Test
    void csvFromAFileReportsAFailedWriteAsAnIOException() throws IOException {
        Path f = simulated(3_000, 6);
        java.io.Writer full = new java.io.Writer() {
            private long chars;

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                chars += len;
                if (chars > 100_000) {
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> FeatureCsv.stream(f, null, ReadOptions.defaults(), FeatureTables.builder(), full))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No space left");
    }

    @Test
    void aLenientCsvFromAFileCountsSkippedRowsAsTheGeneralPathDoes() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(simulated(1_500, 11)));
        lines.add(70, "not,a,valid,row");
        lines.add(700, "2019-11-01 00:00:00 UTC,teleport,1,2,c,b,1.5,9,sX");
        Path f = dir.resolve("dirty-csv.csv");
        Files.write(f, lines);
        ReadOptions lenient = ReadOptions.lenientDefaults();
        java.io.StringWriter w = new java.io.StringWriter();
        FeatureCsv.Streamed s = FeatureCsv.stream(f, null, lenient, FeatureTables.builder().zone(ZoneId.of("UTC")), w);
        java.io.StringWriter g = new java.io.StringWriter();
        ReadReport general;
        try (dev.propensity.core.io.SessionReader r = dev.propensity.core.io.Inputs.sessions(f, InputFormat.REES46,
                lenient)) {
            FeatureCsv.stream(r.stream().iterator(), FeatureTables.builder().zone(ZoneId.of("UTC")), g);
            general = r.report();
        }
        assertThat(w.toString()).isEqualTo(g.toString());
        assertThat(s.read().rowsRejected()).isEqualTo(2).isEqualTo(general.rowsRejected());
        assertThat(s.read().rejectedByReason()).isEqualTo(general.rejectedByReason());
        assertThat(s.read().rowsRead()).isEqualTo(lines.size() - 1);
    }

    @Test
    void csvFromAFileStopsAtTheFirstBadRowNamingItsLine() throws IOException {
        Path f = dir.resolve("bad-type.csv");
        Files.writeString(f, HEADER + "2019-11-01 10:00:00 UTC,view,1,5,,,1.0,1,s-1\n"
                + "2019-11-01 10:00:05 UTC,teleport,1,5,,,1.0,1,s-1\n");
        assertThatThrownBy(() -> FeatureCsv.stream(f, null, ReadOptions.defaults(), FeatureTables.builder(),
                new java.io.StringWriter()))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("bad-type.csv:3:")
                .hasMessageContaining("teleport");
    }

    @Test
    void theDefaultSessionizerGroupsBySessionIdSoTheByteSourceApplies() {
        Sessionizer s = ReadOptions.defaults().effectiveSessionizer();
        assertThat(s.usesSessionIds()).isTrue();
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(Sessionizer.DEFAULT_IDLE_TIMEOUT_MINUTES));
    }
}
