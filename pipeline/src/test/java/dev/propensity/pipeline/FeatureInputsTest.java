package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureCsv;
import dev.propensity.features.FeatureTable;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureInputsTest {

    @Test
    void aRees46FileIsReadStraightIntoRowsInOnePassAndOtherFormatsAsAStream(@TempDir Path dir) throws IOException {
        Path rees46 = dir.resolve("rees46.csv");
        Path events = dir.resolve("events.csv");
        SyntheticSessions.writeRees46(rees46, 400, 4, SimulatorConfig.defaults());
        SyntheticSessions.writeEvents(events, 400, 4, SimulatorConfig.defaults());
        LoadedInput fused = FeatureInputs.load(InputSource.file(rees46), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), Progress.none());
        assertThat(fused.format()).isEqualTo("rees46");
        assertThat(fused.fused()).isTrue();
        assertThat(fused.featureSeconds()).isZero();
        assertThat(fused.read().rowsRead()).isPositive();
        assertThat(fused.table().rows()).isEqualTo(400);

        List<String> phases = new ArrayList<>();
        LoadedInput streamed = FeatureInputs.load(InputSource.file(events), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), DashboardPipelineTest.recording(phases));
        assertThat(streamed.format()).isEqualTo("events");
        assertThat(streamed.fused()).isFalse();
        assertThat(streamed.hasEvents()).isTrue();
        assertThat(streamed.table().rows()).isEqualTo(400);
        assertThat(phases).containsExactly("read + features", "end");
    }

    @Test
    void readInOrderGivesTheRowsInFileOrderWithTheValuesOfTheFastPath(@TempDir Path dir) throws IOException {
        Path rees46 = dir.resolve("rees46.csv");
        SyntheticSessions.writeRees46(rees46, 600, 9, SimulatorConfig.defaults());
        FeatureTable ordered = FeatureInputs.readInOrder(InputSource.file(rees46), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults());
        List<String> fileOrder = new ArrayList<>();
        try (SessionReader r = Inputs.sessions(rees46, InputFormat.REES46, ReadOptions.defaults())) {
            r.stream().forEach(s -> fileOrder.add(s.id()));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ordered.rows(); i++) {
            ids.add(ordered.id(i));
        }
        assertThat(ids).isEqualTo(fileOrder);
        FeatureTable fast = FeatureInputs.load(InputSource.file(rees46), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), Progress.none()).table();
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < fast.rows(); i++) {
            row.put(fast.id(i), i);
        }
        for (int i = 0; i < ordered.rows(); i += 37) {
            assertThat(ordered.row(i)).as(ordered.id(i)).isEqualTo(fast.row(row.get(ordered.id(i))));
        }
    }

    @Test
    void aFeatureCsvReadsBackAsItWasWritten(@TempDir Path dir) throws IOException {
        Path csv = TestInputs.featureCsv(dir, "f.csv", 20, 4);
        LoadedInput in = FeatureInputs.load(InputSource.featureCsv(csv), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), Progress.none());
        assertThat(in.format()).isEqualTo("features");
        assertThat(in.build()).isNull();
        assertThat(in.read()).isNull();
        assertThat(in.table().rows()).isEqualTo(20);
        assertThat(FeatureInputs.readInOrder(InputSource.featureCsv(csv), Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults()).column("signal")).isEqualTo(in.table().column("signal"));
    }

    @Test
    void writeCsvStreamsOneRowPerSession(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("events.csv");
        SyntheticSessions.writeEvents(events, 150, 2, SimulatorConfig.defaults());
        StringWriter out = new StringWriter();
        FeatureCsv.Streamed s = FeatureInputs.writeCsv(events, InputFormat.EVENTS, Cutoffs.firstEvents(3),
                ReadOptions.defaults(), out);
        assertThat(s.report().rows()).isEqualTo(150);
        assertThat(s.report().cutoff()).isEqualTo("events:3");
        assertThat(out.toString().lines()).hasSize(151).first().asString().startsWith("session_id,label,");
    }
}
