package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.Workers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strings from the data are escaped in the page and neutralised in the CSV. */
class HostileDataTest {
    private final ServeData data = TestData.hostile();

    @Test
    void scriptsFromTheDataAreTextInThePage() {
        SliceView v = SliceView.compute(data, SliceFilter.all(), Workers.callerOnly());
        String page = Page.full(data, v);
        assertThat(page).doesNotContain("<script>window.__pwned").doesNotContain("<img src=x")
                .doesNotContain("<script>f()").doesNotContain("<b>shop</b>").doesNotContain("<i>oddly</i>");
        assertThat(page).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
        assertThat(page).contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;");
        // the only script element is the page's own file
        assertThat(page.split("<script").length - 1).isEqualTo(1);
        assertThat(page.split("onerror=\"").length - 1).isZero();
        assertThat(page).doesNotContain("style=");
    }

    @Test
    void formulaCellsAreNeutralisedInTheCsv() {
        SliceView v = SliceView.compute(data, new SliceFilter(null, null, 0, 23, SliceFilter.ALL_WEEKDAYS, Map.of(),
                0.5, 1, 50, 1000), Workers.callerOnly());
        String csv = SessionsCsv.of(data, v);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
        assertThat(csv).doesNotContain("\n=").doesNotContain(",=");
        assertThat(SessionsCsv.neutralise("+1")).isEqualTo("'+1");
        assertThat(SessionsCsv.neutralise("-1")).isEqualTo("'-1");
        assertThat(SessionsCsv.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SessionsCsv.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(SessionsCsv.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(SessionsCsv.neutralise("plain")).isEqualTo("plain");
    }

    @Test
    void theDrillThroughIsTheMostLikelySessionsInOrder() {
        SliceFilter f = new SliceFilter(null, null, 0, 23, SliceFilter.ALL_WEEKDAYS,
                Map.of("device", java.util.List.of("desktop")), 0.5, 1, 50, 25);
        SliceView v = SliceView.compute(data, f, Workers.callerOnly());
        assertThat(v.top()).hasSize(25);
        double min = 1;
        for (SliceView.TopSession s : v.top()) {
            assertThat(s.attributes().get(0)).isEqualTo("desktop");
            assertThat(s.probability()).isLessThanOrEqualTo(min);
            min = s.probability();
        }
        // nothing left out ranks higher
        int above = 0;
        for (int r : data.rows(f)) {
            above += data.probability(r) > min ? 1 : 0;
        }
        assertThat(above).isLessThanOrEqualTo(25);
    }

    @Test
    void theDrillThroughBreaksTiesByTheOrderGivenAndSkipsUnscoredSessions() {
        // 3,000 sessions on 7 probabilities (heavy ties, as copies of the same sessions give), some not scored
        java.util.Random r = new java.util.Random(4);
        dev.propensity.core.SessionFacts.Builder b = dev.propensity.core.SessionFacts.builder();
        int n = 3000;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 11 == 0 ? Double.NaN : (1 + r.nextInt(7)) / 10.0;
            b.addRow("t" + i, r.nextBoolean(), 1_570_000_000_000L + i * 60_000L, 60, 2,
                    1 << dev.propensity.core.EventType.PRODUCT_VIEW.ordinal(), Map.of("device", i % 2 == 0 ? "a" : "b"));
        }
        ServeData tied = ServeData.of(b.build(), p, new dev.propensity.pipeline.Headline("t", "d"),
                dev.propensity.metrics.EvaluationProtocol.crossValidation(5, 1), java.util.List.of(), null,
                java.util.List.of());
        for (String device : new String[] {null, "b"}) {
            for (int k : new int[] {1, 7, 50, 1000}) {
                SliceFilter f = new SliceFilter(null, null, 0, 23, SliceFilter.ALL_WEEKDAYS, device == null ? Map.of()
                        : Map.of("device", java.util.List.of(device)), 0.5, 1, 50, k);
                // expected: the slice's rows by decreasing probability, ties in the given order (ids t0, t1, ...)
                java.util.List<Integer> rows = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(p[i]) && (device == null || device.equals(i % 2 == 0 ? "a" : "b"))) {
                        rows.add(i);
                    }
                }
                rows.sort(java.util.Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i));
                java.util.List<String> expected = rows.subList(0, k).stream().map(i -> "t" + i).toList();
                SliceView v = SliceView.compute(tied, f, Workers.callerOnly());
                assertThat(v.top().stream().map(SliceView.TopSession::id).toList()).as(device + " " + k)
                        .isEqualTo(expected);
            }
        }
    }
}
