package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostNativeTest {

    private static final Path MAPS = Paths.get("/proc/self/maps");

    @Test
    void theLoadedLibraryLeavesNoCopyInTheTempFolder() throws IOException {
        assumeTrue(Files.isReadable(MAPS), "needs Linux's /proc/self/maps");
        XGBoostNative.load();
        List<String> mapped = Files.readAllLines(MAPS, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("libxgboost4j")).toList();
        assertThat(mapped).as("the native library is mapped into this process").isNotEmpty();
        assertThat(mapped).as("its extracted copy is removed once loaded, so a killed JVM leaves nothing behind")
                .allMatch(line -> line.endsWith(" (deleted)"));
        assertThat(XGBoostNative.extractedCopies(MAPS)).isEmpty();
    }

    @Test
    void onlyThisProcesssMappedCopiesInTheTempFolderAreFound(@TempDir Path dir) throws IOException {
        String tmp = Paths.get(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath().normalize().toString();
        Path maps = dir.resolve("maps");
        Files.write(maps, List.of(
                "7f00-7f01 r-xp 00000000 fd:01 1 " + tmp + "/libxgboost4j123.so",
                "7f01-7f02 r--p 00001000 fd:01 1 " + tmp + "/libxgboost4j123.so",
                "7f02-7f03 r-xp 00000000 fd:01 2 " + tmp + "/libxgboost4j456.so (deleted)",
                "7f03-7f04 r-xp 00000000 fd:01 3 /usr/lib/libxgboost4j.so",
                "7f04-7f05 r-xp 00000000 fd:01 4 " + tmp + "/libother.so",
                "7f05-7f06 rw-p 00000000 00:00 0 [heap]"), StandardCharsets.UTF_8);
        assertThat(XGBoostNative.extractedCopies(maps)).containsExactly(Paths.get(tmp, "libxgboost4j123.so"));
        assertThat(XGBoostNative.extractedCopies(dir.resolve("absent"))).isEmpty();
    }
}
