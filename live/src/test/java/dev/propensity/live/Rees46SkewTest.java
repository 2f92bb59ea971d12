package dev.propensity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.io.EventReader;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No skew on real REES46 events: the file replayed in its order through the scorer, against the batch path. */
class Rees46SkewTest {

    @Test
    void liveEqualsBatchAtEveryKOnRealEvents() throws Exception {
        Path file = SharedData.file("rees46/2019-11-01-head.csv");
        List<Session> sessions = new ArrayList<>();
        try (SessionReader r = Inputs.sessions(file, InputFormat.REES46, ReadOptions.defaults())) {
            r.stream().forEach(sessions::add);
        }
        // a model with every standard feature: trained on simulated sessions plus these (few buyers here)
        List<Session> training = new ArrayList<>(dev.propensity.core.SyntheticSessions.generate(2000, 3));
        training.addAll(sessions);
        PurchaseModel model = Trainers.logisticRegression().train(FeatureTables.build(training));

        LiveScorer live = LiveScorer.builder(model).topDrivers(0).build();
        Map<String, List<Double>> byK = new HashMap<>();
        long events = 0;
        try (EventReader r = Inputs.events(file, InputFormat.REES46, ReadOptions.defaults())) {
            for (Event e = r.next(); e != null; e = r.next()) {
                LiveScore s = live.update(e, r.attributes());
                byK.computeIfAbsent(s.sessionId(), x -> new ArrayList<>()).add(s.probability());
                events++;
            }
        }
        assertThat(live.stats().late() + live.stats().evicted()).isZero();
        int maxLen = sessions.stream().mapToInt(s -> s.events().size()).max().orElseThrow();
        long checked = 0;
        for (int k = 1; k <= maxLen; k++) {
            FeatureTable t = FeatureTables.builder().cutoff(Cutoffs.firstEvents(k)).build(sessions);
            double[] p = model.predict(t);
            for (int i = 0; i < t.rows(); i++) {
                List<Double> seen = byK.get(t.id(i));
                if (seen.size() >= k) {
                    assertThat(seen.get(k - 1)).as("session %s after event %d", t.id(i), k).isCloseTo(p[i], offset(1e-12));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(events).isGreaterThan(500);
    }
}
