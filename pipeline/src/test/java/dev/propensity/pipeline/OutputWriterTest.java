package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.report.OutputFiles;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
    private static DashboardResult result;

    @BeforeAll
    static void run() throws IOException {
        result = DashboardPipeline.builder(InputSource.simulated(1_200, 3))
                .protocol(EvaluationProtocol.crossValidation(3, 3))
                .build()
                .run();
    }

    @Test
    void writesEveryFileAndTheReportLastWithItsRenderAndWriteTimes(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a/b/out");
        List<String> phases = new ArrayList<>();
        OutputWriter.Written w = OutputWriter.into(dir).write(result, DashboardPipelineTest.recording(phases));
        assertThat(phases).containsExactly("render", "end", "write", "end");
        assertThat(w.dashboardPng()).isEqualTo(dir.resolve(OutputFiles.DASHBOARD_PNG)).isNotEmptyFile();
        assertThat(w.dashboardHtml()).isEqualTo(dir.resolve(OutputFiles.DASHBOARD_HTML)).isNotEmptyFile();
        try (Stream<Path> charts = Files.list(w.chartsDir())) {
            assertThat(charts.map(p -> p.getFileName().toString()))
                    .contains("roc.svg", "roc.png", "kpis.svg", "funnel.png");
        }
        Report written = ReportJson.read(w.reportJson());
        assertThat(written).isEqualTo(w.report());
        assertThat(written.timings().render()).isPositive();
        assertThat(written.timings().write()).isPositive();
        assertThat(written.timings().total()).isEqualTo(result.report().timings().total()
                + written.timings().render() + written.timings().write());
        assertThat(written.withTimings(result.report().timings())).isEqualTo(result.report());
    }

    @Test
    void predictionsCsvHoldsThePredictionsAndTheModelFileLoadsAndPredictsTheSame(@TempDir Path dir)
            throws IOException {
        OutputWriter.Written w = OutputWriter.into(dir).write(result);
        StringWriter expected = new StringWriter();
        PredictionsCsv.write(result.predictions(), expected);
        assertThat(Files.readString(w.predictionsCsv(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(w.modelFile()).isEqualTo(dir.resolve(OutputFiles.MODEL));
        PurchaseModel loaded = PurchaseModels.load(w.modelFile());
        assertThat(loaded.predict(result.table())).isEqualTo(result.model().predict(result.table()));
    }

    @Test
    void aRunWithoutAModelWritesHeaderOnlyPredictionsAndNoModelFile(@TempDir Path dir) throws IOException {
        Path csv = TestInputs.featureCsv(dir, "nobody.csv", 30, 0);
        DashboardResult none = DashboardPipeline.builder(InputSource.featureCsv(csv)).build().run();
        OutputWriter.Written w = OutputWriter.into(dir.resolve("out")).write(none);
        assertThat(w.hasModel()).isFalse();
        assertThat(w.modelFile()).isNull();
        assertThat(dir.resolve("out").resolve(OutputFiles.MODEL)).doesNotExist();
        assertThat(Files.readString(w.predictionsCsv())).isEqualTo(PredictionsCsv.HEADER + "\n");
        assertThat(w.dashboardPng()).isNotEmptyFile();
    }

    @Test
    void aFileWhereTheFolderMustGoIsRefusedBeforeAnyWorkAndNothingIsCreated(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "keep me");
        OutputLocationException here = assertThrows(OutputLocationException.class, () -> OutputWriter.into(file));
        assertThat(here).hasMessage("cannot write " + file + ": " + file + " is a file, not a directory");
        Path below = file.resolve("sub");
        OutputLocationException under = assertThrows(OutputLocationException.class, () -> OutputWriter.into(below));
        assertThat(under).hasMessage("cannot write " + below + ": " + file + " is a file, not a directory");
        assertThat(under.location()).isEqualTo(below);
        assertThat(Files.readString(file)).isEqualTo("keep me");
        try (Stream<Path> listed = Files.list(dir)) {
            assertThat(listed).containsExactly(file);
        }
    }

    @Test
    void aSingleFilesFoldersAreCheckedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "keep me");
        Path target = file.resolve("x/out.csv");
        OutputLocationException e = assertThrows(OutputLocationException.class, () -> OutputWriter.checkParents(target));
        assertThat(e).hasMessage("cannot write " + target + ": " + file + " is a file, not a directory");
        Path fine = dir.resolve("new/deeper/out.csv");
        assertThat(OutputWriter.createParents(fine)).isEqualTo(fine);
        assertThat(fine.getParent()).isDirectory();
        assertThat(fine).doesNotExist();
    }
}
