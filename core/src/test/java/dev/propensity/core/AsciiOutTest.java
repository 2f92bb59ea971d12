package dev.propensity.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AsciiOutTest {

    private static String written(IoBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AsciiOut out = AsciiOut.to(bytes)) {
            body.write(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface IoBody {
        void write(AsciiOut out) throws IOException;
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() throws IOException {
        SplittableRandom r = new SplittableRandom(14);
        long[] fixed = {0L, 999L, 1000L, -1L, -1001L, 1_572_566_400_000L, 1_572_566_400_007L, 1_572_566_400_070L,
                1_572_566_400_700L, 253_402_300_799_999L, 253_402_300_800_000L, -62_167_219_200_000L,
                -62_167_219_200_001L, Long.MAX_VALUE / 1_000_000, Long.MIN_VALUE / 1_000_000};
        for (long ms : fixed) {
            assertThat(written(out -> out.instant(ms))).as("%d", ms).isEqualTo(Instant.ofEpochMilli(ms).toString());
        }
        for (int i = 0; i < 20_000; i++) {
            long ms = i % 2 == 0 ? r.nextLong(-10_000_000_000_000L, 10_000_000_000_000L)
                    : r.nextLong(0, 2_000_000_000L) * 1000;
            assertThat(written(out -> out.instant(ms))).as("%d", ms).isEqualTo(Instant.ofEpochMilli(ms).toString());
        }
    }

    @Test
    void numbersAndTextAreWrittenAsJavaWritesThem() throws IOException {
        long[] longs = {0, 7, 10, 99, 100, 123_456_789, -5, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000_000_000_000L};
        for (long v : longs) {
            assertThat(written(out -> out.number(v))).isEqualTo(Long.toString(v));
        }
        for (double v : new double[] {0.0, 0.0032080955789637036, 1.0, 1e-12, Double.NaN}) {
            assertThat(written(out -> out.number(v))).isEqualTo(Double.toString(v));
        }
        String mixed = "s-1,\"é\" 会话";
        assertThat(written(out -> out.text("ab").ascii(',').text(mixed).text(new StringBuilder("x"))))
                .isEqualTo("ab," + mixed + "x");
    }
}
