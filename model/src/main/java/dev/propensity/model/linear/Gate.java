package dev.propensity.model.linear;

import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.LogisticConfig;

/** The segment gate of a logistic model: the indicator "feature G is non-zero" (see {@link LogisticConfig#gate()}). */
public final class Gate {
    private static final double MIN_SHARE = 0.05;

    private Gate() {
    }

    /**
     * Whether a raw value switches the gate on: present and not 0.
     *
     * @param v the gate feature's raw value
     * @return whether the gate is on
     */
    public static boolean on(double v) {
        return v != 0 && !Double.isNaN(v);
    }

    /**
     * The name of a gated input.
     *
     * @param gate  the gate feature
     * @param input the input's name
     * @return the gated input's name
     */
    public static String gatedName(String gate, String input) {
        return "[" + gate + "!=0]*" + input;
    }

    /**
     * The gate feature for a configuration on training rows.
     *
     * @param spec  {@code ""}, {@code "auto"} or a feature name
     * @param table the training rows
     * @return the feature name, or {@code null} for no gate
     * @throws IllegalArgumentException when a named gate is absent or categorical
     */
    public static String choose(String spec, FeatureTable table) {
        return choose(spec, table, null);
    }

    /**
     * The gate feature for a configuration on some rows of a table ({@code null}: all rows).
     *
     * @param spec  {@code ""}, {@code "auto"} or a feature name
     * @param table the table
     * @param rows  the training rows, or {@code null}
     * @return the feature name, or {@code null} for no gate
     */
    public static String choose(String spec, FeatureTable table, int[] rows) {
        if (spec.isEmpty()) {
            return null;
        }
        FeatureSchema schema = table.schema();
        if (!spec.equals(LogisticConfig.AUTO_GATE)) {
            int j = schema.indexOf(spec);
            if (j < 0) {
                throw new IllegalArgumentException("gate feature '" + spec + "' is not in the table; features: "
                        + schema.names());
            }
            if (schema.get(j).kind() == FeatureKind.CATEGORICAL) {
                throw new IllegalArgumentException("gate feature '" + spec + "' must be numeric, count or binary, was "
                        + FeatureKind.CATEGORICAL);
            }
            return spec;
        }
        boolean[] y = table.labels();
        int m = rows == null ? y.length : rows.length;
        long positives = 0;
        for (int k = 0; k < m; k++) {
            positives += y[rows == null ? k : rows[k]] ? 1 : 0;
        }
        String best = null;
        double bestInfo = 0;
        for (int j = 0; j < schema.size(); j++) {
            FeatureSpec f = schema.get(j);
            if (f.kind() == FeatureKind.CATEGORICAL) {
                continue;
            }
            double[] x = table.columnArray(j);
            // two running counts instead of a 2 x 2 table indexed per row (no dependency through memory)
            long on = 0;
            long onPositive = 0;
            for (int k = 0; k < m; k++) {
                int i = rows == null ? k : rows[k];
                double v = x[i];
                int g = v != 0 && v == v ? 1 : 0;
                on += g;
                onPositive += y[i] ? g : 0;
            }
            long[][] counts = {{m - on - (positives - onPositive), positives - onPositive}, {on - onPositive,
                    onPositive}};
            double n = m;
            double off = (counts[0][0] + counts[0][1]) / n;
            if (off < MIN_SHARE || off > 1 - MIN_SHARE) {
                continue;
            }
            double info = mutualInformation(counts, n);
            if (info > bestInfo) {
                bestInfo = info;
                best = f.name();
            }
        }
        return best;
    }

    private static double mutualInformation(long[][] c, double n) {
        double info = 0;
        for (int g = 0; g < 2; g++) {
            for (int l = 0; l < 2; l++) {
                if (c[g][l] == 0) {
                    continue;
                }
                double pgl = c[g][l] / n;
                double pg = (c[g][0] + c[g][1]) / n;
                double pl = (c[0][l] + c[1][l]) / n;
                info += pgl * Math.log(pgl / (pg * pl));
            }
        }
        return info;
    }
}
