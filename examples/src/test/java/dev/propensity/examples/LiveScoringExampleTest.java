package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveScoringExampleTest {
    @Test
    void flaggedSessionsBuyMoreOftenThanTheBaseRate() {
        LiveScoringExample.Outcome o = LiveScoringExample.run(0.3);
        assertThat(o.stats().events()).isGreaterThan(10_000);
        assertThat(o.stats().purchases()).isEqualTo(o.buyers());
        assertThat(o.flagged()).isPositive();
        double flaggedRate = (double) o.flaggedBuyers() / o.flagged();
        double baseRate = (double) o.buyers() / 2_000;
        assertThat(flaggedRate).isGreaterThan(baseRate);
    }
}
