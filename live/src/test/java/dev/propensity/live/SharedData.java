package dev.propensity.live;

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
        Assumptions.abort("shared data file " + relative + " is absent");
        return null;
    }
}
