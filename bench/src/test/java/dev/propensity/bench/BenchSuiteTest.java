package dev.propensity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchSuiteTest {

    @Test
    void quickModeShrinksTheDataUnlessSizesAreGiven() {
        BenchSuite.Options quick = BenchSuite.Options.parse(new String[] {"--quick"});
        assertThat(quick.ingestMb).isEqualTo(100);
        assertThat(quick.rows).isEqualTo(200_000);
        BenchSuite.Options sized = BenchSuite.Options.parse(new String[] {"--quick", "--mb", "50", "--rows", "1000"});
        assertThat(sized.ingestMb).isEqualTo(50);
        assertThat(sized.rows).isEqualTo(1000);
    }

    @Test
    void onlySelectsTheParts() {
        BenchSuite.Options o = BenchSuite.Options.parse(new String[] {"--only", "train,score"});
        assertThat(o.only).containsExactly("train", "score");
    }

    @Test
    void unknownOptionsAndMissingValuesAreRefused() {
        assertThatThrownBy(() -> BenchSuite.Options.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option '--fast'");
        assertThatThrownBy(() -> BenchSuite.Options.parse(new String[] {"--mb"}))
                .hasMessageContaining("--mb needs a value");
        assertThatThrownBy(() -> BenchSuite.Options.parse(new String[] {"--repeat", "0"}))
                .hasMessageContaining("--repeat must be >= 1, was 0");
    }

    @Test
    void ratiosAndBytesAreFormattedForTheTable() {
        assertThat(BenchSuite.ratio(1.5, 3.0)).isEqualTo("0.50x");
        assertThat(BenchSuite.ratio(Double.NaN, 3.0)).isEqualTo("n/a");
        assertThat(BenchSuite.fmtBytes(2.5e9)).isEqualTo("2.50 GB");
        assertThat(BenchSuite.fmtBytes(420e6)).isEqualTo("420 MB");
    }
}
