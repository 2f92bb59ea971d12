package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CurvesTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void rocMatchesTheScikitLearnDocumentationExample() {
        RocCurve roc = Curves.roc(new boolean[] {F, F, T, T}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(roc.falsePositiveRate()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.truePositiveRate()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(roc.area()).isEqualTo(0.75);
    }

    @Test
    void rocDropsPointsInsideStraightRuns() {
        // three buyers in a row at the top: the middle points of the vertical run are dropped
        RocCurve roc = Curves.roc(new boolean[] {T, T, T, F, F}, new double[] {0.9, 0.8, 0.7, 0.2, 0.1});
        assertThat(roc.falsePositiveRate()).containsExactly(0, 0, 0, 1);
        assertThat(roc.truePositiveRate()).containsExactly(0, 1.0 / 3, 1, 1);
    }

    @Test
    void rocNeedsBothClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curves.roc(new boolean[] {T, T}, new double[] {0.1, 0.2}));
        assertThat(e.getMessage()).contains("both buyers and non-buyers").contains("2 buyers and 0 non-buyers");
    }

    @Test
    void precisionRecallMatchesTheScikitLearnDocumentationExampleReadBackwards() {
        // sklearn 1.2.1: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
        PrecisionRecallCurve pr = Curves.precisionRecall(new boolean[] {F, F, T, T}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(pr.recall()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(pr.precision()).containsExactly(1, 1, 0.5, 2.0 / 3, 0.5);
        assertThat(pr.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(pr.averagePrecision()).isCloseTo(5.0 / 6, within(1e-15));
    }

    @Test
    void curvesAgreeWithTheScalarMetricsOnRandomData() {
        Random rnd = new Random(7);
        for (int rep = 0; rep < 50; rep++) {
            int n = 10 + rnd.nextInt(200);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextDouble() < 0.25;
                s[i] = Math.round((rnd.nextDouble() + (y[i] ? 0.3 : 0)) * 20) / 20.0;
            }
            y[0] = true;
            y[1] = false;
            assertThat(Curves.roc(y, s).area()).isCloseTo(ClassificationMetrics.rocAuc(y, s), within(1e-12));
            assertThat(Curves.precisionRecall(y, s).averagePrecision())
                    .isCloseTo(ClassificationMetrics.averagePrecision(y, s), within(1e-12));
            GainsCurve g = Curves.cumulativeGains(y, s);
            assertThat(g.fractionTargeted()[g.size() - 1]).isEqualTo(1.0);
            assertThat(g.fractionOfBuyers()[g.size() - 1]).isEqualTo(1.0);
            assertThat(g.lift()[g.size() - 1]).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void calibrationPutsAProbabilityOnAnInnerEdgeIntoTheLowerBin() {
        boolean[] y = {F, T, F, T, T};
        double[] p = {0.05, 0.5, 0.55, 0.95, 0.95};
        CalibrationCurve c = Curves.calibration(y, p, 2);
        assertThat(c.binning()).isEqualTo(CalibrationCurve.Binning.UNIFORM);
        assertThat(c.counts()).containsExactly(2, 3);
        assertThat(c.meanPredicted()[0]).isCloseTo(0.275, within(1e-15));
        assertThat(c.meanPredicted()[1]).isCloseTo(2.45 / 3, within(1e-15));
        assertThat(c.observedRate()).containsExactly(0.5, 2.0 / 3);
        assertThat(c.low()[0]).isEqualTo(Wilson.interval(1, 2).low());
        // ECE = (2 * |0.5 - 0.275| + 3 * |2/3 - 0.8167|) / 5
        assertThat(c.expectedCalibrationError()).isCloseTo((2 * 0.225 + 3 * Math.abs(2.0 / 3 - 2.45 / 3)) / 5, within(1e-12));
    }

    @Test
    void uniformCalibrationBinsAsTheSearchOverItsEdgesDoesOnAndAroundEveryEdge() {
        Random r = new Random(5);
        for (int bins = 1; bins <= 40; bins++) {
            double step = 1.0 / bins;
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = i * step;
            }
            edges[bins] = 1.0;
            java.util.List<Double> values = new java.util.ArrayList<>();
            for (int k = 0; k <= bins; k++) {
                for (double v : new double[] {k * step, (double) k / bins, Math.nextUp(k * step),
                    Math.nextDown(k * step)}) {
                    if (v >= 0 && v <= 1) {
                        values.add(v);
                    }
                }
            }
            for (int i = 0; i < 200; i++) {
                values.add(r.nextDouble());
            }
            double[] p = values.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] y = new boolean[p.length];
            long[] expected = new long[bins];
            for (int i = 0; i < p.length; i++) {
                y[i] = i % 3 == 0;
                // NumPy's searchsorted(edges[1:-1], p, side="left"): the inner edges strictly below p
                int below = 0;
                for (int e = 1; e < bins; e++) {
                    below += edges[e] < p[i] ? 1 : 0;
                }
                expected[below]++;
            }
            long[] nonEmpty = java.util.Arrays.stream(expected).filter(c -> c > 0).toArray();
            CalibrationCurve c = Curves.calibration(y, p, bins);
            assertThat(c.counts()).as("bins " + bins).containsExactly(nonEmpty);
        }
    }

    @Test
    void calibrationLeavesOutEmptyBins() {
        CalibrationCurve c = Curves.calibration(new boolean[] {F, T}, new double[] {0.01, 0.99}, 10);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.meanPredicted()).containsExactly(0.01, 0.99);
    }

    @Test
    void quantileBinsHoldAboutEquallyManySessions() {
        Random rnd = new Random(3);
        int n = 1000;
        boolean[] y = new boolean[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.pow(rnd.nextDouble(), 3);
            y[i] = rnd.nextDouble() < p[i];
        }
        CalibrationCurve q = Curves.calibration(y, p, 5, CalibrationCurve.Binning.QUANTILE);
        assertThat(q.size()).isEqualTo(5);
        for (long c : q.counts()) {
            assertThat(c).isBetween(199L, 201L);
        }
        CalibrationCurve u = Curves.calibration(y, p, 5, CalibrationCurve.Binning.UNIFORM);
        assertThat(u.counts()[0]).isGreaterThan(400); // p^3 piles up near 0
    }

    @Test
    void calibrationRejectsZeroBins() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curves.calibration(new boolean[] {T}, new double[] {0.5}, 0));
        assertThat(e.getMessage()).contains("at least 1 bin").contains("0");
    }

    @Test
    void gainsAndLiftOfAHandCase() {
        GainsCurve g = Curves.cumulativeGains(new boolean[] {T, F, T, F}, new double[] {0.9, 0.8, 0.7, 0.6});
        assertThat(g.fractionTargeted()).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(g.fractionOfBuyers()).containsExactly(0.5, 0.5, 1, 1);
        assertThat(g.lift()[0]).isEqualTo(2.0);
        assertThat(g.lift()[1]).isEqualTo(1.0);
        assertThat(g.lift()[2]).isCloseTo(4.0 / 3, within(1e-15));
        assertThat(g.buyersReachedAt(0.125)).isCloseTo(0.25, within(1e-15));
        assertThat(g.buyersReachedAt(0.625)).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void gainsNeedABuyer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curves.cumulativeGains(new boolean[] {F, F}, new double[] {0.1, 0.2}));
        assertThat(e.getMessage()).contains("at least one buyer");
    }

    @Test
    void curveRecordsCopyTheirArrays() {
        double[] x = {0, 1};
        double[] y = {0, 1};
        double[] t = {Double.POSITIVE_INFINITY, 0.5};
        RocCurve roc = new RocCurve(x, y, t);
        x[1] = 0.5;
        assertThat(roc.falsePositiveRate()[1]).isEqualTo(1.0);
        roc.falsePositiveRate()[1] = 0.3;
        assertThat(roc.falsePositiveRate()[1]).isEqualTo(1.0);
        assertThat(roc).isEqualTo(new RocCurve(new double[] {0, 1}, new double[] {0, 1}, t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RocCurve(new double[] {0, 1}, new double[] {0}, t));
        assertThat(e.getMessage()).contains("differ in length").contains("2 vs 1");
    }

    @Test
    void thinningKeepsBothEndsAndAtMostTheRequestedPoints() {
        Random rnd = new Random(2);
        int n = 5000;
        boolean[] y = new boolean[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < 0.2;
            s[i] = rnd.nextDouble() + (y[i] ? 0.4 : 0);
        }
        RocCurve full = Curves.roc(y, s);
        RocCurve thin = full.thin(100);
        assertThat(full.size()).isGreaterThan(100);
        assertThat(thin.size()).isEqualTo(100);
        assertThat(thin.falsePositiveRate()[0]).isZero();
        assertThat(thin.falsePositiveRate()[99]).isEqualTo(1.0);
        assertThat(thin.truePositiveRate()[99]).isEqualTo(1.0);
        assertThat(thin.area()).isCloseTo(full.area(), within(0.01));
        assertThat(Curves.precisionRecall(y, s).thin(50).size()).isEqualTo(50);
        GainsCurve g = Curves.cumulativeGains(y, s).thin(10);
        assertThat(g.fractionTargeted()[9]).isEqualTo(1.0);
        RocCurve small = Curves.roc(new boolean[] {T, F}, new double[] {0.9, 0.1});
        assertThat(small.thin(100)).isEqualTo(small);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> full.thin(1));
        assertThat(e.getMessage()).contains("at least 2 points");
    }
}
