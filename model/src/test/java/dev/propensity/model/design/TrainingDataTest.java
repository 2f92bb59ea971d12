package dev.propensity.model.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.propensity.core.Workers;
import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.SyntheticTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The design keeps one array per distinct column, indicators as their ones, and the same values as a full encoding. */
class TrainingDataTest {
    /** The mixed table plus a copy of a column and a column of zeros. */
    private static FeatureTable table() {
        FeatureTable t = SyntheticTables.mixed(3000, 7);
        List<FeatureSpec> specs = new ArrayList<>(t.schema().features());
        specs.add(FeatureSpec.count("pages_again", "the pages column again"));
        specs.add(FeatureSpec.count("nothing", "zero everywhere"));
        double[][] cols = new double[specs.size()][];
        for (int j = 0; j < t.columnCount(); j++) {
            cols[j] = t.column(j);
        }
        cols[t.columnCount()] = t.column("pages");
        cols[t.columnCount() + 1] = new double[t.rows()];
        return FeatureTable.of(new FeatureSchema(specs), cols, t.facts());
    }

    private static void check(FeatureTable t, int[] rows) {
        FittedEncoding enc = rows == null ? FittedEncoding.fit(t, EncoderConfig.defaults())
                : FittedEncoding.fit(t, rows, EncoderConfig.defaults());
        int n = rows == null ? t.rows() : rows.length;
        float[][] full = new float[enc.width()][n];
        enc.encodeFloat(t, rows, 0, n, full);
        Design design = TrainingData.encodeDesign(enc, t, rows, "test", Workers.defaults());
        assertEquals(full.length, design.width());
        assertEquals(n, design.rows());
        int shared = 0;
        int sparse = 0;
        for (int j = 0; j < full.length; j++) {
            assertArrayEquals(full[j], design.toDense(j), "column " + j);
            // the form depends on the values alone: zeros and ones, at most half ones
            assertEquals(Design.indicator(full[j]) != null, design.sparse(j), "form of column " + j);
            sparse += design.sparse(j) ? 1 : 0;
            for (int k = 0; k < j; k++) {
                boolean sameBits = Arrays.equals(full[j], full[k]);
                Object a = design.sparse(j) ? design.ones(j) : design.dense(j);
                Object b = design.sparse(k) ? design.ones(k) : design.dense(k);
                assertEquals(sameBits, a == b, "columns " + k + " and " + j);
                shared += a == b ? 1 : 0;
            }
        }
        assertTrue(shared >= 1, "the copied column shares its array");
        assertTrue(sparse >= 2, "one-hot levels and missing indicators are kept as their ones: " + design);
        assertTrue(sparse < design.width(), "numeric columns stay dense: " + design);
    }

    @Test
    void sharesEqualColumnsAndKeepsTheValues() {
        check(table(), null);
    }

    @Test
    void sameForSomeRows() {
        FeatureTable t = table();
        int[] rows = new int[1700];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 7) % t.rows();
        }
        check(t, rows);
    }
}
