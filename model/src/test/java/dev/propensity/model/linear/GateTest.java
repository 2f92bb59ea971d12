package dev.propensity.model.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.SyntheticTables;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void theAutomaticGateIsTheFeatureWhoseOnOffSplitTellsMostAboutTheLabelOnTheGivenRows() {
        FeatureTable t = SyntheticTables.mixed(4000, 3);
        // value (0 on 70% of rows, raising the odds when not) carries the most information
        assertThat(Gate.choose("auto", t)).isEqualTo("value").isEqualTo(reference(t, null));
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            int[] rows = IntStream.range(0, t.rows()).filter(i -> r.nextInt(3) > 0).toArray();
            assertThat(Gate.choose("auto", t, rows)).as("trial " + trial)
                    .isEqualTo(Gate.choose("auto", t.select(rows))).isEqualTo(reference(t, rows));
        }
        assertThat(Gate.choose("", t)).isNull();
        assertThat(Gate.choose("pages", t)).isEqualTo("pages");
    }

    /** The choice computed the plain way: a 2 x 2 table of gate and label per feature, the highest information. */
    private static String reference(FeatureTable t, int[] rows) {
        String best = null;
        double bestInfo = 0;
        for (int j = 0; j < t.columnCount(); j++) {
            if (t.schema().get(j).kind() == FeatureKind.CATEGORICAL) {
                continue;
            }
            double[][] c = new double[2][2];
            int m = rows == null ? t.rows() : rows.length;
            for (int k = 0; k < m; k++) {
                int i = rows == null ? k : rows[k];
                c[Gate.on(t.value(i, j)) ? 1 : 0][t.label(i) ? 1 : 0]++;
            }
            double off = (c[0][0] + c[0][1]) / m;
            if (off < 0.05 || off > 0.95) {
                continue;
            }
            double info = 0;
            for (int g = 0; g < 2; g++) {
                for (int l = 0; l < 2; l++) {
                    if (c[g][l] > 0) {
                        double pgl = c[g][l] / m;
                        info += pgl * Math.log(pgl / (((c[g][0] + c[g][1]) / m) * ((c[0][l] + c[1][l]) / m)));
                    }
                }
            }
            if (info > bestInfo) {
                bestInfo = info;
                best = t.schema().get(j).name();
            }
        }
        return best;
    }
}
