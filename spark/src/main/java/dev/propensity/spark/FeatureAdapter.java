package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.features.StandardExtractors;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place this module touches the features module: it hands a partition's sessions to the project's feature
 * engine ({@link FeatureTables}, with the standard extractors, the cutoff and the zone) and reads the rows back.
 * When the features internals change, this class is the one to follow them.
 */
final class FeatureAdapter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String cutoff;
    private final String zone;

    private FeatureAdapter(String cutoff, String zone) {
        this.cutoff = cutoff;
        this.zone = zone;
    }

    /**
     * The engine's settings.
     *
     * @param cutoff the cutoff, as {@link Cutoffs#parse(String)} reads it back from its {@link Cutoff#name()}
     * @param zone   the zone of start-time features
     * @return the adapter
     */
    static FeatureAdapter of(Cutoff cutoff, ZoneId zone) {
        Objects.requireNonNull(cutoff, "cutoff");
        String name = cutoff.name();
        // the cutoff crosses to the executors by name: it must read back as the same policy
        if (!Cutoffs.parse(name).name().equals(name)) {
            throw new IllegalArgumentException("the cutoff " + cutoff + " cannot be sent to Spark executors by name "
                    + name + "; use one of Cutoffs' policies");
        }
        return new FeatureAdapter(name, Objects.requireNonNull(zone, "zone").getId());
    }

    /** The cutoff. */
    Cutoff cutoff() {
        return Cutoffs.parse(cutoff);
    }

    /** The zone. */
    ZoneId zone() {
        return ZoneId.of(zone);
    }

    /** The features the rows hold, as the extractors declare them (levels discovered from data are empty). */
    FeatureSchema declared() {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureExtractor e : StandardExtractors.forEvents(zone())) {
            specs.addAll(e.features());
        }
        return new FeatureSchema(specs);
    }

    /**
     * The feature table of sessions, built by the project's engine (one call per partition).
     *
     * @param sessions the sessions
     * @return the table, its facts describing the whole sessions
     */
    FeatureTable table(Iterator<Session> sessions) {
        return FeatureTables.builder().extractors(StandardExtractors.forEvents(zone())).cutoff(cutoff()).zone(zone())
                .build(sessions);
    }

    /**
     * Row {@code i}'s value of feature {@code j}: the number, or for a categorical feature its level (or
     * {@code null} when missing).
     */
    static Object value(FeatureTable t, int i, int j) {
        if (t.schema().get(j).kind() == FeatureKind.CATEGORICAL) {
            return t.level(i, j);
        }
        return t.value(i, j);
    }

    /** The facts of row {@code i}: start (epoch ms, or null), duration in seconds, event count, type mask. */
    static Object[] facts(FeatureTable t, int i) {
        SessionFacts f = t.facts();
        int mask = 0;
        for (EventType type : EventType.values()) {
            if (f.has(i, type)) {
                mask |= 1 << type.ordinal();
            }
        }
        return new Object[]{f.hasStart(i) ? f.startMillis(i) : null, f.durationSeconds(i), f.eventCount(i), mask};
    }

    /**
     * Levels in the engine's order for discovered levels (numbers numerically, month names in calendar order,
     * other text alphabetically): the engine builds a table of one session per level and reports the order.
     *
     * @param levels distinct levels
     * @return the same levels, sorted
     */
    List<String> sortedLevels(List<String> levels) {
        if (levels.size() < 2) {
            return List.copyOf(levels);
        }
        List<Session> sessions = new ArrayList<>(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            String id = "level" + i;
            sessions.add(Session.of(id, null, List.of(Event.of(id, Instant.EPOCH, EventType.PAGE_VIEW)),
                    Map.of("level", levels.get(i))));
        }
        FeatureTable t = FeatureTables.builder()
                .extractors(StandardExtractors.attributeCategorical("level", "level", "a level")).build(sessions);
        return t.schema().get(0).levels();
    }
}
