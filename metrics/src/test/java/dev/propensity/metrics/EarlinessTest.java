package dev.propensity.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlinessTest {
    static final Instant T0 = Instant.parse("2024-03-02T10:00:00Z");

    static Event ev(long seconds, EventType type) {
        return new Event("s", "u", T0.plusSeconds(seconds), type, null, null, null, Double.NaN);
    }

    @Test
    void checkpointsCountSessionsThatGotThatFarWithoutBuying() {
        Session s = Session.of("s", "u", List.of(ev(0, EventType.PAGE_VIEW), ev(30, EventType.PRODUCT_VIEW),
                ev(90, EventType.ADD_TO_CART), ev(200, EventType.PURCHASE), ev(400, EventType.PAGE_VIEW)));
        assertThat(Checkpoint.events(1).visible(s)).isEqualTo(1);
        assertThat(Checkpoint.events(3).visible(s)).isEqualTo(3);
        assertThat(Checkpoint.events(4).visible(s)).isEqualTo(-1);
        assertThat(Checkpoint.all().visible(s)).isEqualTo(3);
        assertThat(Checkpoint.minutes(1).visible(s)).isEqualTo(2);
        assertThat(Checkpoint.minutes(2).visible(s)).isEqualTo(3);
        assertThat(Checkpoint.minutes(5).visible(s)).as("bought before minute 5").isEqualTo(-1);
        Session brief = Session.of("b", "u", List.of(ev(0, EventType.PAGE_VIEW), ev(20, EventType.PAGE_VIEW)));
        assertThat(Checkpoint.minutes(1).visible(brief)).as("over before minute 1").isEqualTo(-1);
        assertThat(Checkpoint.events(2).visible(brief)).isEqualTo(2);
        assertThat(Checkpoint.events(1).name()).isEqualTo("events:1");
        assertThat(Checkpoint.minutes(30).name()).isEqualTo("minutes:30");
    }

    @Test
    void pointsGiveRankingAndCalibrationFigures() {
        Earliness e = new Earliness(List.of(Checkpoint.events(1), Checkpoint.events(2)));
        e.add(0, true, 0.9);
        e.add(0, false, 0.1);
        e.add(0, false, 0.2);
        e.add(1, false, 0.5);
        List<EarlinessPoint> p = e.points();
        assertThat(p.get(0).rocAuc()).isEqualTo(1.0);
        assertThat(p.get(0).sessions()).isEqualTo(3);
        assertThat(p.get(0).purchases()).isEqualTo(1);
        assertThat(p.get(0).meanProbability()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.get(0).logLoss()).isGreaterThan(0);
        assertThat(p.get(1).rocAuc()).isNaN();
        assertThat(p.get(1).purchaseRate()).isZero();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> e.add(0, true, 1.5));
        assertThat(bad).hasMessageContaining("probability must be in [0, 1], was 1.5 at events:1");
    }

    /** A made-up score of the first v events of a session, so both ways of collecting can be compared. */
    static double g(Session s, int v) {
        return ((s.id().hashCode() & 0xff) + 7.0 * v) % 100 / 100.0;
    }

    @Test
    void theReplayTrackerAgreesWithTheSessionDefinitions() {
        List<Session> sessions = SyntheticSessions.generate(1500, 11);
        List<Checkpoint> cps = new ArrayList<>(Checkpoint.reportEvents());
        cps.addAll(Checkpoint.reportMinutes());
        Earliness batch = new Earliness(cps);
        for (Session s : sessions) {
            for (int c = 0; c < cps.size(); c++) {
                int v = cps.get(c).visible(s);
                if (v >= 0) {
                    batch.add(c, s.purchased(), g(s, v));
                }
            }
        }
        List<Event> all = new ArrayList<>();
        Map<String, Session> byId = new HashMap<>();
        for (Session s : sessions) {
            all.addAll(s.events());
            byId.put(s.id(), s);
        }
        all.sort(Comparator.comparing(Event::time));
        EarlinessTracker tracker = new EarlinessTracker(2 * 3_600_000L);
        Map<String, Integer> seen = new HashMap<>();
        for (Event e : all) {
            Session s = byId.get(e.sessionId());
            int before = seen.getOrDefault(s.id(), 0);
            if (before < 0) {
                continue; // after the purchase
            }
            if (e.type().isPurchase()) {
                tracker.event(s.id(), e.epochMillis(), true, g(s, before), before);
                seen.put(s.id(), -1);
            } else {
                tracker.event(s.id(), e.epochMillis(), false, g(s, before + 1), before + 1);
                seen.put(s.id(), before + 1);
            }
        }
        Earliness live = tracker.finish();
        for (int c = 0; c < cps.size(); c++) {
            double[] a = batch.probabilities(c);
            double[] b = live.probabilities(c);
            Arrays.sort(a);
            Arrays.sort(b);
            assertThat(b).as(cps.get(c).name()).containsExactly(a);
            assertThat(live.points().get(c)).usingRecursiveComparison()
                    .withComparatorForType((x, y) -> Math.abs(x - y) < 1e-12 || x.isNaN() && y.isNaN() ? 0 : 1,
                            Double.class)
                    .isEqualTo(batch.points().get(c));
        }
        assertThat(batch.points().get(0).sessions()).isGreaterThan(1000);
    }
}
