package dev.propensity.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.swing.JFrame;

import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes single charts as PNG or SVG (to bytes or to a file, with exactly the path given: no extension is
 * appended), and opens charts in a window. Rendering to bytes or files works without a display.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * Makes AWT headless when nothing has decided yet and there is no display, so that rendering never tries to
     * reach a window system. Called by every writer; harmless to call again.
     */
    static void headlessUnlessDisplay() {
        if (System.getProperty("java.awt.headless") != null) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean unixLike = !os.contains("win") && !os.contains("mac");
        if (unixLike && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * The chart as PNG bytes at its own size.
     *
     * @param chart the chart
     * @return PNG bytes
     */
    public static byte[] png(Chart<?, ?> chart) {
        return encodePng(image(chart));
    }

    /**
     * The chart painted on a white image of its own size.
     *
     * @param chart the chart
     * @return an RGB image
     */
    public static BufferedImage image(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        headlessUnlessDisplay();
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Encodes an opaque image as PNG (RGB, fast compression; charts are mostly flat colour, so files stay small).
     *
     * @param image the image
     * @return PNG bytes
     */
    static byte[] encodePng(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /**
     * The chart as a standalone SVG document (UTF-8) at its own size.
     *
     * @param chart the chart
     * @return SVG bytes
     */
    public static byte[] svg(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        headlessUnlessDisplay();
        String direct = SvgWriter.write(chart);
        return direct != null ? direct.getBytes(StandardCharsets.UTF_8) : encoderSvg(chart);
    }

    /**
     * The chart's SVG through XChart's {@code VectorGraphicsEncoder} (an XML DOM serialised by an XSLT
     * transformer), with font fallbacks and shortened path data: what {@link SvgWriter} reproduces faster, and
     * what it falls back to for drawings it does not handle. One chart at a time: the encoder formats numbers
     * through a shared {@code DecimalFormat}, which is not thread-safe.
     */
    static byte[] encoderSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            synchronized (ENCODER_LOCK) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding failed for chart '" + chart.getTitle() + "'", e);
        }
        String svg = shortenNumbers(withFontFallback(new String(out.toByteArray(), StandardCharsets.UTF_8)));
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static final Object ENCODER_LOCK = new Object();

    private static final java.util.regex.Pattern FONT_FAMILY =
            java.util.regex.Pattern.compile("font-family:((?:&quot;[^&]*&quot;)|[^;\"&]+);");

    private static final java.util.regex.Pattern LONG_DECIMAL = java.util.regex.Pattern.compile("(\\d\\.\\d{2})\\d+");
    private static final java.util.regex.Pattern PATH_DATA = java.util.regex.Pattern.compile(" d=\"([^\"]*)\"");

    /**
     * Cuts path coordinates to two decimals (a hundredth of a pixel): XChart draws text as glyph outlines, and
     * full double precision doubles the file size for nothing. Only path data is touched, never text.
     */
    static String shortenNumbers(String svg) {
        java.util.regex.Matcher m = PATH_DATA.matcher(svg);
        StringBuilder b = new StringBuilder(svg.length());
        while (m.find()) {
            String d = LONG_DECIMAL.matcher(m.group(1)).replaceAll("$1");
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(" d=\"" + d + "\""));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Adds generic fallbacks to every font-family, so a browser without the JVM's font still uses sans-serif. */
    static String withFontFallback(String svg) {
        return FONT_FAMILY.matcher(svg).replaceAll("font-family:$1,Helvetica,Arial,sans-serif;");
    }

    /**
     * The chart as an {@code <svg>} element for embedding in HTML: the SVG document without its XML prolog and
     * doctype, scaled to the width of its container.
     *
     * @param chart the chart
     * @return the svg element's markup
     */
    public static String inlineSvg(Chart<?, ?> chart) {
        return inline(new String(svg(chart), StandardCharsets.UTF_8), chart.getWidth(), chart.getHeight(), "c"
                + Integer.toHexString(System.identityHashCode(chart)));
    }

    /**
     * The svg element of an SVG document, scalable, with every id (and reference to it) prefixed so that several
     * charts can share one HTML page without id clashes.
     */
    static String inline(String svgDocument, int width, int height, String idPrefix) {
        int start = svgDocument.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("SVG encoder produced no <svg> element");
        }
        String svg = svgDocument.substring(start);
        int tagEnd = svg.indexOf('>');
        String tag = svg.substring(0, tagEnd);
        String rest = svg.substring(tagEnd);
        // make it scale with the page: fixed width/height out, viewBox in
        tag = tag.replaceAll("\\s(width|height|x|y)=\"[^\"]*\"", "");
        // HTML puts <svg> in the SVG namespace by itself: drop the namespace URIs (no http: text in the page)
        tag = tag.replaceAll("\\sxmlns(:\\w+)?=\"[^\"]*\"", "");
        if (!tag.contains("viewBox")) {
            tag += " viewBox=\"0 0 " + width + " " + height + "\"";
        }
        tag += " width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\"";
        rest = rest.replace(" id=\"", " id=\"" + idPrefix + "-").replace("url(#", "url(#" + idPrefix + "-");
        return tag + rest;
    }

    /**
     * Writes the chart as PNG to exactly this path (parent folders are created).
     *
     * @param chart the chart
     * @param file  the target file
     * @throws IOException when writing fails
     */
    public static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        write(file, png(chart));
    }

    /**
     * Writes the chart as SVG to exactly this path (parent folders are created).
     *
     * @param chart the chart
     * @param file  the target file
     * @throws IOException when writing fails
     */
    public static void writeSvg(Chart<?, ?> chart, Path file) throws IOException {
        write(file, svg(chart));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, bytes);
    }

    /**
     * Opens the charts in one window (a grid when there are several), for interactive use.
     *
     * @param charts the charts, at least one
     * @return the window
     * @throws IllegalStateException when there is no display (headless JVM, or no DISPLAY on Linux)
     */
    public static JFrame showInWindow(List<? extends Chart<?, ?>> charts) {
        Objects.requireNonNull(charts, "charts");
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("no charts to show");
        }
        requireDisplay();
        List<Chart<?, ?>> list = List.copyOf(charts);
        @SuppressWarnings({"rawtypes", "unchecked"})
        SwingWrapper<?> w = list.size() == 1 ? new SwingWrapper(list.get(0)) : new SwingWrapper(list);
        w.setTitle("Propensity");
        return list.size() == 1 ? w.displayChart() : w.displayChartMatrix();
    }

    static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("cannot open a window: this JVM is headless (java.awt.headless="
                    + System.getProperty("java.awt.headless") + ", DISPLAY=" + System.getenv("DISPLAY")
                    + "); write the charts to files instead (Dashboard.writeAll, ChartFiles.writePng)");
        }
    }
}
