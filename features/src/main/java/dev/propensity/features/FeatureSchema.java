package dev.propensity.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered list of features a table holds or a model expects. Names are unique.
 *
 * @param features the feature definitions in column order
 */
public record FeatureSchema(List<FeatureSpec> features) {

    /** Validates that names are unique and copies the list. */
    public FeatureSchema {
        features = List.copyOf(features);
        Set<String> seen = new LinkedHashSet<>();
        for (FeatureSpec f : features) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("duplicate feature name '" + f.name() + "'");
            }
        }
    }

    /** A schema of the given features. */
    public static FeatureSchema of(FeatureSpec... specs) {
        return new FeatureSchema(List.of(specs));
    }

    /** The number of features. */
    public int size() {
        return features.size();
    }

    /** The feature at a column index. */
    public FeatureSpec get(int index) {
        return features.get(index);
    }

    /** The feature names in column order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(features.size());
        for (FeatureSpec f : features) {
            names.add(f.name());
        }
        return names;
    }

    /** The column index of a feature, or -1 when absent. */
    public int indexOf(String name) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The feature of a name. */
    public FeatureSpec get(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature '" + name + "' in schema " + names());
        }
        return features.get(i);
    }

    /**
     * Checks that {@code actual} holds exactly this schema's feature names (in any order) with the same kinds,
     * and names the missing, extra or differing features otherwise.
     *
     * @param actual the schema of the table offered
     * @throws IllegalArgumentException when they differ
     */
    public void requireCompatible(FeatureSchema actual) {
        Objects.requireNonNull(actual, "actual");
        Map<String, FeatureSpec> theirs = new HashMap<>();
        for (FeatureSpec f : actual.features) {
            theirs.put(f.name(), f);
        }
        List<String> missing = new ArrayList<>();
        List<String> wrongKind = new ArrayList<>();
        for (FeatureSpec f : features) {
            FeatureSpec t = theirs.remove(f.name());
            if (t == null) {
                missing.add(f.name());
            } else if (t.kind() != f.kind()) {
                wrongKind.add(f.name() + " (expected " + f.kind() + ", got " + t.kind() + ")");
            }
        }
        if (!missing.isEmpty() || !theirs.isEmpty() || !wrongKind.isEmpty()) {
            StringBuilder sb = new StringBuilder("feature schema does not match the model:");
            if (!missing.isEmpty()) {
                sb.append(" missing ").append(missing).append(';');
            }
            if (!theirs.isEmpty()) {
                sb.append(" extra ").append(new ArrayList<>(theirs.keySet())).append(';');
            }
            if (!wrongKind.isEmpty()) {
                sb.append(" different kind ").append(wrongKind).append(';');
            }
            throw new IllegalArgumentException(sb.substring(0, sb.length() - 1));
        }
    }
}
