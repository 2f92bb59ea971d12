package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {

    @Test
    void inlineSvgDropsPrologNamespacesAndFixedSize() {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "height=\"440px\" version=\"1.1\" viewBox=\"0 0 640 440\" width=\"640px\" x=\"0px\" y=\"0px\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><clipPath id=\"clip1\"/><rect x=\"1\" y=\"2\" width=\"3\" "
                + "height=\"4\" clip-path=\"url(#clip1)\"/></svg>";
        String svg = ChartFiles.inline(doc, 640, 440, "roc");
        assertThat(svg).startsWith("<svg").doesNotContain("http").doesNotContain("DOCTYPE")
                .contains("viewBox=\"0 0 640 440\"").contains("width=\"100%\"")
                .contains("<clipPath id=\"roc-clip1\"/>").contains("clip-path=\"url(#roc-clip1)\"")
                .contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"");
    }

    @Test
    void pathDataIsShortenedButTextIsNot() {
        String svg = "<path d=\"M1.123456 2.5 L-3.98765,4\"/><text x=\"1.23456\">0.78125</text>";
        assertThat(ChartFiles.shortenNumbers(svg))
                .isEqualTo("<path d=\"M1.12 2.5 L-3.98,4\"/><text x=\"1.23456\">0.78125</text>");
    }

    @Test
    void fontFamiliesGetAGenericFallback() {
        assertThat(ChartFiles.withFontFallback("style=\"font-family:&quot;DejaVu Sans&quot;;font-size:15px;\""))
                .isEqualTo("style=\"font-family:&quot;DejaVu Sans&quot;,Helvetica,Arial,sans-serif;font-size:15px;\"");
    }

    @Test
    void writersUseExactlyThePathGiven(@TempDir Path dir) throws IOException {
        KpiTilesChart c = new KpiTilesChart(300, 100);
        c.addTile("a", "1", null);
        Path png = dir.resolve("sub/x.image");
        ChartFiles.writePng(c, png);
        Path svg = dir.resolve("y.vector");
        ChartFiles.writeSvg(c, svg);
        assertThat(png).exists();
        assertThat(svg).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sub", "y.vector");
        }
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(svg)).contains("<svg");
    }

    @Test
    void pngEncoderRoundTripsEveryPixel() throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(37, 23,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(5);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, r.nextInt(4) == 0 ? r.nextInt(0x1000000) : 0x336699);
            }
        }
        java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(PngEncoder.encode(img)));
        assertThat(back.getWidth()).isEqualTo(37);
        assertThat(back.getHeight()).isEqualTo(23);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void showInWindowNeedsCharts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChartFiles.showInWindow(List.of()));
        assertThat(e).hasMessageContaining("no charts to show");
    }

    @Test
    void showInWindowFailsClearlyWhenHeadless() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless());
        KpiTilesChart c = new KpiTilesChart(300, 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChartFiles.showInWindow(List.of(c)));
        assertThat(e).hasMessageContaining("cannot open a window").hasMessageContaining("write the charts to files");
    }
}
