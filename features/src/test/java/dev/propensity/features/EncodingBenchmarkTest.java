package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times fitting and encoding 2M rows x 20 features. Tagged {@code benchmark}: excluded from normal builds; run
 * with {@code mvn -o -pl features -am test -Dtest=EncodingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsurefire.excludedGroups= -Dgroups=benchmark}.
 */
@Tag("benchmark")
class EncodingBenchmarkTest {

    @Test
    void encodesTwoMillionRowsOfTwentyFeatures() {
        int n = 2_000_000;
        List<FeatureSpec> specs = new ArrayList<>();
        double[][] cols = new double[20][n];
        Random rnd = new Random(1);
        for (int j = 0; j < 20; j++) {
            if (j < 16) {
                specs.add(FeatureSpec.count("f" + j, "f"));
                for (int i = 0; i < n; i++) {
                    cols[j][i] = rnd.nextInt(30);
                }
            } else {
                specs.add(FeatureSpec.categorical("c" + j, List.of("a", "b", "c", "d", "e"), "c"));
                for (int i = 0; i < n; i++) {
                    cols[j][i] = rnd.nextInt(5);
                }
            }
        }
        FeatureTable t = TestTables.table(new FeatureSchema(specs), new boolean[n], cols);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults());
            long t1 = System.nanoTime();
            double[][] out = enc.encodeColumns(t);
            long t2 = System.nanoTime();
            double[] row = new double[enc.width()];
            double[] raw = t.row(17);
            int reps = 1_000_000;
            for (int i = 0; i < reps; i++) {
                raw[0] = i & 7;
                enc.encodeRow(raw, row);
            }
            long t3 = System.nanoTime();
            System.out.printf("fit %.3f s, encodeColumns %.3f s (%d outputs), encodeRow %.1f ns%n", (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, out.length, (t3 - t2) / (double) reps);
            assertThat(out[0]).hasSize(n);
        }
    }
}
