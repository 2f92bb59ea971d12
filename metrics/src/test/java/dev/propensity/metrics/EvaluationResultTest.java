package dev.propensity.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EvaluationResultTest {

    @Test
    void poolsTheTestedRowsAndIgnoresTrainingOnlyRows() {
        Random rnd = new Random(5);
        int n = 300;
        boolean[] y = new boolean[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < 0.3;
            p[i] = Math.min(1, Math.max(0, (y[i] ? 0.3 : 0) + rnd.nextDouble() * 0.7));
        }
        EvaluationProtocol holdout = EvaluationProtocol.holdout(0.3, 42);
        int[] split = Splits.assign(holdout, y);
        double[] scores = p.clone();
        for (int i = 0; i < n; i++) {
            if (split[i] < 0) {
                scores[i] = Double.NaN; // training rows were not scored
            }
        }
        EvaluationResult r = EvaluationResult.of(holdout, y, scores, split, 0.5);
        assertThat(r.report().n()).isEqualTo(Splits.testRows(split, 0).length);
        assertThat(r.foldRocAuc()).hasSize(1);
        assertThat(r.foldRocAuc()[0]).isEqualTo(r.report().rocAuc());
        assertThat(r.roc().area()).isEqualTo(r.report().rocAuc());
        assertThat(r.protocol()).isEqualTo(holdout);
        assertThat(r.toString()).contains("holdout").contains("ROC AUC");
    }

    @Test
    void crossValidationGivesOneAucPerFold() {
        Random rnd = new Random(6);
        int n = 500;
        boolean[] y = new boolean[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < 0.2;
            p[i] = rnd.nextDouble();
        }
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(5, 1);
        EvaluationResult r = EvaluationResult.of(cv, y, p, Splits.assign(cv, y), 0.5);
        assertThat(r.foldRocAuc()).hasSize(5);
        // the standard deviation of exactly these fold AUCs, computed here from the folds' own rows
        int[] folds = Splits.assign(cv, y);
        double[] auc = new double[5];
        for (int f = 0; f < 5; f++) {
            int m = 0;
            for (int fold : folds) {
                m += fold == f ? 1 : 0;
            }
            boolean[] yf = new boolean[m];
            double[] pf = new double[m];
            for (int i = 0, k = 0; i < n; i++) {
                if (folds[i] == f) {
                    yf[k] = y[i];
                    pf[k++] = p[i];
                }
            }
            auc[f] = ClassificationMetrics.rocAuc(yf, pf);
            assertThat(r.foldRocAuc()[f]).isCloseTo(auc[f], org.assertj.core.api.Assertions.within(1e-12));
        }
        double mean = java.util.Arrays.stream(auc).average().orElseThrow();
        double ss = java.util.Arrays.stream(auc).map(a -> (a - mean) * (a - mean)).sum();
        assertThat(r.foldRocAucStd()).isPositive()
                .isCloseTo(Math.sqrt(ss / 4), org.assertj.core.api.Assertions.within(1e-12)); // sample std
        assertThat(r.report().n()).isEqualTo(n);
        assertThat(r.calibration().size()).isEqualTo(EvaluationResult.CALIBRATION_BINS);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluationResult.of(
                EvaluationProtocol.crossValidation(2, 1), new boolean[3], new double[3], new int[2], 0.5));
        assertThat(e.getMessage()).contains("3, 3, 2");
    }
}
