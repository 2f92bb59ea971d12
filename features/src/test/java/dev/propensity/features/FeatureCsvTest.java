package dev.propensity.features;

import static dev.propensity.features.TestSessions.ev;
import static dev.propensity.features.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCsvTest {
    private static final List<Session> SESSIONS = List.of(
            session("plain", Map.of(SessionAttributes.TRAFFIC_SOURCE, "a,b \"q\""),
                    ev("plain", 0, EventType.PRODUCT_VIEW, "p", "c", 12.5), ev("plain", 3, EventType.PURCHASE)),
            session("with,comma", ev("with,comma", 0, EventType.PAGE_VIEW)),
            session("q\"uote", ev("q\"uote", 0, EventType.PAGE_VIEW)));

    private static FeatureTables.Builder settings() {
        return FeatureTables.builder().extractors(StandardExtractors.eventCount(), StandardExtractors.priceStats(),
                StandardExtractors.trafficSource());
    }

    private static final String EXPECTED = "session_id,label,events,price_mean,price_max,traffic_source\n"
            + "plain,1,1,12.5,12.5,\"a,b \"\"q\"\"\"\n"
            + "\"with,comma\",0,1,,,\n"
            + "\"q\"\"uote\",0,1,,,\n";

    @Test
    void writesATableWithQuotingEmptyMissingValuesAndLevelNames() throws IOException {
        StringWriter w = new StringWriter();
        FeatureCsv.write(settings().build(SESSIONS), w);
        assertThat(w.toString()).isEqualTo(EXPECTED);
    }

    @Test
    void streamsTheSameRowsWithoutATable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BuildReport r = FeatureCsv.stream(SESSIONS.iterator(), settings(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
        StringWriter fetched = new StringWriter();
        FeatureCsv.stream(SESSIONS.iterator(), settings().prefetch(true), fetched);
        assertThat(fetched.toString()).isEqualTo(EXPECTED);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.buyersIn()).isEqualTo(1);
    }

    @Test
    void streamingHonoursTheEmptyCutoffPolicy() throws IOException {
        List<Session> s = List.of(session("p", ev("p", 0, EventType.PURCHASE)), session("n", ev("n", 0, EventType.PAGE_VIEW)));
        StringWriter w = new StringWriter();
        BuildReport r = FeatureCsv.stream(s.iterator(), FeatureTables.builder()
                .extractors(StandardExtractors.eventCount()).dropBuyersWithEmptyCutoff(true), w);
        assertThat(w.toString()).isEqualTo("session_id,label,events\nn,0,1\n");
        assertThat(r.dropped()).containsEntry(BuildReport.BUYER_WITH_EMPTY_CUTOFF, 1L);
    }

    @Test
    void writesFilesWithTheDefaultExtractors(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("table.csv");
        Path b = dir.resolve("stream.csv");
        FeatureCsv.write(FeatureTables.build(SESSIONS), a);
        FeatureCsv.stream(SESSIONS.iterator(), FeatureTables.builder(), b);
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        assertThat(Files.readAllLines(a).get(0)).startsWith("session_id,label,duration_seconds,events,");
    }

    @Test
    void formatsNumbersCompactly() {
        StringBuilder sb = new StringBuilder();
        for (double v : new double[] {3, -0.0, 2.5, 1e-4, Double.NaN, 1e20, 1.0 / 3, -2.5, 0.1 + 0.2, 0.001,
            0.0012345678912, 999_999.5, 1_234_567.25, -7.05, 12.000000001}) {
            FeatureCsv.appendNumber(sb, v);
            sb.append('|');
        }
        assertThat(sb).hasToString("3|0|2.5|1.0E-4||1.0E20|0.333333333|-2.5|0.3|0.001|0.001234568|999999.5|"
                + "1234567.25|-7.05|12.000000001|");
    }
}
