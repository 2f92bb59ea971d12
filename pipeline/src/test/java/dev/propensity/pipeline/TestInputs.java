package dev.propensity.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small inputs written for tests. */
final class TestInputs {
    private TestInputs() {
    }

    /**
     * A feature CSV of {@code n} sessions, every {@code every}-th one purchasing (none when {@code every} is 0),
     * whose one feature {@code signal} is higher for buyers.
     */
    static Path featureCsv(Path dir, String name, int n, int every) throws IOException {
        StringBuilder sb = new StringBuilder("session_id,label,signal\n");
        for (int i = 0; i < n; i++) {
            boolean buyer = every > 0 && i % every == 0;
            sb.append('s').append(i).append(',').append(buyer ? 1 : 0).append(',')
                    .append((buyer ? 2.0 : 0.0) + (i % 7) * 0.5).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
    }
}
