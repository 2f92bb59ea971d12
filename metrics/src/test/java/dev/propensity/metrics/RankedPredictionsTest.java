package dev.propensity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ranked entry point gives exactly the figures of the row-by-row functions. */
class RankedPredictionsTest {
    private static final EvaluationProtocol CV = EvaluationProtocol.crossValidation(5, 42);

    /** n rows, buyers more likely at high scores; scores rounded to {@code digits} decimals to make ties. */
    private static Object[] predictions(int n, int digits, long seed, boolean ascending) {
        Random r = new Random(seed);
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        double scale = Math.pow(10, digits);
        for (int i = 0; i < n; i++) {
            p[i] = Math.round(Math.min(1, Math.max(0, 0.05 * Math.exp(1.5 * r.nextGaussian()))) * scale) / scale;
        }
        if (ascending) {
            Arrays.sort(p);
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < p[i];
        }
        return new Object[] {y, p};
    }

    @Test
    void reportsAndEvaluationEqualTheRowByRowFunctions() {
        // many distinct scores (curves thinned), heavy ties, and scores in ascending order
        for (Object[] d : new Object[][] {predictions(30_000, 9, 1, false), predictions(5_000, 2, 2, false),
            predictions(20_000, 6, 3, true), predictions(40, 3, 4, false)}) {
            boolean[] y = (boolean[]) d[0];
            double[] p = (double[]) d[1];
            RankedPredictions ranked = RankedPredictions.of(y, p);
            assertThat(ranked.size()).isEqualTo(y.length);
            for (double t : new double[] {0.0, 0.05, 0.3, 0.5, 0.99, 1.0, 1.5, -2}) {
                assertThat(ranked.report(t)).as("threshold " + t).isEqualTo(ClassificationMetrics.evaluate(y, p, t));
            }
            for (double t : new double[] {0.1, 0.5}) {
                EvaluationResult expected = EvaluationResult.of(CV, y, p, new int[y.length], t);
                EvaluationResult actual = ranked.evaluation(CV, t);
                assertThat(actual).isEqualTo(expected);
                assertThat(actual.roc()).isEqualTo(expected.roc());
                assertThat(actual.precisionRecall()).isEqualTo(expected.precisionRecall());
                assertThat(actual.gains()).isEqualTo(expected.gains());
                assertThat(actual.calibration()).isEqualTo(expected.calibration());
            }
        }
    }

    @Test
    void reportsAtTheScoresThemselvesAndBeyondCountAsEveryRowDoes() {
        // the confusion counts come from the ranking: thresholds equal to a score, between scores and outside
        for (Object[] d : new Object[][] {predictions(8_000, 2, 7, true), predictions(8_000, 4, 8, false)}) {
            boolean[] y = (boolean[]) d[0];
            double[] p = (double[]) d[1];
            RankedPredictions owned = RankedPredictions.ofOwned(y.clone(), p.clone());
            RankedPredictions copied = RankedPredictions.of(y, p);
            for (double t : new double[] {p[0], p[1], p[p.length / 2], p[p.length - 1], Math.nextUp(p[7]),
                Math.nextDown(p[9]), 1.5, -1, -0.0, 1e-9}) {
                ClassificationReport expected = ClassificationMetrics.evaluate(y, p, t);
                assertThat(copied.report(t)).as("threshold " + t).isEqualTo(expected);
                assertThat(owned.report(t)).as("threshold " + t).isEqualTo(expected);
            }
        }
        assertThatThrownBy(() -> RankedPredictions.ofOwned(new boolean[] {true}, new double[] {-0.1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 0");
    }

    @Test
    void thinnedCurvesEqualTheFullCurvesThinned() {
        Object[] d = predictions(30_000, 9, 5, false);
        boolean[] y = (boolean[]) d[0];
        double[] p = (double[]) d[1];
        Ranked r = Ranked.of(y, p);
        for (int max : new int[] {2, 3, 2000, 1_000_000}) {
            assertThat(Curves.roc(r, max)).isEqualTo(Curves.roc(y, p).thin(max));
            assertThat(Curves.precisionRecall(r, max)).isEqualTo(Curves.precisionRecall(y, p).thin(max));
            assertThat(Curves.cumulativeGains(r, max)).isEqualTo(Curves.cumulativeGains(y, p).thin(max));
        }
        assertThat(Curves.roc(r, 2000).size()).isEqualTo(2000);
    }

    @Test
    void theArraysAreCopiedAndBadInputIsRefused() {
        boolean[] y = {true, false, true, false};
        double[] p = {0.9, 0.2, 0.6, 0.4};
        RankedPredictions ranked = RankedPredictions.of(y, p);
        ClassificationReport before = ranked.report(0.5);
        p[0] = 0.0;
        y[1] = true;
        assertThat(ranked.report(0.5)).isEqualTo(before);
        assertThatThrownBy(() -> RankedPredictions.of(new boolean[] {true}, new double[] {1.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 0");
        assertThatThrownBy(() -> RankedPredictions.of(new boolean[] {true, false}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
        assertThatThrownBy(() -> ranked.report(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        RankedPredictions oneClass = RankedPredictions.of(new boolean[] {true, true}, new double[] {0.2, 0.7});
        assertThat(oneClass.report(0.5).rocAuc()).isNaN();
        assertThatThrownBy(() -> oneClass.evaluation(CV, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both buyers and non-buyers");
    }

    @Test
    void scoresInAscendingOrderRankAsUnsortedOnesDo() {
        Object[] d = predictions(10_000, 3, 6, true);
        boolean[] y = (boolean[]) d[0];
        double[] p = (double[]) d[1];
        // the same rows with the highest score first: the general path
        boolean[] ry = new boolean[y.length];
        double[] rp = new double[p.length];
        for (int i = 0; i < y.length; i++) {
            ry[i] = y[y.length - 1 - i];
            rp[i] = p[p.length - 1 - i];
        }
        Ranked a = Ranked.of(y, p);
        Ranked b = Ranked.of(ry, rp);
        assertThat(a.thresholds).isEqualTo(b.thresholds);
        assertThat(a.cumTp).isEqualTo(b.cumTp);
        assertThat(a.cumFp).isEqualTo(b.cumFp);
        assertThat(a.positives).isEqualTo(b.positives);
        assertThat(a.size()).isLessThan(y.length);
        // signed zeros group as one score, +0.0, either way
        Ranked z = Ranked.of(new boolean[] {true, false, true}, new double[] {-0.0, 0.0, 0.5});
        Ranked zr = Ranked.of(new boolean[] {true, true, false}, new double[] {0.5, -0.0, 0.0});
        assertThat(z.thresholds).isEqualTo(zr.thresholds).containsExactly(0.5, 0.0);
        assertThat(z.cumTp).isEqualTo(zr.cumTp);
    }
}
