package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.Workers;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardPipelineTest {
    private static DashboardResult simulated;
    private static List<String> phases;

    @BeforeAll
    static void runOnce() throws IOException {
        phases = new ArrayList<>();
        simulated = DashboardPipeline.builder(InputSource.simulated(2_000, 7))
                .protocol(EvaluationProtocol.crossValidation(3, 7))
                .seed(7)
                .progress(recording(phases))
                .build()
                .run();
    }

    static Progress recording(List<String> phases) {
        return new Progress() {
            @Override
            public void phase(String name) {
                phases.add(name);
            }

            @Override
            public void rows(long rows) {
                // not recorded
            }

            @Override
            public void end() {
                phases.add("end");
            }
        };
    }

    @Test
    void aSimulatedRunEvaluatesEverySessionOutOfFoldAndReportsWhatItComputed() {
        Report r = simulated.report();
        assertThat(r.formatVersion()).isEqualTo(Report.FORMAT_VERSION);
        assertThat(r.input().source()).isEqualTo("simulated sessions (seed 7)");
        assertThat(r.input().format()).isEqualTo("simulated");
        assertThat(r.input().sessions()).isEqualTo(2_000);
        assertThat(r.input().cutoff()).isEqualTo("before-purchase");
        assertThat(r.notes()).isEmpty();
        assertThat(r.metrics().model()).isEqualTo("logistic");
        assertThat(r.metrics().protocolCode()).isEqualTo("cv:3");
        assertThat(r.metrics().protocolRequested()).isNull();
        assertThat(r.metrics().evaluatedSessions()).isEqualTo(2_000);

        Predictions p = simulated.predictions();
        assertThat(p.size()).isEqualTo(2_000);
        assertThat(new HashSet<>(Arrays.asList(p.ids()))).hasSize(2_000);
        assertThat(Arrays.stream(p.folds()).distinct().sorted().toArray()).containsExactly(0, 1, 2);
        // the report's figures are those of the predictions written, matched row for row with the table
        assertThat(r.metrics().rocAuc()).isEqualTo(ClassificationMetrics.rocAuc(p.labels(), p.probabilities()));
        for (int i = 0; i < p.size(); i += 97) {
            assertThat(p.ids()[i]).isEqualTo(simulated.table().id(i));
            assertThat(p.labels()[i]).isEqualTo(simulated.table().label(i));
            assertThat(p.probabilities()[i]).isEqualTo(simulated.evaluation().probabilities()[i]);
        }
        assertThat(r.metrics().rocAuc()).isGreaterThan(0.75);
        assertThat(r.kpis().modelQuality().orElseThrow().rocAuc()).isEqualTo(r.metrics().rocAuc());
        assertThat(r.importance().coefficients()).isNotEmpty();
        assertThat(r.importance().permutation()).hasSize(simulated.table().schema().size());
        assertThat(r.breakdowns().funnel()).isNotNull();
        assertThat(r.insights()).isNotEmpty();
        assertThat(r.timings().render()).isZero();
        assertThat(r.timings().total()).isPositive();
    }

    @Test
    void theSavedModelCarriesTheEvaluationsFiguresAndPredictsAsTheEvaluationsFinalModel() {
        var card = simulated.model().card();
        assertThat(card.evaluationProtocol()).isEqualTo(EvaluationProtocol.crossValidation(3, 7).describe());
        assertThat(card.evaluation()).containsEntry("rocAuc", simulated.report().metrics().rocAuc());
        assertThat(simulated.model().predict(simulated.table()))
                .isEqualTo(simulated.evaluation().model().predict(simulated.table()));
    }

    @Test
    void phasesAreReportedInOrder() {
        assertThat(phases).containsExactly("read", "end", "features", "end", "evaluate", "end", "metrics", "end",
                "earliness", "end");
    }

    @Test
    void theSameRunOnOtherWorkersGivesTheSameFigures() throws IOException {
        DashboardResult serial = DashboardPipeline.builder(InputSource.simulated(2_000, 7))
                .protocol(EvaluationProtocol.crossValidation(3, 7))
                .seed(7)
                .workers(Workers.callerOnly())
                .build()
                .run();
        assertThat(serial.figures()).isEqualTo(simulated.figures());
        assertThat(serial.predictions()).isEqualTo(simulated.predictions());
        assertThat(serial.report().importance()).isEqualTo(simulated.report().importance());
    }

    @Test
    void fewerPurchasingSessionsThanFoldsGiveFewerFoldsANoteAndAWarning(@TempDir Path dir) throws IOException {
        Path csv = TestInputs.featureCsv(dir, "few.csv", 40, 10); // 4 purchasing sessions
        List<String> warned = new ArrayList<>();
        DashboardResult r = DashboardPipeline.builder(InputSource.featureCsv(csv))
                .protocol(EvaluationProtocol.crossValidation(10, 1))
                .trainer(ColumnTrainer.needing(1))
                .warnings(warned::add)
                .build()
                .run();
        String note = "only 4 purchasing and 36 other sessions: evaluated by cv:4 instead of cv:10";
        assertThat(r.report().notes()).containsExactly(note);
        assertThat(warned).containsExactly(note);
        assertThat(r.report().metrics().protocolCode()).isEqualTo("cv:4");
        assertThat(r.report().metrics().protocolRequested()).isEqualTo("cv:10");
        assertThat(Arrays.stream(r.predictions().folds()).max().orElseThrow()).isEqualTo(3);
        assertThat(r.report().input().format()).isEqualTo("features");
        assertThat(r.report().input().cutoff()).isNull();
        assertThat(r.headline().description()).contains("cutoff as in the feature file", "model first-column");
    }

    @Test
    void aTrainerThatRefusesTheFoldsLeavesTheRunWithoutAModelAndSaysWhy(@TempDir Path dir) throws IOException {
        Path csv = TestInputs.featureCsv(dir, "refused.csv", 60, 6); // 10 purchasing sessions
        List<String> warned = new ArrayList<>();
        DashboardResult r = DashboardPipeline.builder(InputSource.featureCsv(csv))
                .protocol(EvaluationProtocol.crossValidation(5, 1))
                .trainer(ColumnTrainer.needing(50))
                .warnings(warned::add)
                .build()
                .run();
        assertThat(r.model()).isNull();
        assertThat(r.evaluation()).isNull();
        assertThat(r.predictions().size()).isZero();
        assertThat(r.figures().hasModel()).isFalse();
        assertThat(r.report().kpis().model()).isNull();
        String why = r.report().metrics().skipped();
        assertThat(why).startsWith("first-column could not be trained and evaluated by cv:5 on 10 purchasing and 50 "
                + "other sessions (fold 0 of").contains("needs at least 50 purchases");
        assertThat(r.report().metrics().protocolRequested()).isEqualTo("cv:5");
        assertThat(r.report().metrics().rocAuc()).isNull();
        assertThat(r.report().notes()).containsExactly("no model: " + why);
        assertThat(warned).containsExactly("no model: " + why + "; writing the dashboard without model figures");
        assertThat(r.headline().description()).endsWith("model none");
    }

    @Test
    void aSingleClassHasNoModelAndTheDescriptiveFiguresStill(@TempDir Path dir) throws IOException {
        Path csv = TestInputs.featureCsv(dir, "nobody.csv", 30, 0);
        DashboardResult r = DashboardPipeline.builder(InputSource.featureCsv(csv)).build().run();
        assertThat(r.report().notes()).containsExactly("no model: all 30 sessions are without a purchase; a purchase "
                + "model needs both buying and non-buying sessions");
        assertThat(r.report().kpis().sessions()).isEqualTo(30);
        assertThat(r.figures().insights()).isNotEmpty();
        assertThat(r.figures().funnel()).isNull();
    }

    @Test
    void anInputWithNoSessionsIsAnInputErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "session_id,label,signal\n", StandardCharsets.UTF_8);
        DashboardPipeline p = DashboardPipeline.builder(InputSource.featureCsv(csv)).build();
        InputException e = assertThrows(InputException.class, p::run);
        assertThat(e).hasMessage(csv + ": no sessions to evaluate (no data rows, or every row was rejected)");
    }

    @Test
    void aLenientReadNotesTheRowsItSkippedAndAStrictOneStopsAtTheFirst(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        SyntheticSessions.writeRees46(events, 600, 3, SimulatorConfig.defaults());
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.add(5, "2019-11-01 00:00:00 UTC,teleport,1,2,c,b,1.5,9,sX");
        Files.write(events, lines, StandardCharsets.UTF_8);
        InputSource source = InputSource.file(events);
        InputException strict = assertThrows(InputException.class,
                () -> DashboardPipeline.builder(source).build().run());
        assertThat(strict.getMessage()).startsWith(events + ":6:").contains("teleport");

        DashboardResult r = DashboardPipeline.builder(source)
                .readOptions(ReadOptions.defaults().withLenient(true))
                .protocol(EvaluationProtocol.crossValidation(3, 1))
                .build()
                .run();
        assertThat(r.report().input().format()).isEqualTo("rees46");
        assertThat(r.report().input().rowsRejected()).isEqualTo(1);
        assertThat(r.report().input().rejectedByReason()).containsEntry("unknown_event_type", 1L);
        assertThat(r.report().notes().get(0)).startsWith("1 of ").contains("input rows skipped (--lenient)");
        assertThat(r.report().timingsNote()).contains("one pass");
        assertThat(r.report().timings().features()).isZero();
    }

    @Test
    void aCutoffOfTheFirstEventsIsWhatTheFeaturesSee() throws IOException {
        DashboardResult r = DashboardPipeline.builder(InputSource.simulated(500, 2))
                .cutoff(Cutoffs.firstEvents(2))
                .protocol(EvaluationProtocol.holdout(0.3, 2))
                .build()
                .run();
        assertThat(r.report().input().cutoff()).isEqualTo("events:2");
        assertThat(r.report().input().eventsVisibleToFeatures()).isLessThanOrEqualTo(2L * 500);
        assertThat(r.headline().description()).contains("cutoff events:2");
        assertThat(r.predictions().size()).isBetween(100, 200);
        assertThat(Arrays.stream(r.predictions().folds()).distinct().toArray()).containsExactly(0);
    }

    @Test
    void aSessionTableHasNoFunnelAndItsHeadlineSaysSo(@TempDir Path dir) throws IOException {
        Path uci = Files.writeString(dir.resolve("uci.csv"), uciTable(120), StandardCharsets.UTF_8);
        DashboardResult r = DashboardPipeline.builder(InputSource.file(uci, InputFormat.UCI))
                .trainer(ColumnTrainer.needing(1))
                .protocol(EvaluationProtocol.crossValidation(3, 1))
                .build()
                .run();
        assertThat(r.report().input().format()).isEqualTo("uci");
        assertThat(r.figures().funnel()).isNull();
        assertThat(r.report().breakdowns().funnel()).isNull();
        assertThat(r.headline().title()).isEqualTo("Purchase propensity: uci.csv");
        assertThat(r.headline().description()).contains("cutoff none (a session table)");
        assertThat(r.dashboard().notes()).anyMatch(n -> n.contains("(it is a table of sessions, not an event log)"));
    }

    /** A UCI-format table of {@code n} sessions, every fourth one purchasing. */
    static String uciTable(int n) {
        StringBuilder sb = new StringBuilder("Administrative,Administrative_Duration,Informational,"
                + "Informational_Duration,ProductRelated,ProductRelated_Duration,BounceRates,ExitRates,PageValues,"
                + "SpecialDay,Month,OperatingSystems,Browser,Region,TrafficType,VisitorType,Weekend,Revenue\n");
        String[] months = {"Feb", "Mar", "May", "Nov"};
        for (int i = 0; i < n; i++) {
            boolean buyer = i % 4 == 0;
            sb.append(i % 3).append(',').append(i % 5 * 10.0).append(",0,0.0,").append(5 + i % 9).append(',')
                    .append(100.0 + i).append(",0.01,0.02,").append(buyer ? 20.0 + i % 3 : 0.0).append(",0.0,")
                    .append(months[i % 4]).append(",2,2,1,").append(1 + i % 3).append(',')
                    .append(i % 5 == 0 ? "New_Visitor" : "Returning_Visitor").append(',')
                    .append(i % 7 == 0 ? "TRUE" : "FALSE").append(',').append(buyer ? "TRUE" : "FALSE").append('\n');
        }
        return sb.toString();
    }

    @Test
    void theDefaultsAreTheCommands() {
        String s = DashboardPipeline.builder(InputSource.simulated(10, 1)).build().toString();
        assertThat(s).isEqualTo("DashboardPipeline[simulated sessions (seed 1), cutoff before-purchase, cv:5, seed 42]");
    }

    @Test
    void settingsRejectNull() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> DashboardPipeline.builder(InputSource.simulated(10, 1)).cutoff(null));
        assertThat(e).hasMessage("cutoff");
        assertThat(assertThrows(NullPointerException.class, () -> DashboardPipeline.builder(null))).hasMessage("source");
        assertThat(Set.of(DashboardPipeline.version())).doesNotContain("", "${project.version}");
    }
}
