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
        for (String base : new String[] {"../shared/data", "../../shared/data", "/work/shared/data"}) {
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
        Assumptions.assumeTrue(p != null, "shared data file " + relative + " is absent");
        return p;
    }

    /** The UCI Online Shoppers table as the features module builds it (17 features). */
    public static FeatureTable uci(Path csv) throws IOException {
        try (SessionReader in = Inputs.sessions(csv, InputFormat.UCI, ReadOptions.defaults())) {
            return FeatureTables.builder().buildWithReport(in.stream().iterator()).table();
        }
    }
}
