package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.RejectReason;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCsvReadTest {

    private static String csv(FeatureTable t) throws IOException {
        StringWriter w = new StringWriter();
        FeatureCsv.write(t, w);
        return w.toString();
    }

    private static FeatureTable read(String text) throws IOException {
        return FeatureCsv.read(new StringReader(text), "test.csv");
    }

    /** Same schema, ids and labels; values equal up to the CSV's 9-decimal rounding; the CSV is a fixed point. */
    private static void assertRoundTrip(FeatureTable original, FeatureTable back, String text) throws IOException {
        assertThat(back.schema()).isEqualTo(original.schema());
        assertThat(back.rows()).isEqualTo(original.rows());
        assertThat(back.labels()).isEqualTo(original.labels());
        for (int i = 0; i < original.rows(); i++) {
            assertThat(back.id(i)).isEqualTo(original.id(i));
        }
        for (int j = 0; j < original.columnCount(); j++) {
            double[] a = original.columnArray(j);
            double[] b = back.columnArray(j);
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(a[i])) {
                    assertThat(b[i]).as(original.schema().get(j).name()).isNaN();
                } else {
                    assertThat(Math.abs(b[i] - a[i])).as(original.schema().get(j).name() + " row " + i)
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(a[i])));
                }
            }
        }
        assertThat(csv(back)).isEqualTo(text);
    }

    @Test
    void readsBackASimulatedEventTableWithTheStandardSchema(@TempDir Path dir) throws IOException {
        List<Session> sessions = SyntheticSessions.generate(400, 7L, SimulatorConfig.defaults());
        FeatureTable original = FeatureTables.build(sessions);
        assertThat(original.positives()).isPositive();
        String text = csv(original);
        assertRoundTrip(original, read(text), text);

        Path file = dir.resolve("features.csv");
        FeatureCsv.stream(sessions.iterator(), FeatureTables.builder(), file);
        FeatureTable fromFile = FeatureCsv.read(file);
        assertRoundTrip(original, fromFile, text);
        assertThat(fromFile.schema().get("checkout_initiated").nearOutcome()).isTrue();
        assertThat(fromFile.schema().get("start_hour").levels()).isEqualTo(StandardExtractors.HOURS);
        assertThat(fromFile.facts().hasStartTimes()).isFalse();
    }

    @Test
    void readsBackTheUciTable(@TempDir Path dir) throws IOException {
        Path p = SharedData.file("uci/online_shoppers_intention.csv");
        FeatureTable original;
        try (SessionReader in = Inputs.sessions(p, InputFormat.UCI, ReadOptions.defaults())) {
            original = FeatureTables.builder().build(in.stream().iterator());
        }
        Path file = dir.resolve("uci-features.csv");
        FeatureCsv.write(original, file);
        FeatureTable back = FeatureCsv.read(file);
        assertRoundTrip(original, back, Files.readString(file, StandardCharsets.UTF_8));
        assertThat(back.schema().get("Month").kind()).isEqualTo(FeatureKind.CATEGORICAL);
        assertThat(back.schema().get("Month").levels()).startsWith("Feb", "Mar", "May", "June");
        assertThat(back.schema().get("OperatingSystems").kind()).isEqualTo(FeatureKind.CATEGORICAL);
    }

    @Test
    void keepsStandardSpecsForASubsetOfAStandardSetInTheFileOrder() throws IOException {
        FeatureTable t = read("session_id,label,checkout_initiated,events\na,1,1,3\nb,0,0,\n");
        assertThat(t.schema().names()).containsExactly("checkout_initiated", "events");
        assertThat(t.schema().get(0)).isEqualTo(StandardExtractors.checkoutInitiated().features().get(0));
        assertThat(t.schema().get(0).nearOutcome()).isTrue();
        assertThat(t.schema().get(1).kind()).isEqualTo(FeatureKind.COUNT);
        assertThat(t.column(1)).containsExactly(3, Double.NaN);
        assertThat(t.labels()).containsExactly(true, false);
    }

    @Test
    void infersKindsAndSortsDiscoveredLevels() throws IOException {
        FeatureTable t = read("session_id,label,flag,visits,score,tier,nothing\n"
                + "s1,1,1,0,1.5,gold,\n"
                + "s2,0,0,12,-2,10,\n"
                + "s3,false,,3,7,Bronze,\n"
                + "s4,TRUE,0,,1e-3,gold,\n");
        FeatureSchema s = t.schema();
        assertThat(s.get("flag").kind()).isEqualTo(FeatureKind.BINARY);
        assertThat(s.get("visits").kind()).isEqualTo(FeatureKind.COUNT);
        assertThat(s.get("score").kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(s.get("tier").kind()).isEqualTo(FeatureKind.CATEGORICAL);
        assertThat(s.get("tier").levels()).containsExactly("10", "Bronze", "gold");
        assertThat(s.get("nothing").kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(s.get("flag").description()).contains("inferred");
        assertThat(t.column("flag")).containsExactly(1, 0, Double.NaN, 0);
        assertThat(t.column("visits")).containsExactly(0, 12, 3, Double.NaN);
        assertThat(t.column("score")).containsExactly(1.5, -2, 7, 0.001);
        assertThat(t.column("tier")).containsExactly(2, 0, 1, 2);
        assertThat(t.column("nothing")).containsOnly(Double.NaN);
        assertThat(t.labels()).containsExactly(true, false, false, true);
        assertThat(t.level(1, s.indexOf("tier"))).isEqualTo("10");
    }

    @Test
    void aColumnWithOneTextValueIsCategoricalWithItsNumbersAsWritten() throws IOException {
        FeatureTable t = read("session_id,label,size\na,0,1.50\nb,1,2\nc,0,n/a\n");
        assertThat(t.schema().get("size").kind()).isEqualTo(FeatureKind.CATEGORICAL);
        assertThat(t.schema().get("size").levels()).containsExactly("1.50", "2", "n/a");
    }

    @Test
    void readsQuotedFieldsCrlfLineEndsAByteOrderMarkAndSkipsEmptyLines() throws IOException {
        FeatureTable t = read("\uFEFFsession_id,label,note,x\r\n"
                + "\"a,1\",1,\"say \"\"hi\"\"\",1\r\n"
                + "\r\n"
                + "\"multi\nline\",0,plain,2.5\r\n");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.id(0)).isEqualTo("a,1");
        assertThat(t.id(1)).isEqualTo("multi\nline");
        assertThat(t.schema().get("note").levels()).containsExactly("plain", "say \"hi\"");
        assertThat(t.column("x")).containsExactly(1, 2.5);
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyTable() throws IOException {
        FeatureTable t = read("session_id,label,events,device\n");
        assertThat(t.rows()).isZero();
        assertThat(t.schema().names()).containsExactly("events", "device");
    }

    @Test
    void parsesDecimalNumbersOnly() {
        for (String ok : new String[] {"0", "-0.5", "+3", "12.", ".25", "1.0E-4", "1e20", "123456789012345678",
            "0.333333333", "999999.5"}) {
            assertThat(FeatureCsvReader.number(ok.toCharArray(), 0, ok.length())).as(ok)
                    .isEqualTo(Double.parseDouble(ok));
        }
        for (String bad : new String[] {"", "-", ".", "NaN", "Infinity", "1e400", "0x10", " 1", "1 ", "1e", "1.2.3",
            "1d", "e5", "--1"}) {
            assertThat(FeatureCsvReader.number(bad.toCharArray(), 0, bad.length())).as(bad).isNaN();
        }
    }

    private static InputException bad(String text) {
        return assertThrows(InputException.class, () -> read(text));
    }

    @Test
    void anEmptyFileIsRejected() {
        InputException e = bad("");
        assertThat(e.getMessage()).isEqualTo(
                "test.csv: the file is empty: expected a header session_id,label,<feature names>");
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_FILE);
    }

    @Test
    void aHeaderWithoutSessionIdAndLabelIsRejected() {
        assertThat(bad("id,purchased,x\na,1,2\n").getMessage()).isEqualTo("test.csv:1: the header must start with "
                + "session_id,label (a feature CSV as propensity features writes it), was 'id,purchased,x'");
        assertThat(bad("session_id,label\na,1\n").getMessage())
                .isEqualTo("test.csv:1: the header has no feature columns after session_id,label");
    }

    @Test
    void duplicateAndInvalidColumnNamesAreRejected() {
        InputException e = bad("session_id,label,x,y,x\na,1,1,2,3\n");
        assertThat(e.getMessage()).isEqualTo("test.csv:1: column x: duplicate column name (column names must be unique)");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("x");
        assertThat(bad("session_id,label,2x\na,1,1\n").getMessage()).isEqualTo(
                "test.csv:1: column 2x: a feature name must be letters, digits and underscores starting with a letter");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRejected() {
        InputException e = bad("session_id,label,x,y\na,1,1,2\nb,0,1\n");
        assertThat(e.getMessage())
                .isEqualTo("test.csv:3: expected 4 fields (session_id, label and 2 features), found 3");
        assertThat(e.reason()).isEqualTo(RejectReason.WRONG_COLUMN_COUNT);
    }

    @Test
    void aLabelOtherThanOneZeroTrueOrFalseIsRejected() {
        InputException e = bad("session_id,label,x\na,1,1\nb,yes,1\n");
        assertThat(e.getMessage()).isEqualTo("test.csv:3: column label: the label must be 1, 0, true or false, was 'yes'");
        assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(bad("session_id,label,x\na,,1\n").getMessage())
                .isEqualTo("test.csv:2: column label: the label is empty; expected 1 (purchase) or 0");
        assertThat(bad("session_id,label,x\n,1,1\n").getMessage())
                .isEqualTo("test.csv:2: column session_id: the session id is empty");
    }

    @Test
    void aValueAStandardFeatureDoesNotAllowIsRejected() {
        InputException e = bad("session_id,label,events,duration_seconds\na,1,2,3.5\nb,0,1,abc\n");
        assertThat(e.getMessage()).isEqualTo(
                "test.csv:3: column duration_seconds: 'abc' is not a number (a numeric feature; empty means missing)");
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(bad("session_id,label,events\na,1,2.5\n").getMessage())
                .isEqualTo("test.csv:2: column events: a count must be a whole number >= 0, was '2.5'");
        assertThat(bad("session_id,label,bounce\na,1,2\n").getMessage())
                .isEqualTo("test.csv:2: column bounce: a binary feature must be 0 or 1, was '2'");
        assertThat(bad("session_id,label,start_weekday\na,1,Funday\n").getMessage())
                .isEqualTo("test.csv:2: column start_weekday: 'Funday' is not one of its levels "
                        + "[Mon, Tue, Wed, Thu, Fri, Sat, Sun]");
    }

    @Test
    void brokenQuotingIsRejectedAtTheLineTheRecordStarts() {
        assertThat(bad("session_id,label,x\na,1,1\n\"b,0,1\nc,0,1\n").getMessage())
                .isEqualTo("test.csv:3: column session_id: a quoted field is not closed before the end of the file");
        assertThat(bad("session_id,label,x\na,1,\"1\"2\n").getMessage())
                .isEqualTo("test.csv:2: column x: text after the closing quote of a quoted field");
        assertThat(bad("session_id,label,x\na\"b,1,1\n").getMessage()).isEqualTo("test.csv:2: column session_id: "
                + "a quote inside an unquoted field (quote the whole field and double the quote)");
    }

    @Test
    void aFileNamesItselfInMessages(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, "session_id,label,x\na,2,1\n");
        InputException e = assertThrows(InputException.class, () -> FeatureCsv.read(f));
        assertThat(e.file()).isEqualTo(f.toString());
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("label");
        Files.write(f, new byte[] {'s', ',', (byte) 0xff, '\n'});
        assertThat(assertThrows(InputException.class, () -> FeatureCsv.read(f)).getMessage())
                .startsWith(f + ": not UTF-8 text");
    }
}
