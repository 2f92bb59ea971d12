package dev.propensity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark's data files, generated once by the simulator and cached. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The REES46-format CSV of about {@code megabytes} MB in {@code dir}, generated when absent.
     *
     * @param dir       the cache folder
     * @param megabytes the size
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path rees46(Path dir, int megabytes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("rees46-" + megabytes + "mb.csv");
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw new UnsupportedOperationException("pending the simulator's REES46 writer");
    }
}
