package dev.propensity.pipeline;

import dev.propensity.core.io.ReadReport;
import dev.propensity.features.BuildReport;
import dev.propensity.features.FeatureTable;
import java.util.Objects;

/**
 * An input read into a feature table, with how the reading went.
 *
 * @param source         what was read
 * @param format         the format's name as the report gives it: {@code uci}, {@code rees46},
 *                       {@code retailrocket}, {@code otto}, {@code events}, {@code features} or {@code simulated}
 * @param table          the feature table, one row per session
 * @param read           the reader's report (rows read, rejected by reason), or {@code null} when no reader read
 *                       rows (simulated sessions, a feature CSV)
 * @param build          how sessions became rows (cutoff, events seen), or {@code null} for a feature CSV
 * @param readSeconds    seconds spent reading (or simulating), &gt;= 0; reading and features together when
 *                       {@code fused}
 * @param featureSeconds seconds spent computing features, &gt;= 0; 0 when {@code fused}
 * @param fused          whether the file was read straight into feature rows in one pass, so that reading and
 *                       features were timed as one step
 */
public record LoadedInput(InputSource source, String format, FeatureTable table, ReadReport read, BuildReport build,
                          double readSeconds, double featureSeconds, boolean fused) {

    /** Validates. */
    public LoadedInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(table, "table");
        if (!(readSeconds >= 0) || !(featureSeconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, were read " + readSeconds + ", features "
                    + featureSeconds);
        }
    }

    /** Whether the data has events (an event log or simulated sessions), as opposed to a table of sessions. */
    public boolean hasEvents() {
        return table.facts().hasEvents();
    }
}
