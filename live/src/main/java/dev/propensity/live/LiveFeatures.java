package dev.propensity.live;

import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.SessionRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A session's raw row in a model's schema, from the features module's {@link SessionRows}: the very extractors the
 * batch path runs ({@code FeatureTables} with the same extractors), recomputed over the session's events so far, so
 * no feature is defined twice. Features are matched by name once, here; categorical levels become the codes of
 * the model schema's levels, and a level the model never saw gets the code {@code levels.size()}, which the
 * model's encoding scores as it scores an unseen level in a table. Immutable and thread-safe.
 */
final class LiveFeatures {
    private final SessionRows rows;
    private final FeatureSchema schema;
    /** For each model feature, its index in the rows' schema. */
    private final int[] source;
    /** For each categorical model feature, its level codes; null for other features. */
    private final List<Map<String, Integer>> codes;
    /** For each categorical model feature, its number among the categorical ones; -1 for other features. */
    private final int[] categorical;

    LiveFeatures(List<FeatureExtractor> extractors, FeatureSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.rows = SessionRows.of(extractors);
        FeatureSchema produced = rows.schema();
        source = new int[schema.size()];
        codes = new ArrayList<>(schema.size());
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < schema.size(); j++) {
            String name = schema.get(j).name();
            int i = produced.indexOf(name);
            source[j] = i;
            Map<String, Integer> m = null;
            if (i < 0) {
                missing.add(name);
            } else {
                boolean modelCategorical = schema.get(j).kind() == FeatureKind.CATEGORICAL;
                if (modelCategorical != (produced.get(i).kind() == FeatureKind.CATEGORICAL)) {
                    throw new IllegalArgumentException("feature " + name + " is " + produced.get(i).kind()
                            + " in the extractors but " + schema.get(j).kind() + " in the model");
                }
                if (modelCategorical) {
                    m = new HashMap<>();
                    List<String> levels = schema.get(j).levels();
                    for (int c = 0; c < levels.size(); c++) {
                        m.put(levels.get(c), c);
                    }
                }
            }
            codes.add(m);
        }
        categorical = new int[schema.size()];
        int k = 0;
        for (int j = 0; j < schema.size(); j++) {
            categorical[j] = codes.get(j) != null ? k++ : -1;
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model needs features no extractor produces: " + missing
                    + "; the extractors produce " + produced.names());
        }
    }

    /** The model schema rows are written in. */
    FeatureSchema schema() {
        return schema;
    }

    /** A new live session with no events. */
    SessionRows.Live start(String id, String userId, Map<String, String> attributes) {
        return rows.start(id, userId, attributes);
    }

    /** A new row to write live sessions' rows into (one per thread). */
    SessionRows.Row newRow() {
        return rows.newRow();
    }

    /**
     * The raw row of a live session's row (written by {@link SessionRows.Live#update(SessionRows.Row)}).
     *
     * @param live  the session's row
     * @param row   where to write the row in the model schema's order, {@code schema().size()} long
     * @param cache the caller's cache of level codes ({@link #newCache()}), for one thread at a time
     * @return {@code row}
     */
    double[] row(SessionRows.Row live, double[] row, LevelCache cache) {
        for (int j = 0; j < row.length; j++) {
            Map<String, Integer> m = codes.get(j);
            if (m == null) {
                row[j] = live.value(source[j]);
            } else {
                String level = live.level(source[j]);
                if (level == null) {
                    row[j] = Double.NaN;
                } else {
                    // the reader hands equal texts as one string, so the same string is usually the same level
                    int slot = categorical[j] * LevelCache.SLOTS + (level.hashCode() & (LevelCache.SLOTS - 1));
                    if (cache.levels[slot] != level) {
                        Integer c = m.get(level);
                        cache.levels[slot] = level;
                        cache.codes[slot] = c != null ? c : schema.get(j).levels().size();
                    }
                    row[j] = cache.codes[slot];
                }
            }
        }
        return row;
    }

    /** A new cache of level codes for {@link #row}, one per thread (or lock). */
    LevelCache newCache() {
        int n = 0;
        for (int c : categorical) {
            n += c >= 0 ? 1 : 0;
        }
        return new LevelCache(n);
    }

    /**
     * The codes of the levels last met, per feature and hash slot, found by the level's identity: a level string
     * met again costs no map lookup. Mutable, for one thread at a time.
     */
    static final class LevelCache {
        static final int SLOTS = 64;
        private final String[] levels;
        private final int[] codes;

        private LevelCache(int categoricalFeatures) {
            levels = new String[categoricalFeatures * SLOTS];
            codes = new int[categoricalFeatures * SLOTS];
        }
    }
}
