package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FittedEncodingTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(
            FeatureSpec.count("cart_adds", "cart adds"),
            FeatureSpec.numeric("hour_sin", "hour sine"),
            FeatureSpec.binary("weekend", "weekend"),
            FeatureSpec.categorical("source", List.of("search", "direct", "rare"), "traffic source"));

    private static FeatureTable sample(int n, long seed) {
        Random rnd = new Random(seed);
        double[] carts = new double[n];
        double[] sin = new double[n];
        double[] weekend = new double[n];
        double[] source = new double[n];
        for (int i = 0; i < n; i++) {
            carts[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(20);
            sin[i] = Math.sin(rnd.nextDouble() * 2 * Math.PI);
            weekend[i] = rnd.nextBoolean() ? 1 : 0;
            source[i] = i % 100 == 0 ? 2 : rnd.nextInt(2);
        }
        return TestTables.table(SCHEMA, TestTables.labels(n), carts, sin, weekend, source);
    }

    @Test
    void outputsAreNamedAndMappedBackToTheirFeature() {
        FittedEncoding enc = FittedEncoding.fit(sample(1000, 1), EncoderConfig.defaults().withMinCount(11));
        assertThat(enc.outputNames()).containsExactly("cart_adds", "cart_adds:missing", "hour_sin", "weekend",
                "source=search", "source=direct", "source=(other)");
        assertThat(enc.width()).isEqualTo(7);
        assertThat(enc.sourceFeature(1)).isZero();
        assertThat(enc.sourceFeature(6)).isEqualTo(3);
        assertThrows(IndexOutOfBoundsException.class, () -> enc.sourceFeature(7));
    }

    @Test
    void standardisesTrainingRowsToMeanZeroAndUnitDeviation() {
        FeatureTable t = sample(5000, 2);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults());
        double[][] cols = enc.encodeColumns(t);
        for (int k : new int[] {2}) {
            double mean = 0;
            for (double v : cols[k]) {
                mean += v;
            }
            mean /= cols[k].length;
            double ss = 0;
            for (double v : cols[k]) {
                ss += (v - mean) * (v - mean);
            }
            assertThat(mean).isCloseTo(0, within(1e-9));
            assertThat(Math.sqrt(ss / (cols[k].length - 1))).isCloseTo(1, within(1e-9));
        }
        // binary passes through unchanged
        for (int i = 0; i < t.rows(); i++) {
            assertThat(cols[3][i]).isEqualTo(t.value(i, 2));
        }
    }

    @Test
    void appliesLog1pToNonNegativeCountsOnly() {
        FeatureTable t = sample(2000, 3);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withStandardize(false));
        double[] out = new double[enc.width()];
        enc.encodeRow(new double[] {9, -0.5, 1, 0}, out);
        assertThat(out[0]).isCloseTo(Math.log(10), within(1e-12));
        assertThat(out[2]).isEqualTo(-0.5);
    }

    @Test
    void missingValuesBecomeTheTrainingMeanWithAnIndicator() {
        FeatureTable t = sample(2000, 4);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults());
        double[] out = new double[enc.width()];
        enc.encodeRow(new double[] {Double.NaN, 0, 0, 0}, out);
        assertThat(out[0]).isCloseTo(0, within(1e-12));
        assertThat(out[1]).isEqualTo(1.0);
        enc.encodeRow(new double[] {3, 0, 0, 0}, out);
        assertThat(out[1]).isEqualTo(0.0);
    }

    @Test
    void rareAndUnseenAndMissingLevelsGoToOther() {
        FeatureTable t = sample(1000, 5); // "rare" appears 10 times
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withMinCount(11));
        double[] out = new double[enc.width()];
        enc.encodeRow(new double[] {1, 0, 0, 2}, out);
        assertThat(out).endsWith(0.0, 0.0, 1.0);
        enc.encodeRow(new double[] {1, 0, 0, Double.NaN}, out);
        assertThat(out).endsWith(0.0, 0.0, 1.0);
        enc.encodeRow(new double[] {1, 0, 0, 1}, out);
        assertThat(out).endsWith(0.0, 1.0, 0.0);
        // a table from other data: levels in another order plus an unseen one, matched by name
        FeatureSchema other = FeatureSchema.of(
                FeatureSpec.categorical("source", List.of("new", "direct", "search"), "traffic source"),
                FeatureSpec.binary("weekend", "weekend"),
                FeatureSpec.numeric("hour_sin", "hour sine"),
                FeatureSpec.count("cart_adds", "cart adds"));
        FeatureTable o = TestTables.table(other, new boolean[3], new double[] {0, 1, 2}, new double[3],
                new double[3], new double[3]);
        double[][] cols = enc.encodeColumns(o);
        int search = enc.outputNames().indexOf("source=search");
        int direct = enc.outputNames().indexOf("source=direct");
        int oth = enc.outputNames().indexOf("source=(other)");
        assertThat(new double[] {cols[search][0], cols[direct][0], cols[oth][0]}).containsExactly(0, 0, 1);
        assertThat(new double[] {cols[search][1], cols[direct][1], cols[oth][1]}).containsExactly(0, 1, 0);
        assertThat(new double[] {cols[search][2], cols[direct][2], cols[oth][2]}).containsExactly(1, 0, 0);
    }

    @Test
    void missingCategoricalValuesGetTheirOwnLevelWhenFrequent() {
        FeatureSchema s = FeatureSchema.of(FeatureSpec.categorical("c", List.of("a"), "c"));
        double[] c = new double[40];
        for (int i = 0; i < c.length; i++) {
            c[i] = i % 2 == 0 ? 0 : Double.NaN;
        }
        FittedEncoding enc = FittedEncoding.fit(TestTables.table(s, TestTables.labels(40), c), EncoderConfig.defaults());
        assertThat(enc.outputNames()).containsExactly("c=a", "c=(other)", "c=(missing)");
        double[] out = new double[3];
        enc.encodeRow(new double[] {Double.NaN}, out);
        assertThat(out).containsExactly(0, 0, 1);
    }

    @Test
    void fitsOnTrainingRowsOnly() {
        FeatureTable t = sample(2000, 6);
        int[] train = new int[1000];
        for (int i = 0; i < train.length; i++) {
            train[i] = i;
        }
        String before = FittedEncoding.fit(t, train, EncoderConfig.defaults().withQuantileBins(4)).toJson();
        // change every non-training row wildly: the fitted encoding must not move
        double[][] cols = new double[4][];
        for (int j = 0; j < 4; j++) {
            cols[j] = t.column(j);
            for (int i = 1000; i < 2000; i++) {
                cols[j][i] = j == 3 ? 2 : (j == 2 ? 1 : 1e6 + i);
            }
        }
        FeatureTable changed = TestTables.table(SCHEMA, t.labels(), cols);
        String after = FittedEncoding.fit(changed, train, EncoderConfig.defaults().withQuantileBins(4)).toJson();
        assertThat(after).isEqualTo(before);
        assertThat(FittedEncoding.fit(changed, EncoderConfig.defaults().withQuantileBins(4)).toJson()).isNotEqualTo(before);
    }

    @Test
    void quantileBinsPutEveryPresentValueInExactlyOneRoughlyEqualBin() {
        FeatureSchema s = FeatureSchema.of(FeatureSpec.numeric("x", "x"));
        Random rnd = new Random(7);
        double[] x = new double[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        FeatureTable t = TestTables.table(s, TestTables.labels(x.length), x);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withQuantileBins(4));
        assertThat(enc.outputNames()).containsExactly("x", "x:bin0", "x:bin1", "x:bin2", "x:bin3");
        double[][] cols = enc.encodeColumns(t);
        for (int b = 1; b <= 4; b++) {
            double count = 0;
            for (double v : cols[b]) {
                count += v;
            }
            assertThat(count).isBetween(900.0, 1100.0);
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(cols[1][i] + cols[2][i] + cols[3][i] + cols[4][i]).isEqualTo(1.0);
        }
    }

    @Test
    void quantileBinsCollapseOnTies() {
        FeatureSchema s = FeatureSchema.of(FeatureSpec.count("n", "n"));
        double[] x = new double[100];
        for (int i = 70; i < 100; i++) {
            x[i] = 5;
        }
        FittedEncoding enc = FittedEncoding.fit(TestTables.table(s, TestTables.labels(100), x),
                EncoderConfig.defaults().withQuantileBins(5));
        assertThat(enc.outputNames()).containsExactly("n", "n:bin0", "n:bin1");
    }

    @Test
    void rowTableAndColumnEncodingsAgree() {
        FeatureTable t = sample(300, 8);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withQuantileBins(3));
        double[][] cols = enc.encodeColumns(t);
        double[] a = new double[enc.width()];
        double[] b = new double[enc.width()];
        for (int i = 0; i < t.rows(); i++) {
            enc.encodeRow(t, i, a);
            enc.encodeRow(t.row(i), b);
            assertThat(a).containsExactly(b);
            for (int k = 0; k < enc.width(); k++) {
                assertThat(cols[k][i]).isEqualTo(a[k]);
            }
        }
        int[] rows = {5, 2, 2};
        double[][] sub = enc.encodeColumns(t, rows);
        assertThat(sub[0]).containsExactly(cols[0][5], cols[0][2], cols[0][2]);
    }

    @Test
    void floatEncodingOfRowRangesEqualsTheColumnEncodingRounded() {
        FeatureTable t = sample(400, 12);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withQuantileBins(3).withMinCount(3));
        double[][] cols = enc.encodeColumns(t);
        float[][] out = new float[enc.width()][t.rows()];
        for (float[] o : out) {
            java.util.Arrays.fill(o, 7f); // stale values: every output of the encoded rows must be overwritten
        }
        enc.encodeFloat(t, 150, 400, out);
        enc.encodeFloat(t, 0, 150, out);
        for (int k = 0; k < enc.width(); k++) {
            for (int i = 0; i < t.rows(); i++) {
                assertThat(out[k][i]).as("output %s row %d", enc.outputNames().get(k), i).isEqualTo((float) cols[k][i]);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.encodeFloat(t, 0, 10, new float[enc.width()][5]));
        assertThat(e).hasMessageContaining("length 5");
    }

    @Test
    void fittedCenterAndScaleMatchTwoPassFormulasFarFromZero() {
        // values near 1e9 with a spread of 1: a naive one-pass sum of squares would lose every digit of the variance
        int n = 1000;
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            x[i] = 1e9 + (i % 7) * 0.5;
            sum += x[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        FeatureSchema s = FeatureSchema.of(FeatureSpec.numeric("big", "big values"));
        FeatureTable t = TestTables.table(s, TestTables.labels(n), x);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withLog1p(false));
        double[][] cols = enc.encodeColumns(t);
        for (int i = 0; i < n; i++) {
            assertThat(cols[0][i]).isCloseTo((x[i] - mean) / sd, within(1e-6));
        }
    }

    @Test
    void jsonRoundTripGivesTheSameOutputs() {
        FeatureTable t = sample(500, 9);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withQuantileBins(4).withMinCount(11));
        String json = enc.toJson();
        assertThat(json).contains("\"formatVersion\" : 1");
        FittedEncoding back = FittedEncoding.fromJson(json);
        assertThat(back.outputNames()).isEqualTo(enc.outputNames());
        assertThat(back.inputSchema()).isEqualTo(enc.inputSchema());
        assertThat(back.config()).isEqualTo(enc.config());
        assertThat(back.encodeColumns(t)).isDeepEqualTo(enc.encodeColumns(t));
        assertThat(back.toJson()).isEqualTo(json);
    }

    @Test
    void rejectsANewerFormatVersionNamingBoth() {
        String json = FittedEncoding.fit(sample(50, 10), EncoderConfig.defaults()).toJson()
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedEncoding.fromJson(json));
        assertThat(e.getMessage()).contains("7").contains("(1)").contains("newer");
    }

    @Test
    void rejectsJsonWithoutARequiredField() {
        String json = FittedEncoding.fit(sample(50, 11), EncoderConfig.defaults()).toJson()
                .replace("\"center\"", "\"centre\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FittedEncoding.fromJson(json));
        assertThat(e.getMessage()).isEqualTo("feature cart_adds: missing field 'center'");
    }

    @Test
    void rejectsATableWithoutTheTrainedFeatures() {
        FittedEncoding enc = FittedEncoding.fit(sample(50, 12), EncoderConfig.defaults());
        FeatureTable other = TestTables.table(FeatureSchema.of(FeatureSpec.count("cart_adds", "c")),
                new boolean[1], new double[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.encodeColumns(other));
        assertThat(e.getMessage()).contains("table lacks features the encoding needs: [hour_sin, weekend, source]");
    }

    @Test
    void rejectsBadConfigurations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EncoderConfig.defaults().withQuantileBins(1));
        assertThat(e.getMessage()).isEqualTo("quantileBins must be 0 (off) or 2..100, was 1");
        e = assertThrows(IllegalArgumentException.class, () -> EncoderConfig.defaults().withMinCount(0));
        assertThat(e.getMessage()).isEqualTo("minCount must be >= 1, was 0");
    }

    @Test
    void linearSumsMatchTheEncodedRows() {
        FeatureTable t = sample(700, 13);
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults().withQuantileBins(3).withMinCount(11));
        Random rnd = new Random(3);
        double[] w = new double[enc.width()];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextGaussian();
        }
        double[] z = new double[200];
        java.util.Arrays.fill(z, 0.5);
        enc.addLinear(t, 100, 300, w, z);
        double[] x = new double[enc.width()];
        for (int i = 100; i < 300; i++) {
            enc.encodeRow(t, i, x);
            double dot = 0;
            for (int k = 0; k < x.length; k++) {
                dot += w[k] * x[k];
            }
            assertThat(z[i - 100]).isCloseTo(0.5 + dot, within(1e-9));
            assertThat(enc.dotRow(t.row(i), w)).isCloseTo(dot, within(1e-9));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.dotRow(t.row(0), new double[3]));
        assertThat(e.getMessage()).isEqualTo("raw row has 4 values and weights 3, the encoding expects 4 and "
                + enc.width());
    }

    @Test
    void rejectsInfiniteTrainingValuesNamingTheRow() {
        FeatureSchema s = FeatureSchema.of(FeatureSpec.numeric("x", "x"));
        FeatureTable t = TestTables.table(s, TestTables.labels(3), new double[] {1, Double.POSITIVE_INFINITY, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FittedEncoding.fit(t, EncoderConfig.defaults()));
        assertThat(e.getMessage()).isEqualTo(
                "feature x row 1 (session r1): value Infinity is not finite; features must be finite or NaN (missing)");
    }

    @Test
    void readsTheVersionOneFixture() throws java.io.IOException {
        String json;
        try (java.io.InputStream in = FittedEncodingTest.class.getResourceAsStream("encoding-v1.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        FittedEncoding enc = FittedEncoding.fromJson(json);
        assertThat(enc.outputNames()).containsExactly("cart_adds", "cart_adds:missing", "cart_adds:bin0",
                "cart_adds:bin1", "cart_adds:bin2", "hour_sin", "hour_sin:bin0", "hour_sin:bin1", "hour_sin:bin2",
                "checkout_initiated", "traffic_source=ads", "traffic_source=direct", "traffic_source=search",
                "traffic_source=(other)");
        assertThat(enc.inputSchema().get("checkout_initiated").nearOutcome()).isTrue();
        double[] out = new double[enc.width()];
        enc.encodeRow(new double[] {4, 0.5, 1, 0}, out);
        assertThat(out[0]).isCloseTo((Math.log(5) - 0.8774495024272927) / 0.7311752823682133, within(1e-12));
        assertThat(out[5]).isCloseTo((0.5 - 0.041666666666666664) / 0.6811865761413326, within(1e-12));
        assertThat(java.util.Arrays.copyOfRange(out, 1, 5)).containsExactly(0, 0, 0, 1);
        assertThat(java.util.Arrays.copyOfRange(out, 6, 14)).containsExactly(0, 0, 1, 1, 1, 0, 0, 0);
        enc.encodeRow(new double[] {Double.NaN, -0.2, Double.NaN, Double.NaN}, out);
        assertThat(out[1]).isEqualTo(1.0);
        assertThat(out[9]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(out[13]).isEqualTo(1.0);
    }
}
