package dev.propensity.examples.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.propensity.core.Session;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.ModelFileException;
import dev.propensity.model.PurchaseModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for every reader, the model loader and the command's option parsing (issue 17). The property: a
 * result, or the project's own input or model exception with a one-line message; never another exception, a hang
 * or running out of memory. Without {@code JAZZER_FUZZ=1} each target runs its seed corpus and every crash found
 * so far ({@code src/test/resources/.../ReaderFuzzTestInputs/TARGET/}) as regression tests in {@code mvn verify};
 * {@code fuzz/run.sh TARGET SECONDS} fuzzes one target for real.
 */
class ReaderFuzzTest {
    /** Sessions read at most per input: a fuzzed file is small, but this bounds the work for certain. */
    private static final int MAX_SESSIONS = 10_000;
    private static final ReadOptions SMALL = limits(ReadOptions.defaults());

    private static ReadOptions limits(ReadOptions o) {
        return o.withBufferSize(4096).withSessionizer(o.sessionizer().withMaxSessionEvents(1_000));
    }

    /** The input as a file (the readers take paths). */
    private static Path file(byte[] data, String suffix) throws IOException {
        Path f = Files.createTempFile("propensity-fuzz", suffix);
        Files.write(f, data);
        return f;
    }

    /** The one-line rule for the project's own exceptions. */
    private static void oneLine(Exception e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
    }

    /** Reads a file as sessions, strictly then leniently. */
    private static void sessions(byte[] data, InputFormat format) throws IOException {
        Path f = file(data, ".csv");
        try {
            for (ReadOptions o : new ReadOptions[] {SMALL, SMALL.withLenient(true)}) {
                try (SessionReader r = Inputs.sessions(f, format, o)) {
                    int n = 0;
                    for (Session s = r.next(); s != null && n < MAX_SESSIONS; s = r.next()) {
                        assertThat(s.id()).isNotNull();
                        n++;
                    }
                    assertThat(r.report().rowsRejected()).isGreaterThanOrEqualTo(0);
                } catch (InputException e) {
                    oneLine(e);
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void rees46(byte[] data) throws IOException {
        sessions(data, InputFormat.REES46);
        // the byte-level fast path straight into feature rows
        Path f = file(data, ".csv");
        try {
            FeatureTables.builder().build(f, InputFormat.REES46, SMALL);
        } catch (InputException e) {
            oneLine(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void retailrocket(byte[] data) throws IOException {
        sessions(data, InputFormat.RETAILROCKET);
    }

    @FuzzTest(maxDuration = "10m")
    void otto(byte[] data) throws IOException {
        sessions(data, InputFormat.OTTO);
    }

    @FuzzTest(maxDuration = "10m")
    void events(byte[] data) throws IOException {
        sessions(data, InputFormat.EVENTS);
    }

    @FuzzTest(maxDuration = "10m")
    void uci(byte[] data) throws IOException {
        sessions(data, InputFormat.UCI);
    }

    @FuzzTest(maxDuration = "10m")
    void detect(byte[] data) throws IOException {
        Path f = file(data, ".csv");
        try {
            InputFormat.detect(f);
        } catch (InputException e) {
            oneLine(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void featureCsv(byte[] data) throws IOException {
        Path f = file(data, ".csv");
        try {
            FeatureCsv.read(f);
        } catch (InputException e) {
            oneLine(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void modelFile(byte[] data) throws IOException {
        Path f = file(data, ".model");
        try {
            PurchaseModels.load(f);
        } catch (ModelFileException e) {
            oneLine(e);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void commandOptions(FuzzedDataProvider data) {
        String[] commands = {"dashboard", "features", "score", "simulate"};
        String[] options = {"--input", "--format", "--model", "--eval", "--cutoff", "--seed", "--out", "--lenient",
            "--out-of-order", "--sessions", "--max-session-events", "--debug", "--help", "-i", "-f", "-o", "-m"};
        int n = data.consumeInt(0, 12);
        String[] args = new String[n + 1];
        args[0] = data.pickValue(commands);
        for (int i = 1; i <= n; i++) {
            args[i] = data.consumeBoolean() ? data.pickValue(options) : data.consumeString(40);
        }
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.propensity.examples.FuzzAccess.commandLine(err);
        try {
            cl.parseArgs(args);
        } catch (picocli.CommandLine.ParameterException e) {
            // a usage error: the command reports it on one line with exit code 2
            assertThat(dev.propensity.examples.FuzzAccess.usageExit(e, args)).isEqualTo(2);
        }
    }
}
