package dev.propensity.features;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The definition of one feature: its name, kind, levels (categorical only), a one-line description that charts
 * and reports reuse, and whether it is <em>near the outcome</em> (such as checkout initiated: allowed, but shown as
 * such in importance charts because it nearly is the label).
 *
 * @param name        a name of letters, digits and underscores, starting with a letter
 * @param kind        the kind of value
 * @param levels      for {@link FeatureKind#CATEGORICAL}: the known levels in code order (may be empty when the
 *                    levels are discovered from data, see {@link FeatureTable}); empty for other kinds
 * @param description one line for people
 * @param nearOutcome whether the feature is almost the outcome itself
 */
public record FeatureSpec(String name, FeatureKind kind, List<String> levels, String description,
                          boolean nearOutcome) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Validates; see the parameters. */
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must be letters, digits and underscores starting with a letter, was '" + name + "'");
        }
        levels = List.copyOf(levels);
        if (kind != FeatureKind.CATEGORICAL && !levels.isEmpty()) {
            throw new IllegalArgumentException("feature " + name + " is " + kind + " but has levels " + levels);
        }
    }

    /** A numeric feature. */
    public static FeatureSpec numeric(String name, String description) {
        return new FeatureSpec(name, FeatureKind.NUMERIC, List.of(), description, false);
    }

    /** A count feature. */
    public static FeatureSpec count(String name, String description) {
        return new FeatureSpec(name, FeatureKind.COUNT, List.of(), description, false);
    }

    /** A 0/1 feature. */
    public static FeatureSpec binary(String name, String description) {
        return new FeatureSpec(name, FeatureKind.BINARY, List.of(), description, false);
    }

    /** A categorical feature with fixed levels. */
    public static FeatureSpec categorical(String name, List<String> levels, String description) {
        return new FeatureSpec(name, FeatureKind.CATEGORICAL, levels, description, false);
    }

    /** A categorical feature whose levels are discovered from the data. */
    public static FeatureSpec categorical(String name, String description) {
        return new FeatureSpec(name, FeatureKind.CATEGORICAL, List.of(), description, false);
    }

    /** This feature marked as near the outcome. */
    public FeatureSpec asNearOutcome() {
        return new FeatureSpec(name, kind, levels, description, true);
    }

    /** This feature with the given levels (used when a table has discovered them). */
    public FeatureSpec withLevels(List<String> newLevels) {
        return new FeatureSpec(name, kind, newLevels, description, nearOutcome);
    }
}
