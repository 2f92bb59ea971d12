package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class KpiTilesChartTest {

    private static KpiTilesChart sample() {
        KpiTilesChart c = new KpiTilesChart(1200, 160);
        c.addTile("Sessions", "12,330", null);
        c.addTile("Conversion rate", "15.5%", "95% CI 14.9% to 16.1%");
        return c;
    }

    @Test
    void tilesKeepTheirOrderAndText() {
        KpiTilesChart c = sample();
        assertThat(c.getTiles()).extracting(KpiTile::getLabel).containsExactly("Sessions", "Conversion rate");
        assertThat(c.getSeriesMap().get("Conversion rate").getValue()).isEqualTo("15.5%");
        assertThat(c.getTiles().get(0).getCaption()).isEmpty();
    }

    @Test
    void duplicateLabelIsRejected() {
        KpiTilesChart c = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.addTile("Sessions", "1", ""));
        assertThat(e).hasMessageContaining("'Sessions' already exists");
    }

    @Test
    void rendersToPngOfItsSize() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ChartFiles.png(sample())));
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(160);
    }

    @Test
    void rendersToSvgWithTheTextsOfTheTiles() {
        String svg = new String(ChartFiles.svg(sample()), StandardCharsets.UTF_8);
        assertThat(svg).contains("<svg").contains("12,330").contains("Conversion rate");
    }

    @Test
    void sizeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KpiTilesChart(0, 10));
        assertThat(e).hasMessageContaining("width must be >= 1 pixel, was 0");
    }
}
