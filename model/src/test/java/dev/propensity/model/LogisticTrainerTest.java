package dev.propensity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(4000, 11);

    @Test
    void probabilitiesAreInRangeAndRankBuyersFirst() {
        PurchaseModel m = Trainers.logisticRegression().train(MIXED);
        double[] p = m.predict(MIXED);
        assertThat(p).hasSize(MIXED.rows());
        for (double v : p) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.75);
        assertThat(m.card().trainer()).isEqualTo("logistic");
        assertThat(m.card().trainingRows()).isEqualTo(MIXED.rows());
        assertThat(m.card().trainingPositives()).isEqualTo(MIXED.positives());
    }

    @Test
    void sameSeedGivesTheSameModel() {
        FeatureTable t = SyntheticTables.gaussian(30_000, 5, 3);
        double[] a = Trainers.logisticRegression().train(t).predict(t);
        double[] b = Trainers.logisticRegression().train(t).predict(t);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void recoversTheTrueWeightsOfTheGenerator() {
        FeatureTable t = SyntheticTables.gaussian(200_000, 4, 5);
        LinearExplainable m = (LinearExplainable) Trainers.logisticRegression(LogisticConfig.defaults().withL2(0)
                .withEncoder(EncoderConfig.defaults().withStandardize(false))).train(t);
        // y ~ Bernoulli(sigmoid(2 X w - 2)): the intercept is -2 and each coefficient 2 w_j
        assertThat(m.intercept()).isCloseTo(-2.0, within(0.05));
        java.util.SplittableRandom r = new java.util.SplittableRandom(5); // the generator's first draws are w
        for (int j = 0; j < 4; j++) {
            double w = SyntheticTables.gauss(r) / Math.sqrt(4);
            assertThat(m.coefficients().get("x" + j)).as("x" + j).isCloseTo(2 * w, within(0.05));
        }
    }

    @Test
    void singleSessionProbabilityAgreesWithBatchAndExplanationSumsToTheLogOdds() {
        PurchaseModel m = Trainers.logisticRegression().train(MIXED);
        double[] p = m.predict(MIXED);
        LinearExplainable lin = (LinearExplainable) m;
        for (int row : new int[] {0, 1, 17, 999}) {
            assertThat(m.probability(MIXED.row(row))).isCloseTo(p[row], within(1e-12));
            Explanation e = lin.explain(MIXED, row);
            double sum = e.intercept() + e.contributions().stream().mapToDouble(Explanation.Contribution::contribution)
                    .sum();
            assertThat(sum).isCloseTo(e.logOdds(), within(1e-9));
            assertThat(e.probability()).isCloseTo(p[row], within(1e-12));
            assertThat(e.contributions()).extracting(Explanation.Contribution::feature)
                    .containsExactly("pages", "value", "channel", "returning");
        }
    }

    @Test
    void coefficientsAreNamedByEncodedInputAndCarryTheSignal() {
        LinearExplainable m = (LinearExplainable) Trainers.logisticRegression(LogisticConfig.defaults().withGate(""))
                .train(MIXED);
        Map<String, Double> c = m.coefficients();
        assertThat(c).containsKeys("pages", "value", "channel=ads", "returning");
        assertThat(c.get("pages")).isPositive();
        assertThat(c.get("returning")).isNegative();
        assertThat(c.get("channel=ads")).isGreaterThan(c.get("channel=direct"));
    }

    @Test
    void autoGatePicksTheZeroInflatedSignalAndAddsGatedInputs() {
        LinearExplainable m = (LinearExplainable) Trainers.logisticRegression().train(MIXED);
        assertThat(m.coefficients()).containsKey("[value!=0]*pages");
        assertThat(m.sourceFeature("[value!=0]*pages")).isEqualTo("pages");
        assertThat(m.sourceFeature("channel=ads")).isEqualTo("channel");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.sourceFeature("nope"));
        assertThat(e.getMessage()).contains("'nope'");
        assertThat(((PurchaseModel) m).card().config()).containsEntry("gate", "auto");
    }

    @Test
    void namedGateMustBeANonCategoricalFeature() {
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression(LogisticConfig.defaults().withGate("nope")).train(MIXED));
        assertThat(absent.getMessage()).contains("gate feature 'nope' is not in the table");
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression(LogisticConfig.defaults().withGate("channel")).train(MIXED));
        assertThat(cat.getMessage()).contains("must be numeric, count or binary");
    }

    @Test
    void balancedClassWeightsRaiseTheAverageProbability() {
        double plain = mean(Trainers.logisticRegression().train(MIXED).predict(MIXED));
        double balanced = mean(Trainers.logisticRegression(LogisticConfig.defaults()
                .withClassWeighting(ClassWeighting.BALANCED)).train(MIXED).predict(MIXED));
        assertThat(balanced).isGreaterThan(plain + 0.1);
        assertThat(plain).isCloseTo(MIXED.positives() / (double) MIXED.rows(), within(0.01));
    }

    @Test
    void tribuoSgdOptimiserTrainsAComparableModel() {
        PurchaseModel m = Trainers.logisticRegression(LogisticConfig.defaults()
                .withOptimiser(LogisticConfig.Optimiser.TRIBUO_SGD).withEpochs(3)).train(MIXED);
        double[] p = m.predict(MIXED);
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.72);
        assertThat(m.card().config()).containsEntry("optimiser", "tribuo-sgd");
    }

    @Test
    void refusesATableWithoutRows() {
        FeatureTable empty = MIXED.select(new int[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression().train(empty));
        assertThat(e.getMessage()).contains("no rows");
    }

    @Test
    void refusesASingleClass() {
        FeatureTable buyersOnly = MIXED.select(rowsWithLabel(MIXED, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression().train(buyersOnly));
        assertThat(e.getMessage()).contains("both purchases and non-purchases").contains("are purchases");
    }

    @Test
    void refusesFewerPositivesThanTheMinimum() {
        LogisticConfig c = LogisticConfig.defaults().withMinPositives(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression(c).train(MIXED));
        assertThat(e.getMessage()).contains("at least 100000 purchases").contains("has " + MIXED.positives());
    }

    @Test
    void refusesInfiniteValuesNamingFeatureAndRow() {
        double[] x = new double[50];
        double[] other = new double[50];
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < 50; i++) {
            x[i] = i % 7;
            other[i] = i;
            b.addRow("s" + i, i % 3 == 0, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        x[23] = Double.POSITIVE_INFINITY;
        FeatureTable t = FeatureTable.of(FeatureSchema.of(FeatureSpec.numeric("duration", "d"),
                FeatureSpec.numeric("other", "o")), new double[][] {x, other}, b.build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.logisticRegression(LogisticConfig.defaults().withMinPositives(1)).train(t));
        assertThat(e.getMessage()).contains("feature duration").contains("row 23").contains("session s23");
    }

    @Test
    void predictRefusesATableWithOtherFeaturesNamingThem() {
        PurchaseModel m = Trainers.logisticRegression().train(MIXED);
        FeatureTable other = SyntheticTables.gaussian(100, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(other));
        assertThat(e.getMessage()).contains("missing [pages, value, channel, returning]").contains("extra");
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticConfig.defaults().withL2(-1));
        assertThat(e.getMessage()).isEqualTo("l2 must be a finite number >= 0, was -1.0");
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> LogisticConfig.Optimiser.parse("adam"));
        assertThat(o.getMessage()).contains("lbfgs or tribuo-sgd").contains("'adam'");
    }

    @Test
    void tribuoInfoLoggingIsTurnedDownUnlessTheUserSetALevel() {
        java.util.logging.Logger tribuo = java.util.logging.Logger.getLogger("org.tribuo");
        java.util.logging.Level before = tribuo.getLevel();
        try {
            tribuo.setLevel(null);
            Trainers.logisticRegression().train(MIXED);
            assertThat(tribuo.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            tribuo.setLevel(java.util.logging.Level.INFO);
            Trainers.logisticRegression().train(MIXED);
            assertThat(tribuo.getLevel()).isEqualTo(java.util.logging.Level.INFO);
        } finally {
            tribuo.setLevel(before);
        }
    }

    static int[] rowsWithLabel(FeatureTable t, boolean label) {
        return java.util.stream.IntStream.range(0, t.rows()).filter(i -> t.label(i) == label).toArray();
    }

    private static double mean(double[] a) {
        return java.util.Arrays.stream(a).average().orElseThrow();
    }
}
