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
}
