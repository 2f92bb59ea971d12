package dev.propensity.pipeline.report;

import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.InputSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deterministic run behind the checked-in {@code report-v1.json}: 1,000 simulated sessions (seed 7), logistic
 * regression, stratified 3-fold cross-validation, seed 7; with what depends on the clock or the build fixed
 * (created, the library version, the timings and the folds' seconds).
 *
 * <p>{@code main} rewrites the fixture, for an intended change of the format or of the figures (run it from the
 * module folder with the test class path); say why in the commit.
 */
public final class ReportFixtures {
    /** The fixture, relative to the module folder. */
    static final Path FIXTURE = Path.of("src/test/resources/dev/propensity/pipeline/report/report-v1.json");

    private ReportFixtures() {
    }

    /** The report of the deterministic run, its times and version fixed. */
    static Report deterministic() throws IOException {
        Report r = DashboardPipeline.builder(InputSource.simulated(1_000, 7))
                .protocol(EvaluationProtocol.crossValidation(3, 7))
                .seed(7)
                .build()
                .run()
                .report();
        return fixTimes(r);
    }

    /** The report with created, the library version, the timings and the folds' seconds fixed. */
    static Report fixTimes(Report r) {
        MetricsSection m = r.metrics();
        double[] foldSeconds = m.foldSeconds() == null ? null : new double[m.foldSeconds().length];
        MetricsSection fixed = new MetricsSection(m.model(), m.skipped(), m.protocol(), m.protocolCode(),
                m.protocolRequested(), m.evaluatedSessions(), m.rocAuc(), m.prAuc(), m.logLoss(), m.brier(),
                m.accuracy(), m.majorityBaseline(), m.foldRocAuc(), m.foldRocAucStd(), m.bestF1(), m.atThreshold0_5(),
                m.atBestF1Threshold(), foldSeconds);
        return new Report(r.formatVersion(), "test", "2000-01-01T00:00:00Z", r.seed(), r.input(), r.kpis(), r.notes(),
                fixed, r.importance(), r.breakdowns(), r.insights(), new Timings(0, 0, 0, 0, 0, 0, 0, 0),
                r.timingsNote(), r.outputs(), r.earliness() == null ? null
                : new dev.propensity.pipeline.report.EarlinessSection(r.earliness().protocol(), r.earliness().sessions(),
                        r.earliness().trainSessions(), r.earliness().testSessions(), 0, r.earliness().series()));
    }

    /**
     * Rewrites the fixture.
     *
     * @param args none
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Files.writeString(FIXTURE, ReportJson.toJson(deterministic()) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + FIXTURE.toAbsolutePath());
    }
}
