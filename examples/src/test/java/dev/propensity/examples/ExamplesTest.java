package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.Splits;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.DashboardResult;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.OutputWriter;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests: every example program runs and gives a sensible result. */
class ExamplesTest {

    @Test
    void quickStartWritesTheDashboard(@TempDir Path out) throws IOException {
        OutputWriter.Written w = QuickStart.run(out);
        assertThat(out.resolve("dashboard.png")).isNotEmptyFile();
        assertThat(out.resolve("dashboard.html")).isNotEmptyFile();
        assertThat(out.resolve("charts/roc.svg")).isNotEmptyFile();
        assertThat(w.report().kpis().sessions()).isEqualTo(5_000);
        assertThat(w.report().kpis().modelQuality().orElseThrow().rocAuc()).isGreaterThan(0.75);
        assertThat(ReportJson.read(w.reportJson())).isEqualTo(w.report());
    }

    @Test
    void uciDashboardBeatsTheBaseline(@TempDir Path out) throws IOException {
        Optional<Path> table = SharedData.find(SharedData.UCI);
        requireData(table.isPresent());
        OutputWriter.Written w = UciDashboard.run(table.get(), out);
        Report r = w.report();
        assertThat(r.input().sessions()).isEqualTo(12_330);
        assertThat(r.input().purchases()).isEqualTo(1_908);
        assertThat(r.metrics().protocol()).contains("10-fold");
        assertThat(r.metrics().rocAuc()).isGreaterThan(0.88);
        assertThat(r.metrics().accuracy()).isGreaterThan(Math.max(r.kpis().conversionRate(),
                1 - r.kpis().conversionRate()));
        assertThat(w.dashboardPng()).isNotEmptyFile();
        assertThat(w.modelFile()).isNotEmptyFile();
    }

    @Test
    void eventLogDashboardCopesWithTwoPurchases(@TempDir Path out) throws IOException {
        Optional<Path> log = SharedData.find(SharedData.REES46);
        requireData(log.isPresent());
        OutputWriter.Written w = EventLogDashboard.run(log.get(), out);
        assertThat(w.report().input().sessions()).isEqualTo(240);
        assertThat(w.report().input().purchases()).isEqualTo(2);
        assertThat(w.dashboardPng()).isNotEmptyFile();
        assertThat(w.dashboardHtml()).isNotEmptyFile();
        assertThat(w.hasModel()).isFalse();
        assertThat(w.report().notes()).anyMatch(n -> n.startsWith("no model:"));
        assertThat(ReportJson.read(w.reportJson())).isEqualTo(w.report());
    }

    @Test
    void customFeatureExtractorAddsItsFeatures() {
        CustomFeatureExtractor.Result r = CustomFeatureExtractor.run(3_000, 1);
        assertThat(r.table().schema().names()).contains("cart_per_view", "seconds_to_first_cart", "events");
        assertThat(r.table().rows()).isEqualTo(3_000);
        assertThat(r.rocAuc()).isGreaterThan(0.75);
        assertThat(r.coefficient()).isFinite();
    }

    @Test
    void customTrainerIsUsedByName(@TempDir Path out) throws IOException {
        try {
            OutputWriter.Written w = CustomTrainer.run(out);
            assertThat(Trainers.names()).contains(CustomTrainer.NAME);
            assertThat(w.report().metrics().model()).isEqualTo(CustomTrainer.NAME);
            assertThat(w.report().metrics().rocAuc()).isBetween(0.6, 1.0);
            assertThat(w.dashboardPng()).isNotEmptyFile();

            // the dashboard really used the rule: every out-of-fold probability is the smoothed purchase rate of
            // the session's add-to-cart group, learnt on the other folds' rows only, and the final model's on all
            DashboardResult r = DashboardPipeline.builder(InputSource.simulated(5_000, 42))
                    .trainer(Trainers.factory(CustomTrainer.NAME)).build().run();
            FeatureTable table = r.table();
            double[] oof = r.evaluation().probabilities();
            int[] folds = r.evaluation().folds();
            int[] fold = IntStream.of(folds).filter(f -> f != Splits.TRAIN_ONLY).distinct().toArray();
            assertThat(fold.length).isGreaterThan(1);
            for (int f : fold) {
                double[] rates = cartRuleRates(table, i -> folds[i] != f);
                for (int i = 0; i < table.rows(); i++) {
                    if (folds[i] == f) {
                        int g = CustomTrainer.CartRuleModel.group(table.value(i, CustomTrainer.FEATURE));
                        assertThat(oof[i]).as("row %d, fold %d", i, f).isEqualTo(rates[g]);
                    }
                }
            }
            double[] all = cartRuleRates(table, i -> true);
            double[] row = new double[table.schema().size()];
            for (int g = 0; g < 4; g++) {
                row[table.schema().indexOf(CustomTrainer.FEATURE)] = g;
                assertThat(r.model().probability(row)).as("final model, %d carts", g).isEqualTo(all[g]);
            }
            assertThat(all[3]).as("carts raise the purchase rate in the simulator").isGreaterThan(all[0]);
        } finally {
            Trainers.unregister(CustomTrainer.NAME);
        }
    }

    /** The cart rule's rates, computed here independently: (purchases + 2 * overall rate) / (sessions + 2). */
    private static double[] cartRuleRates(FeatureTable table, IntPredicate rows) {
        double[] sessions = new double[4];
        double[] purchases = new double[4];
        double n = 0;
        double positives = 0;
        for (int i = 0; i < table.rows(); i++) {
            if (rows.test(i)) {
                double carts = table.value(i, CustomTrainer.FEATURE);
                int g = Double.isNaN(carts) ? 0 : (int) Math.min(3, Math.max(0, carts));
                sessions[g]++;
                n++;
                if (table.label(i)) {
                    purchases[g]++;
                    positives++;
                }
            }
        }
        double[] rates = new double[4];
        for (int g = 0; g < 4; g++) {
            rates[g] = (purchases[g] + 2 * (positives / n)) / (sessions[g] + 2);
        }
        return rates;
    }

    /**
     * Skips a real-data test without ../shared/data, or fails it when {@code PROPENSITY_REQUIRE_DATA=1} (as in CI).
     */
    private static void requireData(boolean present) {
        if (!present && "1".equals(System.getenv("PROPENSITY_REQUIRE_DATA"))) {
            org.junit.jupiter.api.Assertions.fail("../shared/data is absent, and PROPENSITY_REQUIRE_DATA=1 forbids "
                    + "skipping");
        }
        assumeTrue(present, "../shared/data is absent");
    }
}
