package dev.propensity.features;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared real data folder ({@code ../shared/data} from the repository root), or skips the test. */
final class SharedData {
    private SharedData() {
    }

    /** A file under the shared data folder; the calling test is skipped when it is absent. */
    static Path file(String relative) {
        for (String base : new String[] {"../shared/data", "../../shared/data"}) {
            Path p = Path.of(base).resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        absent("shared data file " + relative);
        return null;
    }

    /**
     * Skips the calling test because its real data is absent, or fails it when the environment variable
     * {@code PROPENSITY_REQUIRE_DATA} is {@code 1} (as CI sets it: a real-data test that silently skips there
     * would hide a broken data layout).
     *
     * @param what what is absent, for the message
     */
    public static void absent(String what) {
        if ("1".equals(System.getenv("PROPENSITY_REQUIRE_DATA"))) {
            org.junit.jupiter.api.Assertions.fail(what + " is absent, and PROPENSITY_REQUIRE_DATA=1 forbids skipping");
        }
        Assumptions.abort(what + " is absent");
    }
}
