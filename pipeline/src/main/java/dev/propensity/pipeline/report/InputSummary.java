package dev.propensity.pipeline.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.RejectReason;
import dev.propensity.features.BuildReport;
import dev.propensity.features.FeatureTable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What was read and how it became feature rows. Fields marked optional are {@code null} (and left out of the JSON)
 * when they do not apply.
 *
 * @param source                  the file as given, or {@code simulated sessions (seed N)}
 * @param format                  {@code uci}, {@code rees46}, {@code retailrocket}, {@code otto}, {@code events},
 *                                {@code features} (a feature CSV) or {@code simulated}
 * @param lenient                 whether bad rows were skipped and counted instead of stopping the run
 * @param outOfOrderSeconds       optional: the out-of-order tolerance in seconds, when it was set to other than the
 *                                reader's default
 * @param rowsRead                data rows read (for a feature CSV and simulated sessions: the sessions)
 * @param rowsRejected            rows skipped as bad (lenient reading only; 0 when strict)
 * @param rejectedByReason        rows skipped by reason ({@code bad_number}, {@code late_event}, ...; lower case)
 * @param rejectedExamples        optional (files read by a reader): up to ten skipped rows, as the reader described
 *                                them
 * @param events                  optional (files read by a reader): the events read (0 for a session table)
 * @param sessions                sessions in the feature table, the rows evaluated from
 * @param purchases               sessions among them that purchased
 * @param conversionRate          purchases / sessions, in [0, 1]
 * @param features                the feature names, in table order
 * @param cutoff                  optional (not for a feature CSV): the cutoff policy, e.g. {@code before-purchase}
 * @param buyersWithEmptyCutoff   optional: buying sessions with no event before their cutoff (kept, with features
 *                                of no events)
 * @param sessionsDropped         optional: sessions not kept, by reason (empty when none)
 * @param eventsVisibleToFeatures optional: events the features saw (before the cutoffs)
 * @param eventsInSessions        optional: events in the sessions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSummary(String source, String format, boolean lenient, Long outOfOrderSeconds, long rowsRead,
                           long rowsRejected, Map<String, Long> rejectedByReason, List<String> rejectedExamples,
                           Long events, long sessions, long purchases, double conversionRate, List<String> features,
                           String cutoff, Long buyersWithEmptyCutoff, Map<String, Long> sessionsDropped,
                           Long eventsVisibleToFeatures, Long eventsInSessions) {

    /** Validates and copies the collections, keeping their order. */
    public InputSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        rejectedByReason = ordered(Objects.requireNonNull(rejectedByReason, "rejectedByReason"));
        rejectedExamples = rejectedExamples == null ? null : List.copyOf(rejectedExamples);
        features = List.copyOf(features);
        sessionsDropped = sessionsDropped == null ? null : ordered(sessionsDropped);
        if (sessions < 0 || purchases < 0 || purchases > sessions) {
            throw new IllegalArgumentException("need 0 <= purchases <= sessions, was purchases=" + purchases
                    + " sessions=" + sessions);
        }
        if (rowsRejected < 0 || rowsRejected > rowsRead) {
            throw new IllegalArgumentException("need 0 <= rowsRejected <= rowsRead, was rowsRejected=" + rowsRejected
                    + " rowsRead=" + rowsRead);
        }
    }

    private static Map<String, Long> ordered(Map<String, Long> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /**
     * The summary of a feature table and how it was read.
     *
     * @param source  the input as the report names it
     * @param format  the format's name (see the parameter above)
     * @param options how the input was read
     * @param read    the reader's report, or {@code null} when no reader read the rows (simulated sessions, a
     *                feature CSV): rows read are then the sessions
     * @param build   how sessions became rows, or {@code null} for a feature CSV
     * @param table   the feature table
     * @return the summary
     */
    public static InputSummary of(String source, String format, ReadOptions options, ReadReport read,
                                  BuildReport build, FeatureTable table) {
        Duration tolerance = options.sessionizer().outOfOrderTolerance();
        Long outOfOrder = tolerance.equals(Duration.ofMinutes(Sessionizer.DEFAULT_TOLERANCE_MINUTES)) ? null
                : tolerance.toSeconds();
        long sessions = table.rows();
        long purchases = table.positives();
        Map<String, Long> byReason = new LinkedHashMap<>();
        if (read != null) {
            for (Map.Entry<RejectReason, Long> e : read.rejectedByReason().entrySet()) {
                byReason.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return new InputSummary(source, format, options.lenient(), outOfOrder,
                read == null ? sessions : read.rowsRead(), read == null ? 0 : read.rowsRejected(), byReason,
                read == null ? null : read.examples(), read == null ? null : read.events(), sessions, purchases,
                sessions == 0 ? 0.0 : (double) purchases / sessions, table.schema().names(),
                build == null ? null : build.cutoff(), build == null ? null : build.buyersWithEmptyCutoff(),
                build == null ? null : build.dropped(), build == null ? null : build.eventsVisible(),
                build == null ? null : build.eventsIn());
    }
}
