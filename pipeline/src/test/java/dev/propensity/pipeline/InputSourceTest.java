package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.io.InputFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputSourceTest {

    @Test
    void aFileIsDescribedByItsPathAndNamedByItsFileName() {
        InputSource.DataFile f = InputSource.file(Path.of("data", "uci", "shoppers.csv"), InputFormat.UCI);
        assertThat(f.describe()).isEqualTo(Path.of("data", "uci", "shoppers.csv").toString());
        assertThat(f.shortName()).isEqualTo("shoppers.csv");
        assertThat(f.format()).isEqualTo(InputFormat.UCI);
        assertThat(InputSource.file(Path.of("events.csv")).format()).as("detected when read").isNull();
        assertThat(InputSource.featureCsv(Path.of("out", "f.csv")).shortName()).isEqualTo("f.csv");
    }

    @Test
    void simulatedSessionsNameTheirSeed() {
        InputSource s = InputSource.simulated(20_000, 42);
        assertThat(s.describe()).isEqualTo("simulated sessions (seed 42)");
        assertThat(s.shortName()).isEqualTo("simulated sessions");
    }

    @Test
    void badValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputSource.simulated(0, 1));
        assertThat(e).hasMessage("sessions must be >= 1, was 0");
        assertThat(assertThrows(NullPointerException.class, () -> InputSource.file(null))).hasMessage("file");
        assertThat(assertThrows(NullPointerException.class, () -> InputSource.file(Path.of("x"), null)))
                .hasMessage("format");
    }
}
