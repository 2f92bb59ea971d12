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
     * @param live the session's row
     * @param row  where to write the row in the model schema's order, {@code schema().size()} long
     * @return {@code row}
     */
    double[] row(SessionRows.Row live, double[] row) {
        for (int j = 0; j < row.length; j++) {
            Map<String, Integer> m = codes.get(j);
            if (m == null) {
                row[j] = live.value(source[j]);
            } else {
                String level = live.level(source[j]);
                if (level == null) {
                    row[j] = Double.NaN;
                } else {
                    Integer c = m.get(level);
                    row[j] = c != null ? c : schema.get(j).levels().size();
                }
            }
        }
        return row;
    }
}
