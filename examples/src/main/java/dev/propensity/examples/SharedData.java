package dev.propensity.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the project's sample data, {@code ../shared/data}, from the repository root (where {@code ./propensity}
 * and JShell run) or from a module directory (where Maven runs tests).
 */
public final class SharedData {
    /** The UCI Online Shoppers table, relative to the data folder. */
    public static final String UCI = "uci/online_shoppers_intention.csv";
    /** The head of the REES46 November 2019 event log, relative to the data folder. */
    public static final String REES46 = "rees46/2019-11-01-head.csv";
    /** The first OTTO sessions (JSON lines), relative to the data folder. */
    public static final String OTTO = "otto/train-first20sessions.jsonl";

    private static final List<Path> ROOTS = List.of(Path.of("../shared/data"), Path.of("../../shared/data"));

    private SharedData() {
    }

    /**
     * A sample file, if the data folder is present.
     *
     * @param relative the file relative to the data folder, such as {@link #UCI}
     * @return the file, or empty when neither {@code ../shared/data} nor {@code ../../shared/data} holds it
     */
    public static Optional<Path> find(String relative) {
        for (Path root : ROOTS) {
            Path p = root.resolve(relative);
            if (Files.isRegularFile(p)) {
                return Optional.of(p.normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * A sample file, or the path it would have from the repository root when absent (so that the error names it).
     *
     * @param relative the file relative to the data folder
     * @return the path to use
     */
    public static Path path(String relative) {
        return find(relative).orElse(ROOTS.get(0).resolve(relative));
    }
}
