package dev.propensity.viz;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Prepares the rendering machinery in a background thread while a dashboard's figures are computed: loads and
 * initialises Java2D, the fonts, XChart and the SVG writer by drawing two small throw-away charts, and looks up
 * the physical font behind {@link ChartStyle#FONT} (VectorGraphics2D lays out a sentence in every installed font
 * to find it). In a fresh JVM this is most of the first dashboard's cost, and the thread that computes the
 * breakdowns leaves the other core idle meanwhile. Nothing it does changes what is written: it only fills
 * caches and the JVM's loaded classes.
 */
final class Warmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private Warmup() {
    }

    /** Starts the warm-up once per JVM (a daemon thread; later calls do nothing). */
    static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warmup::run, "propensity-viz-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /**
     * Waits for the warm-up to finish (for tests).
     *
     * @throws InterruptedException when interrupted while waiting
     */
    static void await() throws InterruptedException {
        DONE.await();
    }

    private static void run() {
        try {
            ChartFiles.headlessUnlessDisplay();
            SvgWriter.physicalFamily(new Font(ChartStyle.FONT, Font.PLAIN, 13));
            SvgWriter.physicalFamily(new Font(ChartStyle.FONT, Font.BOLD, 13));
            XYChart xy = ChartStyle.apply(new XYChart(160, 120));
            xy.setTitle("warm-up");
            xy.setXAxisTitle("x");
            xy.setYAxisTitle("y");
            xy.addSeries("a", new double[] {0, 0.5, 1}, new double[] {0, 0.7, 1});
            CategoryChart bars = ChartStyle.apply(new CategoryChart(160, 120));
            bars.setTitle("warm-up");
            bars.addSeries("b", new double[] {1, 2}, new double[] {0.3, 0.6});
            KpiTilesChart tiles = new KpiTilesChart(160, 120);
            tiles.addTile("a", "1", "b");
            for (Chart<?, ?> c : List.of(xy, bars, tiles)) {
                BufferedImage img = ChartFiles.image(c);
                PngEncoder.encode(img);
                SvgWriter.write(c);
            }
        } catch (RuntimeException | LinkageError e) {
            // a failed warm-up only means the first dashboard pays the start-up cost itself
        } finally {
            DONE.countDown();
        }
    }
}
