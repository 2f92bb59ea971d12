package dev.propensity.live;

import dev.propensity.core.Event;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.ObservedSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes one session's raw feature row in a model's schema by running the very extractors the batch path runs
 * ({@code FeatureTables} with the same extractors) over the visible events: no feature is defined twice.
 * Categorical levels become the codes of the model schema's levels; a level the model never saw gets the code
 * {@code levels.size()}, which the model's encoding maps to its {@code (other)} slot, as the batch path does.
 * Immutable and thread-safe: every call writes into a fresh row.
 */
final class LiveFeatures {
    private final FeatureExtractor[] extractors;
    /** Per extractor, per feature of the extractor: the model schema index, or -1 when the model lacks it. */
    private final int[][] target;
    private final boolean[][] categorical;
    private final String[][] names;
    private final List<Map<String, Integer>> codes;
    private final FeatureSchema schema;

    LiveFeatures(List<FeatureExtractor> extractors, FeatureSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.extractors = extractors.toArray(new FeatureExtractor[0]);
        target = new int[this.extractors.length][];
        categorical = new boolean[this.extractors.length][];
        names = new String[this.extractors.length][];
        boolean[] covered = new boolean[schema.size()];
        for (int i = 0; i < this.extractors.length; i++) {
            List<FeatureSpec> specs = this.extractors[i].features();
            target[i] = new int[specs.size()];
            categorical[i] = new boolean[specs.size()];
            names[i] = new String[specs.size()];
            for (int f = 0; f < specs.size(); f++) {
                FeatureSpec spec = specs.get(f);
                int j = schema.indexOf(spec.name());
                names[i][f] = spec.name();
                categorical[i][f] = spec.kind() == FeatureKind.CATEGORICAL;
                target[i][f] = j;
                if (j >= 0) {
                    boolean modelCategorical = schema.get(j).kind() == FeatureKind.CATEGORICAL;
                    if (modelCategorical != categorical[i][f]) {
                        throw new IllegalArgumentException("feature " + spec.name() + " is " + spec.kind()
                                + " in extractor " + this.extractors[i] + " but " + schema.get(j).kind()
                                + " in the model");
                    }
                    if (covered[j]) {
                        throw new IllegalArgumentException("feature " + spec.name() + " is produced by two extractors");
                    }
                    covered[j] = true;
                }
            }
        }
        List<String> missing = new ArrayList<>();
        codes = new ArrayList<>();
        for (int j = 0; j < schema.size(); j++) {
            if (!covered[j]) {
                missing.add(schema.get(j).name());
            }
            Map<String, Integer> m = null;
            if (schema.get(j).kind() == FeatureKind.CATEGORICAL) {
                m = new HashMap<>();
                List<String> levels = schema.get(j).levels();
                for (int c = 0; c < levels.size(); c++) {
                    m.put(levels.get(c), c);
                }
            }
            codes.add(m);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model needs features no extractor produces: " + missing
                    + "; the extractors produce " + produced());
        }
    }

    private List<String> produced() {
        List<String> out = new ArrayList<>();
        for (String[] n : names) {
            out.addAll(Arrays.asList(n));
        }
        return out;
    }

    /** The model schema rows are written in. */
    FeatureSchema schema() {
        return schema;
    }

    /**
     * The raw row of the visible events.
     *
     * @param id         the session id
     * @param userId     the user id, or {@code null}
     * @param visible    the visible events in time order (a prefix before any purchase)
     * @param attributes the session attributes
     * @return a new row in the model schema's order
     */
    double[] row(String id, String userId, List<Event> visible, Map<String, String> attributes) {
        double[] row = new double[schema.size()];
        Arrays.fill(row, Double.NaN);
        ObservedSession observed = new ObservedSession(id, userId, visible, attributes);
        Writer w = new Writer(row, id);
        for (int i = 0; i < extractors.length; i++) {
            w.extractor = i;
            extractors[i].extract(observed, w);
        }
        return row;
    }

    /** The level code of a categorical value in the model's schema ({@code levels.size()} when unknown). */
    private double code(int j, String level) {
        if (level == null) {
            return Double.NaN;
        }
        Integer c = codes.get(j).get(level);
        return c != null ? c : schema.get(j).levels().size();
    }

    /** Writes one extractor's values into the model row. */
    private final class Writer implements FeatureExtractor.FeatureRow {
        final double[] row;
        final String session;
        int extractor;

        Writer(double[] row, String session) {
            this.row = row;
            this.session = session;
        }

        @Override
        public void set(int feature, double value) {
            check(feature);
            if (categorical[extractor][feature]) {
                throw new IllegalArgumentException("session " + session + ": feature " + names[extractor][feature]
                        + " is categorical; set it with setLevel, not set(" + value + ")");
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("session " + session + ": feature " + names[extractor][feature]
                        + " must be finite or NaN (missing), was " + value);
            }
            int j = target[extractor][feature];
            if (j >= 0) {
                row[j] = value;
            }
        }

        @Override
        public void setLevel(int feature, String level) {
            check(feature);
            if (!categorical[extractor][feature]) {
                throw new IllegalArgumentException("session " + session + ": feature " + names[extractor][feature]
                        + " is not categorical; set it with set, not setLevel(\"" + level + "\")");
            }
            int j = target[extractor][feature];
            if (j >= 0) {
                row[j] = code(j, level);
            }
        }

        private void check(int feature) {
            if (feature < 0 || feature >= target[extractor].length) {
                throw new IndexOutOfBoundsException("extractor " + extractors[extractor] + " has "
                        + target[extractor].length + " features, it wrote feature index " + feature);
            }
        }
    }
}
