package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.Splits;

class DashboardTest {
    private static SampleData events;
    private static SampleData table;
    private static Dashboard eventDashboard;
    private static Dashboard tableDashboard;

    @BeforeAll
    static void build() {
        events = SampleData.events(2000, 3);
        table = SampleData.table(2000, 4);
        eventDashboard = SampleDashboardMain.build(events, "Events", "synthetic events");
        tableDashboard = SampleDashboardMain.build(table, "Table", "synthetic table");
    }

    @Test
    void curveLegendsCarryTheReportsFiguresNotTheThinnedCurvesAreas() {
        SampleData big = SampleData.table(5000, 13);
        Dashboard d = SampleDashboardMain.build(big, "Big", "synthetic table");
        EvaluationResult r = EvaluationResult.of(EvaluationProtocol.crossValidation(5, 42), big.labels, big.scores,
                Splits.assign(EvaluationProtocol.crossValidation(5, 42), big.labels), 0.5);
        String ap = Charts.fixed(r.report().averagePrecision(), 3);
        String auc = Charts.fixed(r.report().rocAuc(), 3);
        // the kept curves are thinned: on this table the PR curve's own area rounds differently (0.470, not 0.471)
        assertThat(Charts.fixed(r.precisionRecall().averagePrecision(), 3)).isNotEqualTo(ap);
        assertThat(((XYChart) d.charts().get(Dashboard.PRECISION_RECALL)).getSeriesMap())
                .containsKey("model (PR AUC " + ap + ")");
        assertThat(((XYChart) d.charts().get(Dashboard.ROC)).getSeriesMap()).containsKey("model (AUC " + auc + ")");
    }

    @Test
    void eventDataGetsEveryChart() {
        assertThat(eventDashboard.charts().keySet()).startsWith(Dashboard.KPIS).contains(Dashboard.IMPORTANCE,
                Dashboard.CONFUSION, Dashboard.SCORES, "conversion_by_hour_of_day", "conversion_by_duration",
                Dashboard.FUNNEL, Dashboard.ROC, Dashboard.PRECISION_RECALL, Dashboard.CALIBRATION, Dashboard.GAINS);
        assertThat(eventDashboard.notes()).noneMatch(n -> n.contains("hour of day"));
    }

    @Test
    void tableWithoutTimesShowsTheBreakdownsItHasAndSaysSo() {
        Set<String> names = tableDashboard.charts().keySet();
        assertThat(names).doesNotContain("conversion_by_hour_of_day", Dashboard.FUNNEL)
                .contains("conversion_by_traffic_source", "conversion_by_visitor_type", "conversion_by_month");
        assertThat(tableDashboard.notes()).anyMatch(n -> n.contains("no hour of day") && n.contains("traffic source"));
        assertThat(tableDashboard.notes()).anyMatch(n -> n.startsWith("No purchase funnel"));
    }

    @Test
    void noChartIsEmpty() {
        for (Dashboard d : List.of(eventDashboard, tableDashboard)) {
            d.charts().forEach((name, chart) -> assertThat(chart.getSeriesMap()).as(name).isNotEmpty());
        }
    }

