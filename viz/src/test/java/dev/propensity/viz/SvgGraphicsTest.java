package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The project's own SVG output: well-formed, self-contained, the chart's data in it, every text escaped. */
class SvgGraphicsTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final List<Dashboard> DASHBOARDS = new ArrayList<>();

    @BeforeAll
    static void build() {
        DASHBOARDS.add(SampleDashboardMain.build(SampleData.events(2000, 3), "Events", "synthetic events"));
        DASHBOARDS.add(SampleDashboardMain.build(SampleData.table(2000, 4), "Table", "synthetic table"));
    }

    /** Parses an SVG document as namespace-aware XML, refusing any DTD. */
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document d, String name) {
        NodeList nodes = d.getElementsByTagNameNS(SVG_NS, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The first element drawn: the root's first child element that is not the definitions. */
    private static Element firstDrawn(Element root) {
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && !"defs".equals(n.getLocalName())) {
                return (Element) n;
            }
        }
        throw new AssertionError("nothing drawn");
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    @Test
    void everyDashboardChartIsWellFormedSelfContainedSvgWithItsClipsDefined() throws Exception {
        int charts = 0;
        for (Dashboard d : DASHBOARDS) {
            for (Map.Entry<String, Chart<?, ?>> e : d.charts().entrySet()) {
                String name = e.getKey();
                Chart<?, ?> c = e.getValue();
                String svg = SvgGraphics.draw(c, name).document();
                Document doc = parse(svg);
                Element root = doc.getDocumentElement();
                assertThat(root.getNamespaceURI()).as(name).isEqualTo(SVG_NS);
                assertThat(root.getLocalName()).isEqualTo("svg");
                assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(c.getWidth()));
                assertThat(root.getAttribute("height")).isEqualTo(Integer.toString(c.getHeight()));
                // the chart's background first, covering it
                Element first = firstDrawn(root);
                assertThat(first.getLocalName()).as(name).isEqualTo("rect");
                assertThat(first.getAttribute("width")).isEqualTo(Integer.toString(c.getWidth()));
                assertThat(first.getAttribute("fill")).isEqualTo("#ffffff");
                // every reference points at a clip defined in this drawing, every id carries the prefix
                Set<String> ids = new HashSet<>();
                for (Element clip : elements(doc, "clipPath")) {
                    assertThat(clip.getAttribute("id")).startsWith(name + "-");
                    ids.add(clip.getAttribute("id"));
                }
                Matcher refs = Pattern.compile("url\\(#([^)]+)\\)").matcher(svg);
                while (refs.find()) {
                    assertThat(ids).as(name).contains(refs.group(1));
                }
                assertThat(svg).as(name).doesNotContain(" style=").doesNotContain("NaN").doesNotContain("Infinity")
                        .doesNotContain("href=\"http").doesNotContain("<script");
                // coordinates carry at most two decimals (opacities three)
                assertThat(svg.replaceAll(">[^<]*</text>", ">")).as(name)
                        .doesNotContainPattern("(?<!opacity=\")[0-9]+\\.[0-9]{3,}");
                charts++;
            }
        }
        assertThat(charts).isGreaterThan(20);
    }

    @Test
    void kpiTilesAreTextElementsWithTheirLabelsValuesAndCaptions() throws Exception {
        KpiTilesChart c = new KpiTilesChart(900, 170);
        c.addTile("Sessions", "12,330", "UCI Online Shoppers");
        c.addTile("Conversion rate", "15.5%", null);
        List<String> texts = new ArrayList<>();
        for (Element t : elements(parse(SvgGraphics.draw(c, "k").document()), "text")) {
            texts.add(t.getTextContent());
            assertThat(t.getAttribute("font-family")).endsWith("sans-serif");
            assertThat(t.getAttribute("font-size")).isNotEmpty();
        }
        assertThat(texts).containsExactly("Sessions", "12,330", "UCI Online Shoppers", "Conversion rate", "15.5%");
    }

    @Test
    void barsAreRectanglesOfTheSeriesColourWithTheDataHeights() throws Exception {
        CategoryChart c = ChartStyle.apply(new CategoryChart(640, 440));
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(100.0);
        CategorySeries s = c.addSeries("conversion", List.of("a", "b", "c"), List.of(10.0, 40.0, 80.0));
        s.setFillColor(ChartStyle.BLUE);
        List<Double> heights = new ArrayList<>();
        Document doc = parse(SvgGraphics.draw(c, "bars").document());
        for (String tag : List.of("rect", "path")) {
            for (Element e : elements(doc, tag)) {
                if (hex(ChartStyle.BLUE).equals(e.getAttribute("fill"))) {
                    heights.add(tag.equals("rect") ? Double.parseDouble(e.getAttribute("height"))
                            : pathHeight(e.getAttribute("d")));
                }
            }
        }
        assertThat(heights).hasSize(3);
        // heights in proportion to the values 10 : 40 : 80 (to the hundredth of a pixel the writer keeps)
        assertThat(heights.get(1) / heights.get(0)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(heights.get(2) / heights.get(0)).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.02));
    }

    /** The vertical extent of a path's points. */
    private static double pathHeight(String d) {
        Matcher m = Pattern.compile("-?[0-9.]+,(-?[0-9.]+)").matcher(d);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        while (m.find()) {
            double y = Double.parseDouble(m.group(1));
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        return max - min;
    }

    @Test
    void aLineSeriesGoesThroughEveryPointInItsColour() throws Exception {
        XYChart c = ChartStyle.apply(new XYChart(640, 440));
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        double[] x = {0, 0.1, 0.25, 0.5, 0.75, 1};
        double[] y = {0, 0.4, 0.6, 0.8, 0.9, 1};
        XYSeries s = c.addSeries("model", x, y);
        s.setLineColor(ChartStyle.GREEN);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        List<double[]> segments = new ArrayList<>();
        for (Element l : elements(parse(SvgGraphics.draw(c, "line").document()), "line")) {
            if (hex(ChartStyle.GREEN).equals(l.getAttribute("stroke"))) {
                segments.add(new double[] {Double.parseDouble(l.getAttribute("x1")),
                    Double.parseDouble(l.getAttribute("y1")), Double.parseDouble(l.getAttribute("x2")),
                    Double.parseDouble(l.getAttribute("y2"))});
            }
        }
        // XChart draws the legend's sample in the series colour too: the plotted segments are the connected run
        List<double[]> run = new ArrayList<>();
        for (double[] seg : segments) {
            if (run.isEmpty() || (run.get(run.size() - 1)[2] == seg[0] && run.get(run.size() - 1)[3] == seg[1])) {
                run.add(seg);
            }
        }
        assertThat(run).hasSize(x.length - 1);
        double x0 = run.get(0)[0];
        double xScale = run.get(run.size() - 1)[2] - x0;
        double y0 = run.get(0)[1];
        double yScale = y0 - run.get(run.size() - 1)[3];
        for (int i = 1; i < x.length; i++) {
            double[] seg = run.get(i - 1);
            assertThat((seg[2] - x0) / xScale).as("x of point %d", i).isCloseTo(x[i],
                    org.assertj.core.data.Offset.offset(1e-3));
            assertThat((y0 - seg[3]) / yScale).as("y of point %d", i).isCloseTo(y[i],
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void textsFromTheDataAreEscapedAndReadBackUnchanged() throws Exception {
        String hostile = "<script>alert(\"x\")</script> & 'quoted' ]]> naïve €";
        KpiTilesChart c = new KpiTilesChart(900, 170);
        c.addTile(hostile, "1", "fine");
        String svg = SvgGraphics.draw(c, "t").document();
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;");
        assertThat(elements(parse(svg), "text").get(0).getTextContent()).isEqualTo(hostile);
    }

    @Test
    void controlCharactersAreDrawnAsGlyphOutlinesNotWrittenAsText() throws Exception {
        KpiTilesChart c = new KpiTilesChart(900, 170);
        c.addTile("tab\there\u0001bell\u0007", "\uD800lone", "fine");
        String svg = SvgGraphics.draw(c, "t").document();
        Document doc = parse(svg);
        List<String> texts = new ArrayList<>();
        for (Element t : elements(doc, "text")) {
            texts.add(t.getTextContent());
        }
        assertThat(texts).containsExactly("fine");
        assertThat(svg.chars()).noneMatch(ch -> ch < 0x20 && ch != '\n');
        // the two texts became filled outlines of their glyphs
        assertThat(elements(doc, "path")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void leadingAndRepeatedSpacesArePreserved() throws Exception {
        SvgDrawing d = SvgGraphics.draw(100, 50, "s", g -> {
            g.setColor(Color.BLACK);
            g.drawString("  two  spaces", 5, 20);
            g.drawString("plain", 5, 40);
        });
        List<Element> texts = elements(parse(d.document()), "text");
        assertThat(texts.get(0).getAttributeNS("http://www.w3.org/XML/1998/namespace", "space")).isEqualTo("preserve");
        assertThat(texts.get(0).getTextContent()).isEqualTo("  two  spaces");
        assertThat(texts.get(1).hasAttribute("xml:space")).isFalse();
    }

    @Test
    void shapesAreWrittenInDeviceSpaceWithTheirPaintAndStroke() {
        SvgDrawing d = SvgGraphics.draw(200, 100, "s", g -> {
            g.translate(10, 20);
            g.setColor(new Color(0, 114, 178));
            g.fill(new Rectangle2D.Double(1.004, 2.5, 30, 40.125));
            g.setColor(new Color(255, 0, 0, 128));
            g.fill(new Ellipse2D.Double(0, 0, 10, 20));
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 10f,
                    new float[] {6f, 4f}, 1f));
            g.draw(new Line2D.Double(0, 0, 5, 5));
        });
        assertThat(d.content()).isEqualTo(
                "<rect x=\"11\" y=\"22.5\" width=\"30\" height=\"40.13\" fill=\"#0072b2\"/>\n"
                + "<ellipse cx=\"15\" cy=\"30\" rx=\"5\" ry=\"10\" fill=\"#ff0000\" fill-opacity=\"0.502\"/>\n"
                + "<line x1=\"10\" y1=\"20\" x2=\"15\" y2=\"25\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.6\""
                + " stroke-linecap=\"round\" stroke-linejoin=\"bevel\" stroke-dasharray=\"6,4\" stroke-dashoffset=\"1\"/>\n");
    }

    @Test
    void rotatedDrawingKeepsItsTransformAndEvenOddPathsTheirRule() {
        SvgDrawing d = SvgGraphics.draw(200, 100, "s", g -> {
            g.setColor(Color.BLACK);
            g.rotate(-Math.PI / 2);
            g.drawString("y axis", -50f, 12f);
            Path2D.Double p = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            p.moveTo(0, 0);
            p.lineTo(4, 0);
            p.lineTo(4, 4);
            p.closePath();
            g.fill(p);
        });
        assertThat(d.content()).contains("<text x=\"-50\" y=\"12\"")
                .contains("transform=\"matrix(0 -1 1 0 0 0)\">y axis</text>")
                .contains("<path d=\"M0,0L4,0L4,4Z\" fill=\"#000000\" fill-rule=\"evenodd\" "
                        + "transform=\"matrix(0 -1 1 0 0 0)\"/>");
    }

    @Test
    void elementsUnderOneClipShareAGroupAndClipsAreDefinedOnce() {
        SvgDrawing d = SvgGraphics.draw(200, 100, "roc", g -> {
            g.setColor(Color.BLACK);
            Graphics2D inner = (Graphics2D) g.create();
            inner.translate(5, 5);
            inner.clipRect(0, 0, 50, 40);
            inner.fillRect(0, 0, 10, 10);
            inner.fillRect(20, 0, 10, 10);
            assertThat(inner.getClipBounds()).isEqualTo(new java.awt.Rectangle(0, 0, 50, 40));
            inner.dispose();
            g.fillRect(0, 0, 1, 1);
            g.setClip(new Rectangle2D.Double(5, 5, 50, 40));
            g.fillRect(60, 0, 1, 1);
        });
        assertThat(d.content()).isEqualTo("<defs>\n"
                + "<clipPath id=\"roc-clip1\"><rect x=\"5\" y=\"5\" width=\"50\" height=\"40\"/></clipPath>\n"
                + "</defs>\n"
                + "<g clip-path=\"url(#roc-clip1)\">\n"
                + "<rect x=\"5\" y=\"5\" width=\"10\" height=\"10\" fill=\"#000000\"/>\n"
                + "<rect x=\"25\" y=\"5\" width=\"10\" height=\"10\" fill=\"#000000\"/>\n"
                + "</g>\n"
                + "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\" fill=\"#000000\"/>\n"
                + "<g clip-path=\"url(#roc-clip1)\">\n"
                + "<rect x=\"60\" y=\"0\" width=\"1\" height=\"1\" fill=\"#000000\"/>\n"
                + "</g>\n");
    }

    @Test
    void nothingIsWrittenForInvisibleOrUndrawableShapes() {
        SvgDrawing d = SvgGraphics.draw(100, 100, "s", g -> {
            g.setColor(Color.BLACK);
            g.fill(new Rectangle2D.Double(0, 0, -5, 5)); // inside out: Java fills nothing
            g.fill(new Line2D.Double(0, 0, 5, 5)); // no inside
            g.fill(new Rectangle2D.Double(Double.NaN, 0, 5, 5));
            g.setColor(new Color(0, 0, 0, 0));
            g.fillRect(0, 0, 10, 10);
            g.setColor(Color.BLACK);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0f));
            g.fillRect(0, 0, 10, 10);
            g.setComposite(AlphaComposite.SrcOver);
            g.clipRect(0, 0, 0, 0);
            g.fillRect(0, 0, 10, 10);
        });
        assertThat(d.content()).isEmpty();
    }

    @Test
    void nonColourPaintsAndImagesAreEmbeddedAsPngImages() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0xFFFF0000);
        SvgDrawing d = SvgGraphics.draw(100, 100, "s", g -> {
            g.setPaint(new GradientPaint(0, 0, Color.RED, 50, 0, Color.BLUE));
            g.fillRect(10, 10, 50, 20);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
            g.drawImage(img, 70, 80, null);
        });
        List<Element> images = elements(parse(d.document()), "image");
        assertThat(images).hasSize(2);
        Element gradient = images.get(0);
        assertThat(gradient.getAttribute("x")).isEqualTo("10");
        assertThat(gradient.getAttribute("width")).isEqualTo("50");
        assertThat(gradient.getAttribute("height")).isEqualTo("20");
        Element picture = images.get(1);
        assertThat(picture.getAttribute("x")).isEqualTo("70");
        assertThat(picture.getAttribute("opacity")).isEqualTo("0.5");
        String href = picture.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        assertThat(href).startsWith("data:image/png;base64,");
        BufferedImage back = javax.imageio.ImageIO.read(new ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(href.substring("data:image/png;base64,".length()))));
        assertThat(back.getWidth()).isEqualTo(3);
        assertThat(back.getRGB(0, 0)).isEqualTo(0xFFFF0000);
        assertThat(back.getRGB(1, 1) >>> 24).isZero();
    }

    @Test
    void fontMetricsAreThoseOfAnImageWithTheSameHints() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D reference = img.createGraphics();
        reference.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        reference.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, 17);
        String text = "Conversion by hour of day";
        double[] widths = new double[2];
        SvgGraphics.draw(10, 10, "m", g -> {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            assertThat(g.getFontRenderContext()).isEqualTo(reference.getFontRenderContext());
            widths[0] = f.getStringBounds(text, g.getFontRenderContext()).getWidth();
            widths[1] = g.getFontMetrics(f).stringWidth(text);
        });
        assertThat(widths[0]).isEqualTo(f.getStringBounds(text, reference.getFontRenderContext()).getWidth());
        assertThat(widths[1]).isEqualTo(reference.getFontMetrics(f).stringWidth(text));
        reference.dispose();
    }

    @Test
    void clipIsReportedInUserSpaceAndIntersected() {
        SvgGraphics.draw(100, 100, "c", g -> {
            assertThat(g.getClip()).isNull();
            g.translate(10, 10);
            g.clipRect(0, 0, 50, 50);
            g.clip(new Rectangle2D.Double(25, 25, 100, 100));
            assertThat(g.getClip().getBounds2D()).isEqualTo(new Rectangle2D.Double(25, 25, 25, 25));
            g.setClip(null);
            assertThat(g.getClip()).isNull();
        });
    }

    @Test
    void copyAreaIsRefusedWithAReason() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SvgGraphics.draw(10, 10, "c", g -> g.copyArea(0, 0, 5, 5, 1, 1)));
        assertThat(e).hasMessageContaining("copyArea cannot be drawn as SVG");
    }

    @Test
    void idPrefixAndSizeAreChecked() {
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> SvgGraphics.draw(10, 10, "1\"><script>", g -> { }));
        assertThat(prefix).hasMessageContaining("id prefix must start with a letter").hasMessageContaining("1\"><script>");
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> SvgGraphics.draw(0, 10, "a", g -> { }));
        assertThat(size).hasMessageContaining("at least 1 x 1 pixel, was 0 x 10");
    }

    @Test
    void numbersAreRoundedToTheirScaleWithoutTrailingZeros() {
        Object[][] cases = {{0.0, 100, "0"}, {-0.0, 100, "0"}, {-0.004, 100, "0"}, {12.0, 100, "12"},
            {12.5, 100, "12.5"}, {-3.25, 100, "-3.25"}, {1.005001, 100, "1.01"}, {2.999, 100, "3"},
            {0.1 + 0.2, 100, "0.3"}, {123456.789, 100, "123456.79"}, {0.70710678, 1_000_000, "0.707107"},
            {128 / 255.0, 1000, "0.502"}, {1e20, 100, "1.0E20"}};
        for (Object[] c : cases) {
            StringBuilder b = new StringBuilder();
            SvgGraphics.decimal(b, (Double) c[0], (Integer) c[1]);
            assertThat(b.toString()).as("%s at %s", c[0], c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void textsWithControlCharactersOrLoneSurrogatesAreNotPlain() {
        assertThat(SvgGraphics.plainText("Conversion rate 17.7% – naïve €")).isTrue();
        assertThat(SvgGraphics.plainText("emoji \uD83D\uDE00")).isTrue();
        assertThat(SvgGraphics.plainText("tab\t")).isFalse();
        assertThat(SvgGraphics.plainText("c1 \u0085")).isFalse();
        assertThat(SvgGraphics.plainText("lone \uD83D")).isFalse();
        assertThat(SvgGraphics.plainText("\uDE00 lone")).isFalse();
        assertThat(SvgGraphics.plainText("\uFFFF")).isFalse();
    }
}
