package dev.propensity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SyntheticLogisticTest {

    @Test
    void aucIsOneForPerfectRankingZeroForReversedAndHalfForTies() {
        boolean[] y = {false, false, true, true};
        assertThat(SyntheticLogistic.auc(y, new double[] {0.1, 0.2, 0.8, 0.9})).isEqualTo(1.0);
        assertThat(SyntheticLogistic.auc(y, new double[] {0.9, 0.8, 0.2, 0.1})).isEqualTo(0.0);
        assertThat(SyntheticLogistic.auc(y, new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
    }

    @Test
    void aucAgreesWithCountingPairs() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 300;
        boolean[] y = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3;
            s[i] = Math.floor(r.nextDouble() * 20) + (y[i] ? 3 : 0);
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (y[i] && !y[k]) {
                    pairs++;
                    wins += s[i] > s[k] ? 1 : s[i] == s[k] ? 0.5 : 0;
                }
            }
        }
        assertThat(SyntheticLogistic.auc(y, s)).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void generatedDataHasTheRequestedShapeAndAboutAFifthPositives() {
        SyntheticLogistic d = SyntheticLogistic.generate(20_000, 5, 7L);
        assertThat(d.rows()).isEqualTo(20_000);
        assertThat(d.features()).isEqualTo(5);
        int pos = 0;
        for (boolean b : d.labels) {
            pos += b ? 1 : 0;
        }
        assertThat(pos / 20_000.0).isBetween(0.1, 0.35);
    }
}
