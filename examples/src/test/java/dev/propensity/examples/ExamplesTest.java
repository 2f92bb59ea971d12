package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.propensity.model.Trainers;
import dev.propensity.pipeline.OutputWriter;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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
        } finally {
            Trainers.unregister(CustomTrainer.NAME);
        }
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
