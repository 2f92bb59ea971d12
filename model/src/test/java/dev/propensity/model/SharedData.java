package dev.propensity.model;

import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared real data folder ({@code ../shared/data} from the repository root), or skips the test. */
public final class SharedData {
    private SharedData() {
    }

    /** A file under the shared data folder, or {@code null} when absent. */
    public static Path find(String relative) {
        for (String base : new String[] {"../shared/data", "../../shared/data"}) {
            Path p = Path.of(base).resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** A file under the shared data folder; the calling test is skipped when it is absent. */
    public static Path file(String relative) {
        Path p = find(relative);
        if (p == null) {
            absent("shared data file " + relative);
        }
        return p;
    }

    /** The UCI Online Shoppers table as the features module builds it (17 features). */
    public static FeatureTable uci(Path csv) throws IOException {
        try (SessionReader in = Inputs.sessions(csv, InputFormat.UCI, ReadOptions.defaults())) {
            return FeatureTables.builder().buildWithReport(in.stream().iterator()).table();
        }
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
