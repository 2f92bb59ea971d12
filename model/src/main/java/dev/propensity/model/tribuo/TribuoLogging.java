package dev.propensity.model.tribuo;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps Tribuo's INFO messages (one per training run) out of users' output. */
final class TribuoLogging {
    // held so that the level set below is not lost when the logger is garbage collected
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    private TribuoLogging() {
    }

    /** Sets the {@code org.tribuo} logger to WARNING unless the user has already given it a level. */
    static void quiet() {
        synchronized (TRIBUO) {
            if (TRIBUO.getLevel() == null) {
                TRIBUO.setLevel(Level.WARNING);
            }
        }
    }
}
