package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WarmupTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void builderStartsTheWarmUpWhichResolvesTheChartFontsPhysicalFamily() throws InterruptedException {
        Dashboard.builder();
        Warmup.await();
        Warmup.start(); // once per JVM: a second start neither blocks nor fails
        String plain = SvgWriter.physicalFamily(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        assertThat(plain).isNotBlank().isNotEqualTo(ChartStyle.FONT);
        assertThat(SvgWriter.physicalFamily(new Font(ChartStyle.FONT, Font.PLAIN, 34))).isEqualTo(plain);
        assertThat(SvgWriter.physicalFamily(new Font(ChartStyle.FONT, Font.BOLD, 15))).isNotBlank();
    }
}
