package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WilsonTest {

    @Test
    void fiveOfTenMatchesThePublishedInterval() {
        Interval i = Wilson.interval(5, 10);
        assertThat(i.low()).isCloseTo(0.2366, within(1e-4));
        assertThat(i.high()).isCloseTo(0.7634, within(1e-4));
    }

    @Test
    void knownValuesAtTheEdgesAndForLargeCounts() {
        // 0 of n: [0, z^2 / (n + z^2)]; n of n: [n / (n + z^2), 1]
        assertThat(Wilson.interval(0, 10).low()).isZero();
        assertThat(Wilson.interval(0, 10).high()).isCloseTo(0.27753, within(1e-5));
        assertThat(Wilson.interval(10, 10).low()).isCloseTo(0.72247, within(1e-5));
        assertThat(Wilson.interval(10, 10).high()).isEqualTo(1.0);
        // the closed form (2np + z^2 -+ z sqrt(z^2 + 4np(1-p))) / (2(n + z^2)) for UCI's 1908 of 12330
        Interval uci = Wilson.interval(1908, 12330);
        assertThat(uci.low()).isCloseTo(0.14846850895658126, within(1e-12));
        assertThat(uci.high()).isCloseTo(0.16123560647040025, within(1e-12));
    }

    @Test
    void noTrialsGiveTheWholeUnitInterval() {
        assertThat(Wilson.interval(0, 0)).isEqualTo(new Interval(0, 1));
    }

    @Test
    void widerQuantileGivesAWiderInterval() {
        assertThat(Wilson.interval(20, 100, 3.0).width()).isGreaterThan(Wilson.interval(20, 100).width());
    }

    @Test
    void successesAboveTrialsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wilson.interval(11, 10));
        assertThat(e.getMessage()).contains("successes=11").contains("n=10");
    }

    @Test
    void intervalRelationsCompareBounds() {
        Interval a = new Interval(0.1, 0.2);
        assertThat(a.above(0.05)).isTrue();
        assertThat(a.above(0.1)).isFalse();
        assertThat(a.below(0.25)).isTrue();
        assertThat(a.contains(0.15)).isTrue();
        assertThat(a.overlaps(new Interval(0.2, 0.3))).isTrue();
        assertThat(a.overlaps(new Interval(0.21, 0.3))).isFalse();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interval(0.3, 0.2));
        assertThat(e.getMessage()).contains("low <= high");
    }

    @Test
    void normalQuantileMatchesKnownValues() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(Normal.quantile(1 - 0.05 / 48)).isCloseTo(3.0775, within(1e-3));
        assertThat(Normal.quantile(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
    }
}
