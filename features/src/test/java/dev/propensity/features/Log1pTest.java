package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Log1pTest {

    private static void same(double v) {
        assertThat(Double.doubleToRawLongBits(Log1p.of(v)))
                .as("log(1 + %s)", v)
                .isEqualTo(Double.doubleToRawLongBits(Math.log(1.0 + v)));
    }

    @Test
    void wholeNumbersInAndBeyondTheTableAreMathLogBitForBit() {
        for (int i = -5; i <= 5000; i++) {
            same(i);
        }
        same(Integer.MAX_VALUE);
        same(1e300);
    }

    @Test
    void fractionsSpecialValuesAndNegativesAreMathLogBitForBit() {
        double[] special = {-0.0, 0.0, 0.5, 1023.5, 1023.999999, 1024.0, -0.5, -1.0, -2.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Math.nextUp(1.0), Math.nextDown(3.0)};
        for (double v : special) {
            same(v);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            same(r.nextDouble() * 2000 - 10);
            same(Math.rint(r.nextDouble() * 1100));
        }
    }
}
