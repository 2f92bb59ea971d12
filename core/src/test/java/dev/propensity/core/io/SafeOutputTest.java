package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeOutputTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void anUncommittedOutputLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
        Path out = Files.writeString(dir.resolve("out.csv"), "earlier");
        try (SafeOutput o = SafeOutput.create(out)) {
            o.writer().write("half");
        }
        assertThat(out).hasContent("earlier");
        assertThat(files()).isEqualTo(1);
        SafeOutput.write(out, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasContent("new");
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void theInputAndDirectoriesAreRefused() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "data");
        OutputRefusedException same = assertThrows(OutputRefusedException.class,
                () -> SafeOutput.create(dir.resolve("sub/../in.csv"), in));
        assertThat(same.getMessage()).contains("in.csv", "input");
        assertThrows(OutputRefusedException.class, () -> SafeOutput.create(Files.createLink(dir.resolve("h"), in), in));
        assertThrows(OutputRefusedException.class, () -> SafeOutput.create(Files.createDirectories(dir.resolve("d"))));
        assertThat(in).hasContent("data");
    }

    @Test
    void aLinkNamedAsTheTargetReplacesItsFileAndStaysALinkAndADeviceIsWrittenStraight() throws IOException {
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        SafeOutput.write(link, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
        SafeOutput.write(Path.of("/dev/null"), "gone".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("missing"));
        assertThrows(OutputRefusedException.class, () -> SafeOutput.write(dangling, new byte[1]));
    }
}
