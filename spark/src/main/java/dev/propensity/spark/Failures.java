package dev.propensity.spark;

import dev.propensity.core.io.InputException;
import dev.propensity.core.io.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** Turns Spark job failures caused by bad input back into the single machine's one-line errors. */
final class Failures {
    private Failures() {
    }

    /**
     * Runs an action; when a task failed on bad input, throws that {@link InputException} (for a REES46 range after
     * the first, the driver first reads the file up to the bad row to name its line as one machine does).
     */
    static <T> T run(Callable<T> action) {
        try {
            return action.call();
        } catch (Exception e) {
            throw translate(e);
        }
    }

    /** The input error inside a failure, or the failure itself. */
    static RuntimeException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkEvents.RangeInputException r) {
                InputException x = (InputException) r.getCause();
                try {
                    return SparkEvents.locate(r.file(), ReadOptions.defaults(), x);
                } catch (InputException located) {
                    return located;
                } catch (IOException io) {
                    return new UncheckedIOException(io);
                }
            }
            if (t instanceof InputException x) {
                return x;
            }
            if (t instanceof UncheckedIOException u) {
                return u;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
