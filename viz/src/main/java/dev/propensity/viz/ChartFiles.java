package dev.propensity.viz;

import dev.propensity.core.io.SafeOutput;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javax.swing.JFrame;

import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes single charts as PNG or SVG (to bytes or to a file, with exactly the path given: no extension is
 * appended), and opens charts in a window.
 *
 * <p>Rendering to bytes or files works without a display and sets no system property. On JDK 17 under Linux (and
 * the other Unix systems AWT supports) a JVM without {@code DISPLAY} in its environment is headless by itself. A
 * {@code DISPLAY} that names no reachable X server makes the first rendering fail with "Can't connect to X11 window
 * server"; start such a JVM with {@code -Djava.awt.headless=true}, as the {@code propensity} launcher does. Windows
 * and macOS need no setting.
 */
public final class ChartFiles {
    private ChartFiles() {
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
     * The chart as a standalone SVG document (UTF-8) at its own size, drawn by the project's own SVG writer: shapes
     * as SVG elements, XChart's texts as glyph outlines, the KPI tiles' texts as text in the chart's font family with
     * a generic fallback. The document is self-contained (no external references).
     *
     * @param chart the chart
     * @return SVG bytes
     */
    public static byte[] svg(Chart<?, ?> chart) {
        return SvgGraphics.draw(chart, "chart").documentBytes();
    }

    /**
     * The chart as an {@code <svg>} element for embedding in HTML: no XML prolog and no namespace declarations,
     * scaled to the width of its container, its ids unique to this call so that several charts can share a page.
     *
     * @param chart the chart
     * @return the svg element's markup
     */
    public static String inlineSvg(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        return SvgGraphics.draw(chart, "c" + Integer.toHexString(System.identityHashCode(chart))).element();
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

    /** Writes atomically (a temporary file beside, then a rename that replaces a link instead of following it). */
    static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(file, "file");
        SafeOutput.write(file, bytes);
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
