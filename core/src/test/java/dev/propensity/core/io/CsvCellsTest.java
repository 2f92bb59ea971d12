package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {
    @Test
    void formulaLikeCellsGetAnApostropheAndReadBackExactly() {
        for (String v : new String[] {"=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx", "'x", "''x"}) {
            String cell = CsvCells.neutralise(v);
            assertThat(cell).as(v).isEqualTo("'" + v);
            assertThat(CsvCells.unneutralise(cell)).isEqualTo(v);
        }
        for (String v : new String[] {"", "s1", "a=b", "1-2", "x@y"}) {
            assertThat(CsvCells.neutralise(v)).isEqualTo(v);
            assertThat(CsvCells.unneutralise(v)).isEqualTo(v);
        }
    }

    @Test
    void appendNeutralisesThenQuotes() {
        StringBuilder sb = new StringBuilder();
        CsvCells.append(sb, "=HYPERLINK(\"a\",\"b\")");
        assertThat(sb).hasToString("\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\"");
        sb.setLength(0);
        CsvCells.append(sb, "plain");
        assertThat(sb).hasToString("plain");
    }
}
