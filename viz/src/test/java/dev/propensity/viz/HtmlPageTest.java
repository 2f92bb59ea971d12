package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
    private static Dashboard dashboard;

    @BeforeAll
    static void build() {
        dashboard = SampleDashboardMain.build(SampleData.events(1000, 5), "Events", "synthetic events");
    }

    private static String policy(String html) {
        Matcher m = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
        assertThat(m.find()).as("the page has a Content-Security-Policy").isTrue();
        String p = m.group(1);
        assertThat(m.find()).as("only one policy").isFalse();
        return p;
    }

    private static String styleSheet(String html) {
        int start = html.indexOf("<style>") + "<style>".length();
        assertThat(html.indexOf("<style>", start)).as("one style element").isNegative();
        return html.substring(start, html.indexOf("</style>", start));
    }

    @Test
    void policyAllowsNothingButThePagesOwnStyleSheet() throws Exception {
        String html = dashboard.html();
        String sheet = styleSheet(html);
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(sheet.getBytes(StandardCharsets.UTF_8)));
        assertThat(policy(html)).isEqualTo("default-src 'none'; style-src 'sha256-" + hash
                + "'; base-uri 'none'; form-action 'none'");
        // the policy comes before anything it governs
        assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<style>"));
        // what the policy would block is not there: style attributes, scripts, event handlers, external resources
        assertThat(html).doesNotContain(" style=\"").doesNotContain("<script").doesNotContainPattern(" on[a-z]+=")
                .doesNotContain("<image").doesNotContain("<link").doesNotContain("@import");
    }

    @Test
    void tileAccentsAreClassesOfTheStyleSheet() {
        String html = dashboard.html();
        String sheet = styleSheet(html);
        Matcher tiles = Pattern.compile("<div class=\"tile (accent[0-9]+)\">").matcher(html);
        int n = 0;
        while (tiles.find()) {
            assertThat(sheet).contains("." + tiles.group(1) + "{--accent:#");
            n++;
        }
        assertThat(n).isEqualTo(((KpiTilesChart) dashboard.charts().get(Dashboard.KPIS)).getTiles().size());
    }

    @Test
    void dataImagesAreAllowedOnlyWhenThePageHasImages() {
        String withImage = HtmlPage.render(dashboard, Map.of(Dashboard.ROC,
                "<svg viewBox=\"0 0 1 1\"><image width=\"1\" height=\"1\" xlink:href=\"data:image/png;base64,AA\"/></svg>"));
        assertThat(policy(withImage)).contains("; img-src data:; ").startsWith("default-src 'none'; ");
        assertThat(policy(dashboard.html())).doesNotContain("img-src");
    }

    @Test
    void escapeReplacesWhatHtmlCannotHoldAndKeepsTheRest() {
        assertThat(HtmlPage.escape("a\u0000b\u0007c\td\ne\u0085f\uD83D\uDE00g\uD800h\uFFFF<&>\"'"))
                .isEqualTo("a\uFFFDb\uFFFDc\td\ne\uFFFDf\uD83D\uDE00g\uFFFDh\uFFFD&lt;&amp;&gt;&quot;&#39;");
        assertThat(HtmlPage.escape(null)).isEmpty();
    }

    @Test
    void everyChartIsInlinedOnceWithItsCaption() {
        String html = dashboard.html();
        for (String name : dashboard.charts().keySet()) {
            if (name.equals(Dashboard.KPIS)) {
                continue;
            }
            assertThat(html).contains("<figure id=\"" + name + "\">\n<svg aria-labelledby=\"" + name
                    + "-caption\" version=\"1.1\" viewBox=\"0 0 ");
            assertThat(html.split("<figure id=\"" + name + "\">", -1)).hasSize(2);
        }
    }
}
