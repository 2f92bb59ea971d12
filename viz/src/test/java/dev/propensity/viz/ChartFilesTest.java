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
    void svgIsAStandaloneDocumentAndInlineSvgAnElementForHtml() {
        KpiTilesChart c = new KpiTilesChart(300, 100);
        c.addTile("a", "1", null);
        String doc = new String(ChartFiles.svg(c), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(doc).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains(" width=\"300\" height=\"100\" viewBox=\"0 0 300 100\"").endsWith("</svg>\n");
        String inline = ChartFiles.inlineSvg(c);
        assertThat(inline).startsWith("<svg version=\"1.1\" viewBox=\"0 0 300 100\" width=\"100%\"")
                .doesNotContain("http").doesNotContain("<?xml").endsWith("</svg>");
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
