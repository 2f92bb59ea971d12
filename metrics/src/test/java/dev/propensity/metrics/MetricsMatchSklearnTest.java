package dev.propensity.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our metrics against scikit-learn 1.2.1 on fixtures written by {@code src/test/python/make_sklearn_fixtures.py}:
 * the pooled out-of-fold probabilities of a logistic regression under stratified 10-fold cross-validation on the
 * UCI Online Shoppers table (raw and rounded to 2 decimals, for ties), and random scores with heavy ties.
 */
class MetricsMatchSklearnTest {
    private static final double TOL = 1e-9;

    @ParameterizedTest
    @ValueSource(strings = {"uci_cv10_logreg", "uci_cv10_rounded", "random_ties_1", "random_ties_2", "random_ties_3"})
    void everyFigureMatchesScikitLearn(String fixture) throws IOException {
        List<String[]> rows = read("/sklearn/" + fixture + ".csv");
        boolean[] y = new boolean[rows.size()];
        double[] p = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i)[0].equals("1");
            p[i] = Double.parseDouble(rows.get(i)[1]);
        }
        Map<String, Double> e = new HashMap<>();
        for (String[] r : read("/sklearn/" + fixture + ".expected.csv")) {
            e.put(r[0], Double.parseDouble(r[1]));
        }
        ClassificationReport r = ClassificationMetrics.evaluate(y, p, e.get("threshold"));
        assertThat((double) r.n()).isEqualTo(e.get("n"));
        assertThat((double) r.positives()).isEqualTo(e.get("positives"));
        assertThat(r.rocAuc()).as("roc_auc").isCloseTo(e.get("roc_auc"), within(TOL));
        assertThat(r.averagePrecision()).as("average_precision").isCloseTo(e.get("average_precision"), within(TOL));
        assertThat(r.logLoss()).as("log_loss").isCloseTo(e.get("log_loss"), within(TOL));
        assertThat(r.brier()).as("brier").isCloseTo(e.get("brier"), within(TOL));
        assertThat(r.accuracy()).as("accuracy").isCloseTo(e.get("accuracy"), within(TOL));
        assertThat(r.precision()).as("precision").isCloseTo(e.get("precision"), within(TOL));
        assertThat(r.recall()).as("recall").isCloseTo(e.get("recall"), within(TOL));
        assertThat(r.f1()).as("f1").isCloseTo(e.get("f1"), within(TOL));
        assertThat(r.mcc()).as("mcc").isCloseTo(e.get("mcc"), within(TOL));
        assertThat(Thresholds.maxF1(y, p).value()).as("max_f1").isCloseTo(e.get("max_f1"), within(TOL));

        RocCurve roc = Curves.roc(y, p);
        assertThat((double) roc.size()).as("roc points").isEqualTo(e.get("roc_points"));
        double[] fpr = roc.falsePositiveRate();
        double[] tpr = roc.truePositiveRate();
        for (int i = 0; i < roc.size(); i++) {
            assertThat(fpr[i]).as("fpr %d", i).isCloseTo(e.get("roc_fpr_" + i), within(TOL));
            assertThat(tpr[i]).as("tpr %d", i).isCloseTo(e.get("roc_tpr_" + i), within(TOL));
        }
        assertThat(Curves.precisionRecall(y, p).averagePrecision()).isCloseTo(e.get("average_precision"), within(TOL));

        CalibrationCurve cal = Curves.calibration(y, p, 10);
        assertThat((double) cal.size()).as("calibration bins").isEqualTo(e.get("calibration_bins"));
        double[] pred = cal.meanPredicted();
        double[] obs = cal.observedRate();
        for (int i = 0; i < cal.size(); i++) {
            assertThat(pred[i]).as("calibration predicted %d", i).isCloseTo(e.get("calibration_predicted_" + i), within(TOL));
            assertThat(obs[i]).as("calibration observed %d", i).isCloseTo(e.get("calibration_observed_" + i), within(TOL));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uci_cv10_logreg", "uci_cv10_rounded", "random_ties_1", "random_ties_2", "random_ties_3"})
    void quantileCalibrationAndPrecisionRecallPointsMatchScikitLearn(String fixture) throws IOException {
        List<String[]> rows = read("/sklearn/" + fixture + ".csv");
        boolean[] y = new boolean[rows.size()];
        double[] p = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i)[0].equals("1");
            p[i] = Double.parseDouble(rows.get(i)[1]);
        }
        Map<String, Double> e = new HashMap<>();
        for (String[] r : read("/sklearn/" + fixture + ".expected.csv")) {
            e.put(r[0], Double.parseDouble(r[1]));
        }
        CalibrationCurve q = Curves.calibration(y, p, 10, CalibrationCurve.Binning.QUANTILE);
        assertThat((double) q.size()).as("quantile bins").isEqualTo(e.get("calibration_quantile_bins"));
        for (int i = 0; i < q.size(); i++) {
            assertThat(q.meanPredicted()[i]).as("quantile predicted %d", i)
                    .isCloseTo(e.get("calibration_quantile_predicted_" + i), within(TOL));
            assertThat(q.observedRate()[i]).as("quantile observed %d", i)
                    .isCloseTo(e.get("calibration_quantile_observed_" + i), within(TOL));
        }
        if (e.containsKey("pr_points")) {
            PrecisionRecallCurve pr = Curves.precisionRecall(y, p);
            assertThat((double) pr.size()).as("pr points").isEqualTo(e.get("pr_points"));
            for (int i = 0; i < pr.size(); i++) {
                assertThat(pr.recall()[i]).as("recall %d", i).isCloseTo(e.get("pr_recall_" + i), within(TOL));
                assertThat(pr.precision()[i]).as("precision %d", i).isCloseTo(e.get("pr_precision_" + i), within(TOL));
            }
        }
    }

    private static List<String[]> read(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = MetricsMatchSklearnTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource " + resource).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }
}
