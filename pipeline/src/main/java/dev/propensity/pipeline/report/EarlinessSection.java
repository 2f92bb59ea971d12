package dev.propensity.pipeline.report;

import dev.propensity.metrics.EarlinessPoint;
import java.util.List;
import java.util.Objects;

/**
 * How early purchases can be told: the report's {@code earliness} section, for event data. A study of its own
 * within the run: the (sampled) sessions are split into training and test sessions, one model is trained on whole
 * sessions and one on session prefixes, and both are scored on the test sessions at each checkpoint. See
 * {@code docs/report-format.md} for the checkpoints and which sessions count at each.
 *
 * @param protocol      how the sessions were split, e.g. {@code stratified holdout 25% by session, seed 42}
 * @param sessions      the sessions the study used (all, or the first {@code 50,000} in reading order)
 * @param trainSessions those the models were trained on
 * @param testSessions  those the checkpoints are measured on
 * @param seconds       the study's time, in seconds
 * @param series        one series per training: {@code whole-session} and {@code prefixes}
 */
public record EarlinessSection(String protocol, int sessions, int trainSessions, int testSessions, double seconds,
                               List<Series> series) {
    /** Validates and copies. */
    public EarlinessSection {
        Objects.requireNonNull(protocol, "protocol");
        series = List.copyOf(series);
    }

    /**
     * The figures of one training at every checkpoint.
     *
     * @param training  {@code whole-session} or {@code prefixes}
     * @param byEvents  at events 1, 2, 3, 5, 10, 20 and {@code all} (every event before the first purchase)
     * @param byMinutes at minutes 1, 2, 5, 10, 30
     */
    public record Series(String training, List<EarlinessPoint> byEvents, List<EarlinessPoint> byMinutes) {
        /** Validates and copies. */
        public Series {
            Objects.requireNonNull(training, "training");
            byEvents = List.copyOf(byEvents);
            byMinutes = List.copyOf(byMinutes);
        }
    }
}
