package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;

/** The direct SVG writer must write exactly what XChart's encoder (plus the post-processing) writes. */
class SvgWriterTest {
    private static final List<Dashboard> DASHBOARDS = new ArrayList<>();

    @BeforeAll
    static void build() {
        DASHBOARDS.add(SampleDashboardMain.build(SampleData.events(2000, 3), "Events", "synthetic events"));
        DASHBOARDS.add(SampleDashboardMain.build(SampleData.table(2000, 4), "Table", "synthetic table"));
    }

    @Test
    void everyDashboardChartIsWrittenDirectlyAndByteForByteAsTheEncoderWritesIt() {
        int charts = 0;
        for (Dashboard d : DASHBOARDS) {
            for (Map.Entry<String, Chart<?, ?>> e : d.charts().entrySet()) {
                String direct = SvgWriter.write(e.getValue());
                assertThat(direct).as("%s is written directly", e.getKey()).isNotNull();
                String encoder = new String(ChartFiles.encoderSvg(e.getValue()), StandardCharsets.UTF_8);
                assertThat(firstDifference(direct, encoder)).as(e.getKey()).isEmpty();
                assertThat(direct).as(e.getKey()).isEqualTo(encoder);
                charts++;
            }
        }
        assertThat(charts).isGreaterThan(20);
    }

    @Test
    void textsWithMarkupQuotesAndAccentsMatchTheEncoder() {
        KpiTilesChart c = new KpiTilesChart(900, 170);
        c.addTile("<b>Sales & \"returns\"</b>", "1,234 €", "naïve – 'quoted' > 5%");
        c.addTile("plain", "0.5", null);
        String direct = SvgWriter.write(c);
        assertThat(direct).isNotNull().contains("&lt;b&gt;Sales &amp; \"returns\"&lt;/b&gt;").contains("1,234 €");
        String encoder = new String(ChartFiles.encoderSvg(c), StandardCharsets.UTF_8);
        assertThat(firstDifference(direct, encoder)).isEmpty();
        assertThat(direct).isEqualTo(encoder);
    }

    @Test
    void controlCharactersAreLeftToTheEncoder() {
        KpiTilesChart c = new KpiTilesChart(400, 170);
        c.addTile("tab\there", "1", null);
        assertThat(SvgWriter.write(c)).isNull();
        assertThat(ChartFiles.svg(c)).isEqualTo(ChartFiles.encoderSvg(c));
    }

    @Test
    void numbersAreFormattedAsTheEncodersDecimalFormat() {
        DecimalFormat d = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        d.setMaximumFractionDigits(15);
        DecimalFormat f = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setMaximumFractionDigits(6);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 440.0, 1e-5, -3.2e-9, 1e7, 1.5e7,
                123456789.125, 0.1 + 0.2, 235 / 255.0, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, 65.6376953125,
                -0.0000001, 9999999.999999999));
        Random r = new Random(11);
        for (int i = 0; i < 20000; i++) {
            double scale = Math.pow(10, r.nextInt(14) - 6);
            values.add((r.nextDouble() - 0.3) * scale);
            values.add(Math.rint(r.nextGaussian() * 1000) / 8);
        }
        for (double v : values) {
            StringBuilder b = new StringBuilder();
            SvgWriter.fmt(b, v);
            assertThat(b.toString()).as("double %s", v).isEqualTo(d.format(v));
            float x = (float) v;
            StringBuilder c = new StringBuilder();
            SvgWriter.fmt(c, x);
            assertThat(c.toString()).as("float %s", x).isEqualTo(f.format((double) x));
        }
    }

    @Test
    void pathNumbersAreCutAsShortenNumbersCutsThem() {
        DecimalFormat d = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        d.setMaximumFractionDigits(15);
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(16) - 8);
            if (i % 5 == 0) {
                v = (float) v;
            }
            StringBuilder b = new StringBuilder(" d=\"M");
            SvgWriter.shortNumber(b, v);
            b.append('"');
            assertThat(b.toString()).as("%s", v)
                    .isEqualTo(ChartFiles.shortenNumbers(" d=\"M" + d.format(v) + "\""));
            StringBuilder t = new StringBuilder(" d=\"L");
            SvgWriter.cut(t, Double.toString(v));
            t.append('"');
            assertThat(t.toString()).as("%s", v).isEqualTo(ChartFiles.shortenNumbers(" d=\"L" + v + "\""));
        }
    }

    /** The first line where the two texts differ (short, for a readable failure), or empty. */
    private static String firstDifference(String actual, String expected) {
        String[] a = actual.split("\n", -1);
        String[] b = expected.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<none>";
            String y = i < b.length ? b[i] : "<none>";
            if (!x.equals(y)) {
                int k = 0;
                while (k < Math.min(x.length(), y.length()) && x.charAt(k) == y.charAt(k)) {
                    k++;
                }
                int from = Math.max(0, k - 80);
                return "line " + (i + 1) + ": actual ..." + x.substring(from, Math.min(x.length(), k + 80))
                        + "\n expected ..." + y.substring(Math.min(from, y.length()), Math.min(y.length(), k + 80));
            }
        }
        return "";
    }
}
