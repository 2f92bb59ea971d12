package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.propensity.model.Trainers;
import dev.propensity.viz.Dashboard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests: every example program runs and gives a sensible result. */
class ExamplesTest {

    @Test
    void quickStartWritesTheDashboard(@TempDir Path out) throws IOException {
        Dashboard d = QuickStart.run(out);
        assertThat(out.resolve("dashboard.png")).isNotEmptyFile();
        assertThat(out.resolve("dashboard.html")).isNotEmptyFile();
        assertThat(out.resolve("charts/roc.svg")).isNotEmptyFile();
        assertThat(d.kpis().sessions()).isEqualTo(5_000);
        assertThat(d.kpis().modelQuality().orElseThrow().rocAuc()).isGreaterThan(0.75);
    }

    @Test
    void uciDashboardBeatsTheBaseline(@TempDir Path out) throws IOException {
        Optional<Path> table = SharedData.find(SharedData.UCI);
        assumeTrue(table.isPresent(), "../shared/data is absent");
        RunResult r = UciDashboard.run(table.get(), out);
        assertThat(r.sessions()).isEqualTo(12_330);
        assertThat(r.purchases()).isEqualTo(1_908);
        assertThat(r.protocol()).contains("10-fold");
        assertThat(r.rocAuc()).isGreaterThan(0.88);
        assertThat(r.accuracy()).isGreaterThan(r.baselineAccuracy());
        assertThat(r.dashboardPng()).isNotEmptyFile();
        assertThat(r.modelFile()).isNotEmptyFile();
    }

    @Test
    void eventLogDashboardCopesWithTwoPurchases(@TempDir Path out) throws IOException {
        Optional<Path> log = SharedData.find(SharedData.REES46);
        assumeTrue(log.isPresent(), "../shared/data is absent");
        RunResult r = EventLogDashboard.run(log.get(), out);
        assertThat(r.sessions()).isEqualTo(240);
        assertThat(r.purchases()).isEqualTo(2);
        assertThat(r.dashboardPng()).isNotEmptyFile();
        assertThat(r.dashboardHtml()).isNotEmptyFile();
        assertThat(r.hasModel()).isFalse();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("no model:"));
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
            RunResult r = CustomTrainer.run(out);
            assertThat(Trainers.names()).contains(CustomTrainer.NAME);
            assertThat(r.model()).isEqualTo(CustomTrainer.NAME);
            assertThat(r.rocAuc()).isBetween(0.6, 1.0);
            assertThat(r.dashboardPng()).isNotEmptyFile();
        } finally {
            Trainers.unregister(CustomTrainer.NAME);
        }
    }
}
