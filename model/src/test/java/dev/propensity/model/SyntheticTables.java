package dev.propensity.model;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded synthetic feature tables for tests and the benchmark main. */
public final class SyntheticTables {
    private SyntheticTables() {
    }

    /**
     * The peer benchmark's data (../shared/peers/sklearn_train.py): X standard normal, w ~ N(0, 1) / sqrt(d),
     * y ~ Bernoulli(sigmoid(2 X w - 2)).
     */
    public static FeatureTable gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = gauss(r) / Math.sqrt(d);
        }
        double[][] x = new double[d][n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                x[j][i] = gauss(r);
            }
        }
        List<FeatureSpec> specs = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            specs.add(FeatureSpec.numeric("x" + j, "synthetic feature " + j));
        }
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < n; i++) {
            double z = -2;
            for (int j = 0; j < d; j++) {
                z += 2 * w[j] * x[j][i];
            }
            boolean y = r.nextDouble() < 1 / (1 + Math.exp(-z));
            b.addRow("s" + i, y, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        return FeatureTable.of(new FeatureSchema(specs), x, b.build());
    }

    /**
     * A small table with every feature kind and a known buying signal: {@code pages} (count) and {@code value}
     * (numeric, often 0) raise the odds, {@code channel=ads} raises them, {@code returning} (binary) lowers them.
     */
    public static FeatureTable mixed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] pages = new double[n];
        double[] value = new double[n];
        double[] channel = new double[n];
        double[] returning = new double[n];
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < n; i++) {
            pages[i] = Math.floor(-Math.log(1 - r.nextDouble()) * 10);
            value[i] = r.nextDouble() < 0.7 ? 0 : Math.exp(gauss(r) + 2);
            channel[i] = r.nextInt(3);
            returning[i] = r.nextDouble() < 0.5 ? 1 : 0;
            double z = -3 + 0.08 * pages[i] + (value[i] > 0 ? 1.5 : 0) + (channel[i] == 1 ? 0.8 : 0)
                    - 0.5 * returning[i];
            boolean y = r.nextDouble() < 1 / (1 + Math.exp(-z));
            b.addRow("m" + i, y, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        FeatureSchema schema = FeatureSchema.of(
                FeatureSpec.count("pages", "product pages viewed"),
                FeatureSpec.numeric("value", "page value"),
                FeatureSpec.categorical("channel", List.of("direct", "ads", "social"), "traffic channel"),
                FeatureSpec.binary("returning", "returning visitor"));
        return FeatureTable.of(schema, new double[][] {pages, value, channel, returning}, b.build());
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
