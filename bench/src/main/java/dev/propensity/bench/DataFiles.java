package dev.propensity.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;

/**
 * The benchmark's data files, written once by the simulator ({@link SyntheticSessions#writeRees46}) and cached.
 * The profile is {@link SimulatorConfig#rees46()} with 3.2 product views a session, which gives the 3.4 events a
 * session of the project's 931 MB reference file (6.97M events, 2.03M sessions).
 */
final class DataFiles {
    /** The simulator's seed for benchmark files. */
    static final long SEED = 2019L;

    private DataFiles() {
    }

    /** The simulator profile of the benchmark files. */
    static SimulatorConfig profile() {
        return SimulatorConfig.rees46().withMeanProductViews(3.2);
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
        if (megabytes < 1) {
            throw new IllegalArgumentException("the data file must be >= 1 MB, was " + megabytes);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("rees46-" + megabytes + "mb.csv");
        if (Files.isRegularFile(file)) {
            return file;
        }
        // bytes a session, from a small sample of the same profile
        SyntheticSessions.WriteSummary sample = SyntheticSessions.write(OutputStream.nullOutputStream(), 20_000,
                SEED, profile(), true);
        double bytesPerSession = (double) sample.bytes() / sample.sessions();
        long sessions = Math.max(1, Math.round(megabytes * 1e6 / bytesPerSession));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        long t0 = System.nanoTime();
        System.err.printf("[bench] writing %s: %,d simulated sessions ...%n", file, sessions);
        SyntheticSessions.WriteSummary s = SyntheticSessions.writeRees46(tmp, sessions, SEED, profile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("[bench] wrote %,d sessions, %,d events, %,d bytes in %.1f s%n", s.sessions(), s.events(),
                s.bytes(), Probe.secondsSince(t0));
        return file;
    }
}
