package dev.propensity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of the ingest benchmark: reading the file's bytes and counting its lines on one thread, nothing
 * else. Arguments: {@code FILE}. Reports {@code seconds}, {@code lines}, {@code rss}.
 */
public final class LineCount {
    private LineCount() {
    }

    /**
     * Counts the lines.
     *
     * @param args {@code FILE}
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long t0 = System.nanoTime();
        long lines = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        Probe.emit("seconds", Probe.secondsSince(t0));
        Probe.emit("lines", lines);
        Probe.emitMemory();
    }
}
