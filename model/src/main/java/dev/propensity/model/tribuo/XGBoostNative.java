package dev.propensity.model.tribuo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads XGBoost's native library once, and leaves nothing of it in the temp folder.
 *
 * <p>xgboost4j copies its {@code libxgboost4j*.so} from the jar into {@code java.io.tmpdir} and loads it from there,
 * asking the JVM to delete the copy at exit. A JVM that is killed, or crashes, never reaches that, so each such run
 * left a 5-7 MB file behind. On Linux a loaded library stays mapped after its file is removed, so once the library is
 * loaded this class removes the copy at once: it takes the file's name from {@code /proc/self/maps}, the mappings of
 * this very process, so it can never remove a copy that another process has extracted and not yet loaded. Where
 * {@code /proc/self/maps} does not exist, xgboost4j's own delete-at-exit still applies.
 */
final class XGBoostNative {

    private static final String JNI_CLASS = "ml.dmlc.xgboost4j.java.XGBoostJNI";
    private static final String LIBRARY_PREFIX = "libxgboost4j";
    private static final Path MAPS = Paths.get("/proc/self/maps");

    private static boolean loaded;

    private XGBoostNative() {
    }

    /**
     * Loads the native library if it is not loaded yet, then removes its extracted copy from the temp folder.
     * Call it before anything of XGBoost runs (training, or a booster that passed the model file's checksum).
     */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            Class.forName(JNI_CLASS, true, XGBoostNative.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("XGBoost is not on the class path (" + JNI_CLASS + ")", e);
        }
        loaded = true;
        for (Path copy : extractedCopies(MAPS)) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException | SecurityException e) {
                // the copy stays until exit, as xgboost4j arranged; nothing else depends on its removal
            }
        }
    }

    /**
     * The files named {@code libxgboost4j*} that a maps listing (the format of {@code /proc/self/maps}) shows as
     * mapped from the temp folder and not yet deleted.
     *
     * @param maps the listing; when it cannot be read, no file
     * @return the paths, each once
     */
    static List<Path> extractedCopies(Path maps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(maps, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String line : lines) {
            int slash = line.indexOf('/');
            if (slash < 0 || line.endsWith(" (deleted)")) {
                continue;
            }
            Path file = Paths.get(line.substring(slash)).normalize();
            Path name = file.getFileName();
            if (name != null && name.toString().startsWith(LIBRARY_PREFIX) && tmp.equals(file.getParent())
                    && !found.contains(file)) {
                found.add(file);
            }
        }
        return found;
    }
}
