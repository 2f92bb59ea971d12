package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadReportTest {

    @Test
    void aStrictReadReportAcceptsEveryRowAndRejectsNone() {
        ReadReport r = ReadReport.ofStrictRead("events.csv", 683, 683);
        assertThat(r.file()).isEqualTo("events.csv");
        assertThat(r.rowsRead()).isEqualTo(683);
        assertThat(r.rowsAccepted()).isEqualTo(683);
        assertThat(r.events()).isEqualTo(683);
        assertThat(r.rowsRejected()).isZero();
        assertThat(r.rejectedByReason()).isEmpty();
        assertThat(r.examples()).isEmpty();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> ReadReport.ofStrictRead("events.csv", -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row and event counts must be >= 0, were -1 and 0");
    }
}
