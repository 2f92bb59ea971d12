package dev.propensity.metrics;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds session facts for tests. */
final class TestFacts {
    private TestFacts() {
    }

    static int mask(EventType... types) {
        int m = 0;
        for (EventType t : types) {
            m |= 1 << t.ordinal();
        }
        return m;
    }

    static long at(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    /**
     * The shared data folder, or the calling test skipped without it (failed instead when the environment variable
     * {@code PROPENSITY_REQUIRE_DATA} is {@code 1}, as in CI).
     */
    static Path requireSharedData() {
        Optional<Path> d = sharedData();
        if (d.isEmpty()) {
            if ("1".equals(System.getenv("PROPENSITY_REQUIRE_DATA"))) {
                org.junit.jupiter.api.Assertions.fail("the shared data folder is absent, and "
                        + "PROPENSITY_REQUIRE_DATA=1 forbids skipping");
            }
            org.junit.jupiter.api.Assumptions.abort("shared data folder absent");
        }
        return d.get();
    }

    /** The shared data folder, from the repository root or from a module directory. */
    static Optional<Path> sharedData() {
        for (String p : new String[] {"../shared/data", "../../shared/data"}) {
            Path d = Path.of(p);
            if (Files.isDirectory(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The UCI table as table sessions (no start times, no events), every column an attribute except the label. */
    static SessionFacts uci(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 1; i < lines.size(); i++) {
            String[] v = lines.get(i).split(",");
            Map<String, String> attrs = new HashMap<>();
            boolean label = false;
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals("Revenue")) {
                    label = v[c].equalsIgnoreCase("TRUE");
                } else {
                    attrs.put(header[c], v[c]);
                }
            }
            b.addRow("uci-" + i, label, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, attrs);
        }
        return b.build();
    }
}
