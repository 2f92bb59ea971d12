package dev.propensity.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortestDecimal} against an oracle in exact arithmetic: the text reads back as the same double, no text
 * with fewer digits does, among texts with as many digits it is the closest to the double, and the layout is
 * {@code Double.toString}'s. Where Java 17's {@code Double.toString} gives other digits, they must be more of them.
 */
class ShortestDecimalTest {

    @Test
    void layoutIsDoubleToStringsOnPlainValues() {
        double[] values = {1.0, -1.0, 0.5, 0.25, 0.1, 0.001, 0.0001, 1e-5, 9.999e-4, 123.456, 1e6, 9999999.0, 1e7,
            1.0E7 + 1, 12345678.9, 1e21, 1e22, 2e-3, 4.9e-324, Double.MIN_NORMAL, Double.MAX_VALUE, 0.0, -0.0,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 100.0, 0.3, 2.0 / 3, 1.0 / 3, 5e-324,
            1.7976931348623157E308, 2.2250738585072014E-308, 9007199254740992.0, 9007199254740993.0, 123456789012.0};
        for (double v : values) {
            assertThat(ShortestDecimal.toString(v)).as("%s", Double.toString(v)).isEqualTo(Double.toString(v));
        }
    }

    @Test
    void writesFewerDigitsThanJava17WhereJava17WritesTooMany() {
        // JDK-4511638: Java 17 writes 1e23 as 9.999999999999999E22 and 2e23 with 17 digits
        assertThat(ShortestDecimal.toString(1e23)).isEqualTo("1.0E23");
        assertThat(ShortestDecimal.toString(2e23)).isEqualTo("2.0E23");
        assertThat(check(1e23)).isEqualTo(Double.toString(1e23).equals("1.0E23") ? 0 : 1);
    }

    @Test
    void probabilitiesAreShortestClosestAndReadBack() {
        SplittableRandom r = new SplittableRandom(7);
        int differ = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = r.nextDouble(-30, 30);
            differ += check(1 / (1 + Math.exp(-x)));
            differ += check(r.nextDouble());
        }
        assertThat(differ).as("values where Java 17's Double.toString differs").isLessThan(400);
    }

    @Test
    void anyFiniteDoubleIsShortestClosestAndReadsBack() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(v)) {
                check(v);
            }
        }
        for (int e = -1022; e <= 1023; e++) { // powers of two: the uneven rounding interval
            check(Math.scalb(1.0, e));
            check(Math.nextUp(Math.scalb(1.0, e)));
            check(Math.nextDown(Math.scalb(1.0, e)));
        }
        for (long p = 1, k = 0; k < 18; k++, p *= 10) { // powers of ten and their neighbours
            check(p);
            check(1.0 / p);
            check(Math.nextUp(1.0 / p));
            check(Math.nextDown((double) p));
        }
    }

    @Test
    void asciiOutWritesTheSameText() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (AsciiOut out = AsciiOut.to(bytes)) {
            out.number(0.123).ascii(',').number(-2.5E-7).ascii(',').number(1.0E10).ascii(',').number(Double.NaN);
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0.123,-2.5E-7,1.0E10,NaN");
    }

    /**
     * Checks one value against the oracle.
     *
     * @return 1 when Java 17's {@code Double.toString} gives other digits (then with more of them), else 0
     */
    private static int check(double v) {
        String ours = ShortestDecimal.toString(v);
        String jdk = Double.toString(v);
        assertThat(Double.parseDouble(ours)).as("%s reads back", ours).isEqualTo(v);
        assertThat(layout(ours)).as("layout of %s", ours).isEqualTo(layout(jdk));
        if (v == 0 || !Double.isFinite(v) || Math.abs(v) < Double.MIN_NORMAL) {
            assertThat(ours).isEqualTo(jdk);
            return 0;
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal mine = new BigDecimal(ours);
        int digits = mine.stripTrailingZeros().precision();
        // no shorter decimal reads back: the two decimals of digits-1 digits around v are the only candidates
        if (digits > 1) {
            MathContext shorter = new MathContext(digits - 1, RoundingMode.FLOOR);
            BigDecimal down = exact.round(shorter);
            BigDecimal up = exact.round(new MathContext(digits - 1, RoundingMode.CEILING));
            assertThat(Double.parseDouble(down.toString()) == v || Double.parseDouble(up.toString()) == v)
                    .as("a decimal of %d digits reads back as %s, ours is %s", digits - 1, jdk, ours).isFalse();
        }
        // among the decimals of as many digits that read back, ours is the closest
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
        BigDecimal best = null;
        for (BigDecimal candidate : new BigDecimal[] {down, up}) {
            if (Double.parseDouble(candidate.toString()) == v && (best == null
                    || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = candidate;
            }
        }
        assertThat(best).as("a decimal of %d digits reads back", digits).isNotNull();
        assertThat(mine.subtract(exact).abs()).as("%s is the closest (Java 17: %s)", ours, jdk)
                .isEqualByComparingTo(best.subtract(exact).abs());
        if (ours.equals(jdk)) {
            return 0;
        }
        assertThat(new BigDecimal(jdk).stripTrailingZeros().precision()).as("Java 17 gives %s, ours %s", jdk, ours)
                .isGreaterThanOrEqualTo(digits);
        return 1;
    }

    /** The text with its digits blanked: where the point, the exponent and the sign are. */
    private static String layout(String s) {
        String mantissa = s.contains("E") ? s.substring(0, s.indexOf('E')) : s;
        String kind = s.contains("E") ? "sci" : "plain";
        return kind + (s.startsWith("-") ? "-" : "+") + (mantissa.startsWith("0.") || mantissa.startsWith("-0.") ? "0." : "");
    }
}
