package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ConfusionMatrix;
import dev.propensity.metrics.Curves;

class ChartsTest {
    private static final SampleData DATA = SampleData.events(3000, 11);

    @Test
    void rocHasTheModelWithItsAucAndTheDiagonal() {
        XYChart c = Charts.roc(Curves.roc(DATA.labels, DATA.scores));
        double auc = ClassificationMetrics.rocAuc(DATA.labels, DATA.scores);
        String model = String.format(java.util.Locale.ROOT, "model (AUC %.3f)", auc);
        assertThat(c.getSeriesMap()).containsKeys(model, "chance (AUC 0.5)");
        XYSeries diag = c.getSeriesMap().get("chance (AUC 0.5)");
        assertThat(diag.getXData()).containsExactly(0, 1);
        assertThat(diag.getYData()).containsExactly(0, 1);
        XYSeries m = c.getSeriesMap().get(model);
        assertThat(m.getXData()[0]).isZero();
        assertThat(m.getYData()[m.getYData().length - 1]).isEqualTo(1.0);
        assertThat(c.getXAxisTitle()).contains("false positive rate");
        assertThat(c.getYAxisTitle()).contains("true positive rate");
    }

    @Test
    void longCurvesAreThinnedButKeepTheirEnds() {
        double[] x = new double[10_001];
        double[] y = new double[10_001];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 10_000.0;
            y[i] = Math.sqrt(x[i]);
        }
        double[][] t = Charts.thin(x, y, 400);
        assertThat(t[0].length).isLessThanOrEqualTo(2 * 400 + 2).isGreaterThan(100);
        assertThat(t[0][0]).isZero();
        assertThat(t[0][t[0].length - 1]).isEqualTo(1.0);
        assertThat(t[1][t[1].length - 1]).isEqualTo(1.0);
    }

    @Test
    void precisionRecallShowsTheBaseRateAsNoSkillLine() {
        XYChart c = Charts.precisionRecall(Curves.precisionRecall(DATA.labels, DATA.scores), 0.155);
        XYSeries base = c.getSeriesMap().get("base rate 15.5% (no skill)");
        assertThat(base).isNotNull();
        assertThat(base.getYData()).containsExactly(0.155, 0.155);
    }

    @Test
    void precisionRecallRejectsABaseRateOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.precisionRecall(Curves.precisionRecall(DATA.labels, DATA.scores), 1.5));
        assertThat(e).hasMessageContaining("baseRate must be in [0, 1], was 1.5");
    }

    @Test
    void calibrationPlotsEveryBinAgainstTheDiagonal() {
        var curve = Curves.calibration(DATA.labels, DATA.scores, 10);
        XYChart c = Charts.calibration(curve);
        XYSeries model = c.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("model (ECE"))
                .findFirst().orElseThrow();
        assertThat(model.getXData()).containsExactly(curve.meanPredicted());
        assertThat(model.getYData()).containsExactly(curve.observedRate());
        assertThat(c.getSeriesMap()).containsKey("perfectly calibrated");
    }

    @Test
    void gainsStartAtTheOriginAndEndAtAllBuyers() {
        var curve = Curves.cumulativeGains(DATA.labels, DATA.scores);
        XYChart c = Charts.cumulativeGains(curve, 0.18);
        XYSeries model = c.getSeriesMap().values().iterator().next();
        assertThat(model.getName()).startsWith("model (top 20% reach");
        assertThat(model.getXData()[0]).isZero();
        assertThat(model.getYData()[0]).isZero();
        assertThat(model.getYData()[model.getYData().length - 1]).isEqualTo(1.0);
        assertThat(c.getSeriesMap()).containsKeys("random targeting", "perfect model");
    }

    @Test
    void confusionMatrixShowsTheFourCountsAndTheThreshold() {
        KpiTilesChart c = Charts.confusionMatrix(new ConfusionMatrix(30, 20, 900, 50), 0.35);
        assertThat(c.getTitle()).isEqualTo("Actual vs predicted at threshold 0.350");
        assertThat(c.getTiles()).extracting(KpiTile::getValue).containsExactly("30", "50", "20", "900");
        assertThat(c.getSeriesMap().get("Buyer, missed").getCaption()).contains("62.5% of buyers");
    }

    @Test
    void scoreDistributionNormalisesEachClassToOneHundredPercent() {
        XYChart c = Charts.scoreDistribution(DATA.labels, DATA.scores, 0.3, 20);
        long buyers = 0;
        for (boolean b : DATA.labels) {
            buyers += b ? 1 : 0;
        }
        XYSeries s = c.getSeriesMap().get("buyers (n=" + String.format(java.util.Locale.US, "%,d", buyers) + ")");
        double total = 0;
        for (int i = 0; i < s.getYData().length; i += 2) {
            total += s.getYData()[i];
        }
        assertThat(total).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.getSeriesMap()).containsKey("threshold 0.30");
        assertThat(c.getYAxisTitle()).contains("(%)");
    }

    @Test
    void scoreDistributionRejectsScoresThatAreNotProbabilities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.scoreDistribution(new boolean[] {true, false}, new double[] {0.2, 1.7}, 0.5, 10));
        assertThat(e).hasMessageContaining("score 1 must be a probability in [0, 1], was 1.7");
    }

    @Test
    void funnelHasABarPerStepWithItsSessions() {
        var funnel = dev.propensity.metrics.Funnel.of(DATA.facts);
        XYChart c = Charts.funnel(funnel);
        assertThat(c.getSeriesMap()).hasSize(funnel.steps().size());
        for (var st : funnel.steps()) {
            XYSeries s = c.getSeriesMap().get(st.name());
            assertThat(s.getXData()).containsExactly(0, st.sessions());
        }
        // first step on top
        assertThat(c.getSeriesMap().get("Sessions").getYData()[0]).isEqualTo(funnel.steps().size() - 1.0);
        assertThat(c.getXAxisTitle()).startsWith("sessions");
    }

    @Test
    void longFeatureNamesAreCutInTheMiddleKeepingBothEnds() {
        assertThat(Charts.shorten("[checkout_initiated!=0]*duration_seconds", 32))
                .hasSize(32).startsWith("[checkout_initi").endsWith("duration_seconds").contains("\u2026");
        assertThat(Charts.shorten("cart_adds", 32)).isEqualTo("cart_adds");
        assertThat(Charts.shorten("abcdefgh", 5)).isEqualTo("ab\u2026gh");
    }

    @Test
    void importanceKeepsTheLargestFeaturesLargestOnTop() {
        String[] names = new String[20];
        double[] values = new double[20];
        for (int i = 0; i < 20; i++) {
            names[i] = "f" + i;
            values[i] = (i % 2 == 0 ? 1 : -1) * (i + 1);
        }
        var imp = dev.propensity.metrics.Importance.fromCoefficients(names, values);
        XYChart c = Charts.featureImportance(imp);
        assertThat(c.getSeriesMap()).hasSize(Charts.MAX_FEATURES);
        XYSeries top = c.getSeriesMap().values().stream().filter(s -> s.getYData()[0] == Charts.MAX_FEATURES - 1)
                .findFirst().orElseThrow();
        assertThat(top.getXData()[1]).isEqualTo(-20.0);
        assertThat(c.getSeriesMap()).containsKeys("raises purchase", "lowers purchase");
        assertThat(c.getXAxisTitle()).startsWith("standardised coefficient");
    }

    @Test
    void importanceOfOneFeatureStillRenders() {
        var imp = dev.propensity.metrics.Importance.fromCoefficients(new String[] {"only"}, new double[] {0.0});
        XYChart c = Charts.featureImportance(imp);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> ChartFiles.png(c));
        assertThat(c.getTitle()).contains("top 1 feature)");
    }

    @Test
    void importanceNeedsAtLeastOneFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.featureImportance(java.util.List.of()));
        assertThat(e).hasMessageContaining("no feature importances");
    }

    @Test
    void hourLabelsAreShortenedToTheHour() {
        var bd = dev.propensity.metrics.Breakdowns.byHourOfDay(DATA.facts);
        var c = Charts.breakdown(bd);
        assertThat(c.getSeriesMap().get("conversion").getXData()).allMatch(x -> ((String) x).matches("\\d{1,2}"));
        assertThat(c.getXAxisTitle()).contains("0-23");
        assertThat(c.getTitle()).isEqualTo("Conversion by hour of day");
    }

    @Test
    void kpiTilesWithoutAModelHaveThreeTiles() {
        KpiTilesChart c = Charts.kpiTiles(dev.propensity.metrics.Kpis.of(DATA.facts));
        assertThat(c.getTiles()).extracting(KpiTile::getLabel).containsExactly("Sessions", "Purchases",
                "Conversion rate");
        assertThat(c.getSeriesMap().get("Conversion rate").getCaption()).startsWith("95% CI ");
    }

    @Test
    void chartsRenderToPngOfTheirSize() throws IOException {
        XYChart c = Charts.roc(Curves.roc(DATA.labels, DATA.scores));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ChartFiles.png(c)));
        assertThat(img.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(img.getHeight()).isEqualTo(ChartStyle.HEIGHT);
    }
}
