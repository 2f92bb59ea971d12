package dev.propensity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveScorerTest {
    static List<Session> sessions;
    static PurchaseModel model;

    @BeforeAll
    static void train() {
        sessions = SyntheticSessions.generate(3000, 7);
        model = Trainers.logisticRegression().train(FeatureTables.build(sessions));
    }

    /** The events of all sessions in time order (stable by session order within a time). */
    static List<Event> inTimeOrder(List<Session> list) {
        List<Event> all = new ArrayList<>();
        for (Session s : list) {
            all.addAll(s.events());
        }
        all.sort(Comparator.comparing(Event::time));
        return all;
    }

    @Test
    void liveProbabilityAfterEachEventEqualsTheBatchScoreAtEventsK() {
        List<Session> some = sessions.subList(0, 600);
        LiveScorer live = LiveScorer.builder(model).topDrivers(0).build();
        Map<String, List<Double>> byK = new HashMap<>();
        Map<String, Map<String, String>> attributes = new HashMap<>();
        some.forEach(s -> attributes.put(s.id(), s.attributes()));
        for (Event e : inTimeOrder(some)) {
            LiveScore r = live.update(e, attributes.get(e.sessionId()));
            assertThat(r.status()).isIn(LiveStatus.SCORED, LiveStatus.PURCHASED, LiveStatus.AFTER_PURCHASE);
            byK.computeIfAbsent(r.sessionId(), x -> new ArrayList<>()).add(r.probability());
        }
        assertThat(live.stats().evicted() + live.stats().late()).isZero();
        int maxLen = some.stream().mapToInt(s -> s.events().size()).max().orElseThrow();
        int checked = 0;
        for (int k = 1; k <= maxLen; k++) {
            FeatureTable t = FeatureTables.builder().cutoff(Cutoffs.firstEvents(k)).build(some);
            double[] p = model.predict(t);
            for (int i = 0; i < t.rows(); i++) {
                List<Double> seen = byK.get(t.id(i));
                if (seen.size() >= k) {
                    assertThat(seen.get(k - 1)).as("session %s after event %d", t.id(i), k)
                            .isCloseTo(p[i], org.assertj.core.data.Offset.offset(1e-12));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(some.stream().mapToInt(s -> s.events().size()).sum());
    }

    @Test
    void statelessScoreEqualsTheBatchScoreBeforePurchase() {
        LiveScorer live = LiveScorer.of(model);
        List<Session> some = sessions.subList(0, 200);
        double[] p = model.predict(FeatureTables.build(some));
        for (int i = 0; i < some.size(); i++) {
            LiveScore r = live.score(some.get(i).events(), some.get(i).attributes());
            assertThat(r.probability()).isCloseTo(p[i], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(r.status()).isEqualTo(some.get(i).purchased() ? LiveStatus.PURCHASED : LiveStatus.SCORED);
        }
        assertThat(live.openSessions()).isZero();
    }

    @Test
    void aPurchaseEndsScoringAndLaterEventsChangeNothing() {
        Session buyer = sessions.stream().filter(s -> s.purchased() && s.firstPurchaseIndex() >= 1
                && s.firstPurchaseIndex() < s.events().size() - 1).findFirst().orElseThrow();
        LiveScorer live = LiveScorer.of(model);
        LiveScore last = null;
        List<LiveScore> all = new ArrayList<>();
        for (Event e : buyer.events()) {
            all.add(live.update(e));
        }
        int p = buyer.firstPurchaseIndex();
        assertThat(all.get(p).status()).isEqualTo(LiveStatus.PURCHASED);
        assertThat(all.get(p).probability()).isEqualTo(all.get(p - 1).probability());
        last = all.get(all.size() - 1);
        assertThat(last.status()).isEqualTo(LiveStatus.AFTER_PURCHASE);
        assertThat(last.ended()).isTrue();
        assertThat(live.stats().purchases()).isEqualTo(1);
        assertThat(live.stats().afterPurchase()).isEqualTo(buyer.events().size() - p - 1);
    }

    @Test
    void linearModelsGiveDriversThatAddUpToTheLogOdds() {
        LiveScorer live = LiveScorer.builder(model).topDrivers(100).build();
        Session s = sessions.get(3);
        LiveScore r = live.score(s.events(), s.attributes());
        double sum = ((dev.propensity.model.LinearExplainable) model).intercept();
        for (Driver d : r.drivers()) {
            sum += d.contribution();
        }
        double p = 1 / (1 + Math.exp(-sum));
        assertThat(p).isCloseTo(r.probability(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(live.explains()).isTrue();
        LiveScore three = LiveScorer.of(model).score(s.events());
        assertThat(three.drivers()).hasSize(3);
        assertThat(Math.abs(three.drivers().get(0).contribution()))
                .isGreaterThanOrEqualTo(Math.abs(three.drivers().get(2).contribution()));
    }

    @Test
    void openSessionsAreBoundedAndEvictionsCounted() {
        LiveScorer live = LiveScorer.builder(model).maxOpenSessions(50).topDrivers(0).build();
        for (Event e : inTimeOrder(sessions.subList(0, 500))) {
            live.update(e);
            assertThat(live.openSessions()).isLessThanOrEqualTo(50);
        }
        LiveStats st = live.stats();
        assertThat(st.evicted() + st.expired()).isGreaterThan(0);
        assertThat(st.openSessions()).isLessThanOrEqualTo(50);
    }

    @Test
    void idleSessionsExpireInEventTime() {
        LiveScorer live = LiveScorer.builder(model).idleTimeout(Duration.ofMinutes(10)).build();
        Instant t0 = Instant.parse("2024-03-02T10:00:00Z");
        live.update(new Event("a", "u1", t0, EventType.PAGE_VIEW, null, null, null, Double.NaN));
        live.update(new Event("b", "u2", t0.plusSeconds(3600), EventType.PAGE_VIEW, null, null, null, Double.NaN));
        assertThat(live.expireIdle() + live.stats().expired()).isGreaterThanOrEqualTo(1);
        assertThat(live.openSessions()).isEqualTo(1);
    }

    @Test
    void lateEventsWithinToleranceArePlacedInTimeOrderAndOlderOnesCounted() {
        Session s = sessions.stream().filter(x -> !x.purchased() && x.events().size() >= 4).findFirst().orElseThrow();
        List<Event> ev = new ArrayList<>(s.events());
        // swap the last two events: the last arrives before the one it follows (within the tolerance)
        Event a = ev.get(ev.size() - 2);
        Event b = ev.get(ev.size() - 1);
        ev.set(ev.size() - 2, b);
        ev.set(ev.size() - 1, a);
        LiveScorer live = LiveScorer.builder(model).outOfOrderTolerance(Duration.ofDays(1)).topDrivers(0).build();
        LiveScore last = null;
        for (Event e : ev) {
            last = live.update(e, s.attributes());
        }
        assertThat(last.probability()).isCloseTo(live.score(s.events(), s.attributes()).probability(),
                org.assertj.core.data.Offset.offset(1e-12));

        LiveScorer strict = LiveScorer.builder(model).outOfOrderTolerance(Duration.ZERO).build();
        Instant t0 = Instant.parse("2024-03-02T10:00:00Z");
        strict.update(new Event("x", "u", t0.plusSeconds(60), EventType.PAGE_VIEW, null, null, null, Double.NaN));
        LiveScore late = strict.update(new Event("x", "u", t0, EventType.PAGE_VIEW, null, null, null, Double.NaN));
        assertThat(late.status()).isEqualTo(LiveStatus.LATE);
        assertThat(strict.stats().late()).isEqualTo(1);
    }

    @Test
    void byUserSplitsAtTheInactivityGap() {
        LiveScorer live = LiveScorer.builder(model).byUser(Duration.ofMinutes(30)).build();
        Instant t0 = Instant.parse("2024-03-02T10:00:00Z");
        LiveScore a = live.update(new Event(null, "u", t0, EventType.PAGE_VIEW, null, null, null, Double.NaN));
        LiveScore b = live.update(new Event(null, "u", t0.plusSeconds(600), EventType.PAGE_VIEW, null, null, null,
                Double.NaN));
        LiveScore c = live.update(new Event(null, "u", t0.plusSeconds(600 + 31 * 60), EventType.PAGE_VIEW, null, null,
                null, Double.NaN));
        assertThat(a.sessionId()).isEqualTo("u@" + t0.toEpochMilli()).isEqualTo(b.sessionId());
        assertThat(b.eventIndex()).isEqualTo(2);
        assertThat(c.sessionId()).isNotEqualTo(a.sessionId());
        assertThat(c.eventIndex()).isEqualTo(1);
    }

    @Test
    void differentSessionsCanBeUpdatedFromManyThreads() throws Exception {
        List<Session> some = sessions.subList(0, 800);
        LiveScorer live = LiveScorer.builder(model).topDrivers(0).outOfOrderTolerance(Duration.ofDays(100_000))
                .idleTimeout(Duration.ofDays(100_000)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<String, Double>>> parts = new ArrayList<>();
            for (int part = 0; part < 4; part++) {
                int from = part * 200;
                parts.add(pool.submit(() -> {
                    Map<String, Double> last = new HashMap<>();
                    for (Session s : some.subList(from, from + 200)) {
                        for (Event e : s.events()) {
                            LiveScore r = live.update(e, s.attributes());
                            last.put(r.sessionId(), r.probability());
                        }
                    }
                    return last;
                }));
            }
            Map<String, Double> all = new HashMap<>();
            for (Future<Map<String, Double>> f : parts) {
                all.putAll(f.get());
            }
            double[] p = model.predict(FeatureTables.build(some));
            FeatureTable t = FeatureTables.build(some);
            for (int i = 0; i < t.rows(); i++) {
                assertThat(all.get(t.id(i))).isCloseTo(p[i], org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(live.stats().events()).isEqualTo(some.stream().mapToInt(s -> s.events().size()).sum());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveScorer.builder(model).maxOpenSessions(0));
        assertThat(e).hasMessageContaining("maxOpenSessions must be >= 1, was 0");
        LiveScorer live = LiveScorer.of(model);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> live.score(List.of()));
        assertThat(empty).hasMessageContaining("at least one event");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LiveScorer.builder(model).extractors(List.of(dev.propensity.features.StandardExtractors.duration())).build());
        assertThat(missing).hasMessageContaining("the model needs features no extractor produces");
    }
}
