package dev.propensity.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Kpis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkAggregatesTest extends SparkTestSession {
    @TempDir
    static Path dir;

    @Test
    void kpisBreakdownsAndFunnelEqualTheMetricsOfTheSingleMachineFacts() throws IOException {
        Path events = dir.resolve("events.csv");
        SyntheticSessions.writeEvents(events, 3000, 9, SimulatorConfig.defaults());
        FeatureTable single = FeatureTables.builder().build(events, null, ReadOptions.defaults()).table();
        SparkAggregates a = SparkAggregates.of(engine.featureRows(events, null, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults()));
        assertThat(a.kpis()).isEqualTo(Kpis.of(single.facts()));
        assertThat(a.breakdowns()).containsExactly(Breakdowns.byHourOfDay(single.facts()),
                Breakdowns.byDayOfWeek(single.facts()), Breakdowns.byDurationBucket(single.facts()));
        Funnel expected = Funnel.of(single.facts());
        assertThat(a.funnel().skipped()).isEqualTo(expected.skipped());
        assertThat(a.funnel().steps()).hasSameSizeAs(expected.steps());
        for (int j = 0; j < expected.steps().size(); j++) {
            Funnel.Step e = expected.steps().get(j);
            Funnel.Step s = a.funnel().steps().get(j);
            assertThat(s.name()).isEqualTo(e.name());
            assertThat(s.sessions()).isEqualTo(e.sessions());
            assertThat(s.shareOfStart()).isEqualTo(e.shareOfStart());
            assertThat(s.dropOff()).isCloseTo(e.dropOff(), org.assertj.core.data.Offset.offset(1e-15));
        }
        assertThat(a.funnel().steps().get(0).sessions()).isEqualTo(3000);
    }

    @Test
    void theDashboardWritesChartsAModelAndScores() throws IOException {
        Path events = dir.resolve("dash-events.csv");
        SyntheticSessions.writeRees46(events, 2000, 4, SimulatorConfig.rees46());
        Path out = dir.resolve("dash");
        SparkDashboardResult r = engine.dashboard(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(),
                dev.propensity.model.Trainers.byName("logistic", 42), out);
        assertThat(r.aggregates().kpis().sessions()).isEqualTo(2000);
        assertThat(r.trainedOnDriver()).isTrue();
        for (String name : List.of("kpis", "conversion_by_hour_of_day", "conversion_by_day_of_week", "conversion_by_duration", "funnel")) {
            assertThat(out.resolve("charts").resolve(name + ".png")).isNotEmptyFile();
            assertThat(out.resolve("charts").resolve(name + ".svg")).isNotEmptyFile();
        }
        assertThat(out.resolve("dashboard.png")).isNotEmptyFile();
        assertThat(out.resolve("model.propensity")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(2001)
                .first().isEqualTo("session_id,label,probability,fold");
        // report.json: the single machine's sections, computed by its code on the same rows (sorted by session id)
        dev.propensity.pipeline.report.Report report = dev.propensity.pipeline.report.ReportJson.read(
                out.resolve("report.json"));
        FeatureTable single = FeatureTables.builder().build(events, null, ReadOptions.defaults()).table();
        Integer[] order = new Integer[single.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(single::id));
        FeatureTable sorted = single.select(java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray());
        dev.propensity.model.Evaluation expected = dev.propensity.model.Evaluation.run(
                dev.propensity.model.Trainers.byName("logistic", 42), sorted,
                dev.propensity.metrics.EvaluationProtocol.crossValidation(5, 42));
        assertThat(report.metrics().hasModel()).isTrue();
        assertThat(report.metrics().protocolCode()).isEqualTo("cv:5");
        assertThat(report.metrics().rocAuc()).isCloseTo(expected.result().report().rocAuc(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(report.metrics().foldRocAuc()).containsExactly(expected.result().foldRocAuc(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(report.kpis().sessions()).isEqualTo(2000);
        assertThat(report.breakdowns().breakdowns()).isNotEmpty();
        assertThat(report.importance().coefficients()).isNotEmpty();
        assertThat(report.input().sessions()).isEqualTo(2000);
        assertThat(report.outputs().model()).isEqualTo("model.propensity");
        // the model is the project's model: the single machine's loader reads it and scores the same table
        dev.propensity.model.PurchaseModel m = dev.propensity.model.PurchaseModels.load(out.resolve("model.propensity"));
        assertThat(m.schema().names()).isEqualTo(engine.declaredFeatures(Cutoffs.beforeFirstPurchase()).names());
    }
}
