package dev.propensity.features;

import dev.propensity.core.SessionFacts;
import java.util.Map;

/** Builds small feature tables for tests. */
final class TestTables {
    private TestTables() {
    }

    /** A table of the given schema and columns, with ids r0.. and labels as given. */
    static FeatureTable table(FeatureSchema schema, boolean[] labels, double[]... columns) {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < labels.length; i++) {
            b.addRow("r" + i, labels[i], SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        return FeatureTable.of(schema, columns, b.build());
    }

    /** Labels alternating false/true. */
    static boolean[] labels(int n) {
        boolean[] l = new boolean[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 2 == 1;
        }
        return l;
    }
}
