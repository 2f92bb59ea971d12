package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Splits;
import dev.propensity.model.Evaluation;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.report.EarlinessSection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrefixTrainingTest {

    @Test
    void everySessionGetsTheSameNumberOfRowsWithItsOutcome() {
        List<Session> sessions = SyntheticSessions.generate(400, 3);
        FeatureTable rows = PrefixRows.build(sessions.iterator(), null, 4, 42);
        assertThat(rows.rows()).isEqualTo(4 * sessions.size());
        Map<String, Integer> count = new HashMap<>();
        Map<String, Boolean> label = new HashMap<>();
        sessions.forEach(s -> label.put(s.id(), s.purchased()));
        for (int i = 0; i < rows.rows(); i++) {
            count.merge(rows.id(i), 1, Integer::sum);
            assertThat(rows.label(i)).isEqualTo(label.get(rows.id(i)));
        }
        assertThat(count.values()).containsOnly(4);
        // each row sees a prefix before the first purchase: at most as many events as the whole-session row
        FeatureTable whole = FeatureTables.build(sessions);
        int events = whole.schema().indexOf("events");
        for (int i = 0; i < rows.rows(); i++) {
            assertThat(rows.value(i, events)).isBetween(0.0, whole.value(i / 4, events));
        }
        assertThat(PrefixRows.build(sessions.iterator(), null, 4, 42).column(events)).containsExactly(rows.column(events));
    }

    @Test
    void noSessionIdCrossesFolds() {
        List<Session> sessions = SyntheticSessions.generate(600, 5);
        FeatureTable whole = FeatureTables.build(sessions);
        FeatureTable rows = PrefixRows.build(sessions.iterator(), null, 4, 42);
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(5, 42);
        int[] assignment = Splits.assign(cv, whole.facts());
        int[] rowFolds = PrefixRows.foldsBySession(rows, whole, assignment);
        Map<String, Set<Integer>> folds = new HashMap<>();
        for (int i = 0; i < rows.rows(); i++) {
            folds.computeIfAbsent(rows.id(i), x -> new HashSet<>()).add(rowFolds[i]);
        }
        assertThat(folds).hasSize(sessions.size());
        assertThat(folds.values()).allSatisfy(f -> assertThat(f).hasSize(1));
        for (int f = 0; f < 5; f++) {
            Set<String> train = new HashSet<>();
            for (int r : Splits.trainRows(rowFolds, f)) {
                train.add(rows.id(r));
            }
            for (int r : Splits.testRows(assignment, f)) {
                assertThat(train).doesNotContain(whole.id(r));
            }
        }
        Evaluation e = PrefixEvaluation.run(Trainers.logisticRegression(), whole, rows, cv);
        assertThat(e.probabilities()).doesNotContain(Double.NaN);
        assertThat(e.rocAuc()).as("better than chance on whole sessions").isGreaterThan(0.5);
    }

    @Test
    void theDashboardTrainsOnPrefixesAndReportsEarliness() throws Exception {
        DashboardResult r = DashboardPipeline.builder(InputSource.simulated(1500, 9))
                .protocol(EvaluationProtocol.crossValidation(3, 9)).trainOn(Training.PREFIXES).build().run();
        assertThat(r.report().notes()).anyMatch(n -> n.startsWith("trained on session prefixes"));
        EarlinessSection e = r.report().earliness();
        assertThat(e).isNotNull();
        assertThat(e.series()).extracting(EarlinessSection.Series::training).containsExactly("whole-session",
                "prefixes");
        assertThat(e.series().get(0).byEvents()).extracting(p -> p.checkpoint())
                .containsExactly("events:1", "events:2", "events:3", "events:5", "events:10", "events:20", "all");
        assertThat(e.series().get(0).byMinutes()).extracting(p -> p.checkpoint())
                .containsExactly("minutes:1", "minutes:2", "minutes:5", "minutes:10", "minutes:30");
        assertThat(e.series().get(1).byEvents().get(0).sessions()).isEqualTo(e.testSessions());
        assertThat(e.series().get(1).byEvents().get(6).rocAuc()).isGreaterThan(0.7);
    }

    @Test
    void prefixTrainingNeedsEvents() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Training.parse("rows"));
        assertThat(e).hasMessageContaining("expected whole-session or prefixes");
        assertThat(Training.parse("prefixes")).isEqualTo(Training.PREFIXES);
    }
}