    @Test
    void factsWithoutAnyBreakdownDimensionGiveNoBreakdownChartAndANote() {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < 50; i++) {
            b.addRow("s" + i, i % 5 == 0, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        Dashboard d = SampleDashboardMain.figures(b.build(), null, null).build();
        assertThat(d.charts().keySet()).containsExactly(Dashboard.KPIS);
        assertThat(d.notes()).anyMatch(n -> n.startsWith("No conversion breakdowns"));
        assertThat(d.html()).contains("No conversion breakdowns");
    }

    @Test
    void kpiTilesCarryTheModelAndItsBaseline() {
        KpiTilesChart tiles = (KpiTilesChart) eventDashboard.charts().get(Dashboard.KPIS);
        assertThat(tiles.getTiles()).extracting(KpiTile::getLabel)
                .containsExactly("Sessions", "Purchases", "Conversion rate", "Model accuracy", "ROC AUC");
        assertThat(tiles.getSeriesMap().get("Sessions").getValue()).isEqualTo("2,000");
        assertThat(tiles.getSeriesMap().get("Model accuracy").getCaption()).contains("always predicting");
    }

    @Test
    void breakdownChartCarriesRatesAndIntervalsInPercent() {
        CategoryChart c = (CategoryChart) tableDashboard.charts().get("conversion_by_visitor_type");
        var bd = Breakdowns.byAttribute(table.facts, SessionAttributes.VISITOR_TYPE, table.scores);
        var bars = c.getSeriesMap().get("conversion");
        List<?> x = List.copyOf(bars.getXData());
        List<? extends Number> y = List.copyOf(bars.getYData());
        var ci = c.getSeriesMap().get("| 95% CI");
        List<? extends Number> mids = List.copyOf(ci.getYData());
        List<? extends Number> halves = List.copyOf(ci.getExtraValues());
        assertThat(y).hasSize(bd.groups().size());
        for (int i = 0; i < bd.groups().size(); i++) {
            var g = bd.groups().get(i);
            assertThat(x.get(i)).isEqualTo(g.label());
            assertThat(y.get(i).doubleValue()).isCloseTo(100 * g.rate(), org.assertj.core.data.Offset.offset(1e-9));
            double mid = mids.get(i).doubleValue();
            double half = halves.get(i).doubleValue();
            assertThat(mid - half).isCloseTo(100 * g.interval().low(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(mid + half).isCloseTo(100 * g.interval().high(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(c.getYAxisTitle()).isEqualTo("conversion rate (%)");
    }

    @Test
    void importanceMarksNearOutcomeFeatures() {
        XYChart c = (XYChart) eventDashboard.charts().get(Dashboard.IMPORTANCE);
        assertThat(c.getSeriesMap()).containsKey("near outcome (not a driver)");
        assertThat(c.getSeriesMap().get("near outcome (not a driver)").getLineColor()).isEqualTo(ChartStyle.PURPLE);
        assertThat(c.getSeriesMap().get("near outcome (not a driver)").getXData()).containsExactly(0, 2.4);
    }

    @Test
    void writeAllWritesThePageTheImageAndEveryChartTwice(@TempDir Path dir) throws IOException {
        List<Path> files = eventDashboard.writeAll(dir);
        assertThat(dir.resolve("dashboard.png")).exists();
        assertThat(dir.resolve("dashboard.html")).exists();
        for (String name : eventDashboard.charts().keySet()) {
            assertThat(dir.resolve("charts/" + name + ".svg")).exists();
            assertThat(dir.resolve("charts/" + name + ".png")).exists();
        }
        assertThat(files).hasSize(2 + 2 * eventDashboard.charts().size());
        BufferedImage img = ImageIO.read(dir.resolve("dashboard.png").toFile());
        assertThat(img.getWidth()).isEqualTo(2 * 28 + 3 * ChartStyle.WIDTH + 2 * 18);
        assertThat(img.getHeight()).isGreaterThan(5 * ChartStyle.HEIGHT);
        BufferedImage roc = ImageIO.read(dir.resolve("charts/roc.png").toFile());
        assertThat(roc.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(roc.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        assertThat(Files.readString(dir.resolve("charts/roc.svg"))).startsWith("<?xml").contains("<svg");
    }

    @Test
    void writeAllOnParallelWorkersGivesTheSameBytesAsSerialRendering(@TempDir Path dir) throws IOException {
        java.util.concurrent.ForkJoinPool pool = Workers.newPool(3, "dashboard-test");
        try {
            Dashboard d = SampleDashboardMain.builder(table, "Table", "synthetic table")
                    .workers(Workers.of(pool)).build();
            d.writeAll(dir);
            Dashboard serial = SampleDashboardMain.builder(table, "Table", "synthetic table")
                    .workers(Workers.callerOnly()).build();
            for (Map.Entry<String, org.knowm.xchart.internal.chartpart.Chart<?, ?>> e : serial.charts().entrySet()) {
                assertThat(Files.readAllBytes(dir.resolve("charts/" + e.getKey() + ".svg"))).as(e.getKey() + ".svg")
                        .isEqualTo(SvgGraphics.draw(e.getValue(), e.getKey()).documentBytes());
                assertThat(Files.readAllBytes(dir.resolve("charts/" + e.getKey() + ".png"))).as(e.getKey() + ".png")
                        .isEqualTo(ChartFiles.png(e.getValue()));
            }
            assertThat(Files.readAllBytes(dir.resolve("dashboard.png"))).isEqualTo(serial.png());
            assertThat(Files.readString(dir.resolve("dashboard.html"))).isEqualTo(serial.html());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void htmlIsSelfContained() {
        String html = eventDashboard.html();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContainIgnoringCase("http:")
                .doesNotContainIgnoringCase("https:").doesNotContain("<script").doesNotContain("<link")
                .doesNotContain("<img").doesNotContainPattern("url\\((?!#)").doesNotContainPattern("(src|href)=");
        assertThat(html).contains("How the model was evaluated").contains("stratified 5-fold cross-validation");
        assertThat(html).contains("<h2>Insights</h2>");
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertThat(seen.add(ids.group(1))).as("id %s is unique", ids.group(1)).isTrue();
        }
    }

    @Test
    void htmlEscapesEveryTextFromTheData() {
        String hostile = "<script>alert('x')</script> \"q\" & Co\u0000\u0007\u001b[31m\u0085";
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < 200; i++) {
            b.addRow("s" + i, i % 4 == 0, SessionFacts.UNKNOWN_START, 30.0 * i, 0, 0,
                    Map.of(SessionAttributes.TRAFFIC_SOURCE, i % 2 == 0 ? hostile : "direct"));
        }
        SessionFacts facts = b.build();
        boolean[] labels = facts.labels();
        double[] scores = new double[labels.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = labels[i] ? 0.4 + (i % 7) / 20.0 : 0.1 + (i % 9) / 20.0;
        }
        EvaluationProtocol p = EvaluationProtocol.holdout(0.25, 1);
        EvaluationResult r = EvaluationResult.of(p, labels, scores, Splits.assign(p, labels), 0.5);
        Dashboard d = SampleDashboardMain.figures(facts, scores, r)
                .title(hostile)
                .dataDescription(hostile)
                .evaluation(r)
                .importance(Importance.fromCoefficients(new String[] {hostile, "b"}, new double[] {1, -1},
                        Set.of(hostile)))
                .insights(List.of(new Insight(Insight.Kind.STRONG_SEGMENT, hostile, Map.of(hostile, 1.0))))
                .note(hostile)
                .build();
        String html = d.html();
        assertThat(html).doesNotContain("<script").doesNotContain("alert('x')").doesNotContain("\"q\" & Co");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;q&quot; &amp; Co"
                + "\uFFFD\uFFFD\uFFFD[31m\uFFFD");
        assertThat(html.chars()).noneMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F));
        assertThat(html).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:");
        // the SVG texts (the tiles) are escaped too, and each chart's markup is well-formed XML
        for (var e : d.charts().entrySet()) {
            String svg = SvgGraphics.draw(e.getValue(), e.getKey()).document();
            assertThat(svg).as(e.getKey()).doesNotContain("<script");
            assertThat(svg.chars()).as(e.getKey()).noneMatch(c -> c < 0x20 && c != '\n');
        }
    }

    @Test
    void buildNeedsKpis() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dashboard.builder().build());
        assertThat(e).hasMessageContaining("needs kpis(...)");
    }

    @Test
    void kpisAloneMakeATilesOnlyDashboard() {
        Dashboard d = Dashboard.builder().kpis(Kpis.of(events.facts)).build();
        assertThat(d.charts().keySet()).containsExactly(Dashboard.KPIS);
        assertThat(d.png()).isNotEmpty();
    }

    @Test
    void aDashboardComputesNoFigureItWasNotGiven() {
        EvaluationProtocol p = EvaluationProtocol.crossValidation(5, 42);
        EvaluationResult r = EvaluationResult.of(p, events.labels, events.scores, Splits.assign(p, events.labels), 0.5);
        Kpis withoutModel = Kpis.of(events.facts);
        Dashboard d = Dashboard.builder().kpis(withoutModel).evaluation(r).build();
        assertThat(d.kpis()).isSameAs(withoutModel);
        assertThat(d.kpis().modelQuality()).isEmpty();
        assertThat(d.breakdowns()).isEmpty();
        assertThat(d.funnel()).isEmpty();
        assertThat(d.charts().keySet()).contains(Dashboard.ROC).noneMatch(n -> n.startsWith(Dashboard.BREAKDOWN_PREFIX))
                .doesNotContain(Dashboard.FUNNEL);
        assertThat(d.notes()).anyMatch(n -> n.startsWith("No conversion breakdowns"))
                .noneMatch(n -> n.startsWith("No purchase funnel"));
    }

    @Test
    void aSessionTableOrAFunnelWithoutMiddleStepsSaysWhyThereIsNoFunnelChart() {
        Dashboard table = Dashboard.builder().kpis(Kpis.of(SampleData.table(100, 1).facts)).sessionTable().build();
        assertThat(table.notes()).contains("No purchase funnel: the data has no product-view, cart or checkout "
                + "events (it is a table of sessions, not an event log).");
        Funnel bare = new Funnel(List.of(new Funnel.Step(Funnel.SESSIONS, 10, 1, 0),
                new Funnel.Step(Funnel.PURCHASED, 2, 0.2, 0.8)), List.of("Viewed a product"));
        Dashboard log = Dashboard.builder().kpis(Kpis.of(SampleData.events(100, 1).facts)).funnel(bare).build();
        assertThat(log.charts()).doesNotContainKey(Dashboard.FUNNEL);
        assertThat(log.notes()).contains("No purchase funnel: the data has no product-view, cart or checkout "
                + "events.");
    }

    @Test
    void showFailsClearlyWhenHeadless() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> eventDashboard.show());
        assertThat(e).hasMessageContaining("cannot open a window").hasMessageContaining("headless");
    }

    @Test
    void chartNamesAreSafeFileNames() {
        assertThat(Dashboard.sanitize("Traffic Source/../x")).isEqualTo("traffic_source_x");
        assertThat(Dashboard.sanitize("<>")).isEqualTo("dimension");
    }
}
