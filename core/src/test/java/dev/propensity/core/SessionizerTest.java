package dev.propensity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionizerTest {
    static final Instant T0 = Instant.parse("2019-11-01T00:00:00Z");
    static final long GAP_MS = 30 * 60_000L;

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    /** Random user events in time order: users active in bursts with gaps both below and above 30 minutes. */
    static List<Event> userEvents(long seed, int n) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        long t = T0.toEpochMilli();
        EventType[] types = EventType.values();
        for (int i = 0; i < n; i++) {
            t += r.nextInt(4) == 0 ? r.nextInt(120_000) : 0;
            String user = "u" + r.nextInt(12);
            out.add(new Event(null, user, Instant.ofEpochMilli(t), types[r.nextInt(types.length)], null, null, null,
                    Double.NaN));
            if (r.nextInt(40) == 0) {
                t += GAP_MS + r.nextInt(5) * 60_000L - 120_000L; // gaps close to the threshold, both sides
            }
        }
        return out;
    }

    /** Shuffles events locally so that none moves back by more than maxLateMs. */
    static List<Event> jitter(List<Event> sorted, long seed, long maxLateMs) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>(sorted);
        for (int i = 1; i < out.size(); i++) {
            int j = i;
            while (j > 0 && r.nextInt(3) == 0
                    && out.get(i).epochMillis() - out.get(j - 1).epochMillis() < maxLateMs / 2) {
                j--;
            }
            if (j < i) {
                out.add(j, out.remove(i));
            }
        }
        return out;
    }

    static void checkLaws(List<Event> input, List<Session> sessions) {
        // every event lands in exactly one session (multiset of events preserved, total count equal)
        int total = 0;
        for (Session s : sessions) {
            total += s.events().size();
            for (int i = 1; i < s.events().size(); i++) {
                // events inside a session are in time order, and no gap inside exceeds the threshold
                long d = s.events().get(i).epochMillis() - s.events().get(i - 1).epochMillis();
                if (d < 0 || d > GAP_MS) {
                    throw new AssertionError("session " + s.id() + ": gap of " + d + " ms at event " + i);
                }
            }
        }
        assertThat(total).isEqualTo(input.size());
        Map<String, Integer> expected = new HashMap<>();
        for (Event e : input) {
            expected.merge(e.userId() + "|" + e.epochMillis() + "|" + e.type(), 1, Integer::sum);
        }
        Map<String, Integer> actual = new HashMap<>();
        for (Session s : sessions) {
            for (Event e : s.events()) {
                actual.merge(e.userId() + "|" + e.epochMillis() + "|" + e.type(), 1, Integer::sum);
                if (!e.userId().equals(s.userId())) {
                    throw new AssertionError("session " + s.id() + " mixes users " + s.userId() + " and " + e.userId());
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
        // a gap above the threshold always starts a new session: consecutive sessions of a user are > gap apart
        Map<String, List<Session>> byUser = new HashMap<>();
        for (Session s : sessions) {
            byUser.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s);
        }
        for (List<Session> list : byUser.values()) {
            list.sort((a, b) -> a.start().compareTo(b.start()));
            for (int i = 1; i < list.size(); i++) {
                long gap = Duration.between(list.get(i - 1).end(), list.get(i).start()).toMillis();
                if (gap <= GAP_MS) {
                    throw new AssertionError("sessions " + list.get(i - 1).id() + " and " + list.get(i).id()
                            + " are only " + gap + " ms apart");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void inactivityLawsHoldOnSortedInput(long seed) {
        List<Event> input = userEvents(seed, 2_000);
        List<Session> sessions = Sessionizer.byInactivity(Duration.ofMinutes(30)).sessionize(input);
        checkLaws(input, sessions);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void outOfOrderEventsWithinToleranceGiveTheSameSessionsAsSortedInput(long seed) {
        List<Event> sorted = userEvents(seed, 2_000);
        List<Event> shuffled = jitter(sorted, seed, 60_000);
        Sessionizer s = Sessionizer.byInactivity(Duration.ofMinutes(30)).withOutOfOrderTolerance(Duration.ofMinutes(2));
        List<Session> a = s.sessionize(sorted);
        List<Session> b = s.sessionize(shuffled);
        checkLaws(shuffled, b);
        assertThat(ids(b)).isEqualTo(ids(a));
    }

    static List<String> ids(List<Session> sessions) {
        List<String> ids = new ArrayList<>();
        for (Session s : sessions) {
            ids.add(s.id() + ":" + s.events().size());
        }
        Collections.sort(ids);
        return ids;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameSessionIdEventsAreGroupedWhateverTheirGaps(long seed) {
        Random r = new Random(seed);
        List<Event> input = new ArrayList<>();
        long t = T0.toEpochMilli();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            t += r.nextInt(90_000);
            String sid = "s" + r.nextInt(30);
            input.add(new Event(sid, "u" + r.nextInt(5), Instant.ofEpochMilli(t), EventType.PRODUCT_VIEW, null,
                    null, null, Double.NaN));
            counts.merge(sid, 1, Integer::sum);
        }
        List<Session> sessions = Sessionizer.bySessionId().withIdleTimeout(Duration.ofDays(1)).sessionize(input);
        assertThat(sessions).hasSize(counts.size());
        for (Session s : sessions) {
            assertThat(s.events()).hasSize(counts.get(s.id())).allMatch(e -> e.sessionId().equals(s.id()));
        }
    }

    static LongStream fewSeeds() {
        return LongStream.range(0, 8);
    }

    @ParameterizedTest
    @MethodSource("fewSeeds")
    void simulatedSessionsSurviveARoundTripThroughTheSessionizer(long seed) {
        List<Session> original = SyntheticSessions.generate(200, seed,
                SimulatorConfig.rees46().withDays(1));
        List<Event> events = new ArrayList<>();
        original.forEach(s -> events.addAll(s.events()));
        events.sort((a, b) -> a.time().compareTo(b.time()));
        List<Session> again = Sessionizer.bySessionId().sessionize(events);
        assertThat(ids(again)).isEqualTo(ids(original));
    }

    @Test
    void sessionsAreEmittedAsSoonAsTheWatermarkPassesTheGap() {
        List<Session> out = new ArrayList<>();
        Sessionizer.Run run = Sessionizer.byInactivity(Duration.ofMinutes(30))
                .withOutOfOrderTolerance(Duration.ZERO).start(out::add);
        run.accept(new Event(null, "a", T0, EventType.PRODUCT_VIEW, null, null, null, Double.NaN));
        run.accept(new Event(null, "b", T0.plusSeconds(60), EventType.PRODUCT_VIEW, null, null, null, Double.NaN));
        assertThat(out).isEmpty();
        run.accept(new Event(null, "b", T0.plusSeconds(31 * 60), EventType.PRODUCT_VIEW, null, null, null, Double.NaN));
        assertThat(out).extracting(Session::id).containsExactly("a@" + T0.toEpochMilli());
        assertThat(run.openSessions()).isEqualTo(1);
        run.finish();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).events()).hasSize(2);
    }

    @Test
    void openSessionsStayBoundedOnALongSortedStream() {
        List<Session> out = new ArrayList<>();
        Sessionizer.Run run = Sessionizer.bySessionId().start(s -> out.add(null));
        try (var s = SyntheticSessions.stream(20_000, 3, SimulatorConfig.rees46().withDays(10))) {
            List<Event> buffer = new ArrayList<>();
            s.forEach(x -> buffer.addAll(x.events()));
            buffer.sort((a, b) -> a.time().compareTo(b.time()));
            buffer.forEach(run::accept);
        }
        run.finish();
        assertThat(out).hasSize(20_000);
        assertThat(run.maxOpenSessions()).isLessThan(1_000);
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aVeryLongSessionOfOneUserIsNotQuadratic() {
        Sessionizer.Run run = Sessionizer.byInactivity(Duration.ofMinutes(30)).start(s -> { });
        long[] count = {0};
        Sessionizer.Run counting = Sessionizer.byInactivity(Duration.ofMinutes(30)).start(s -> count[0]++);
        for (int i = 0; i < 300_000; i++) {
            Event e = new Event(null, "bot", T0.plusSeconds(10L * i), EventType.PRODUCT_VIEW, null, null, null,
                    Double.NaN);
            counting.accept(e);
            // a second user with a gap every 100 events, to exercise the gap bookkeeping alongside
            if (i % 100 == 0) {
                run.accept(new Event(null, "u", T0.plusSeconds(10L * i), EventType.PAGE_VIEW, null, null, null,
                        Double.NaN));
            }
        }
        counting.finish();
        assertThat(count[0]).isEqualTo(1);
    }

    @Test
    void lateEventFailsWithItsTimeAndSession() {
        Sessionizer.Run run = Sessionizer.bySessionId().start(s -> { });
        run.accept(Event.of("s1", T0.plusSeconds(3600), EventType.PRODUCT_VIEW));
        Event late = Event.of("s2", T0, EventType.ADD_TO_CART);
        Sessionizer.LateEventException e = assertThrows(Sessionizer.LateEventException.class, () -> run.accept(late));
        assertThat(e).hasMessage("event at 2019-11-01T00:00:00Z (session s2, ADD_TO_CART) is 1h older than the latest"
                + " event seen (2019-11-01T01:00:00Z), beyond the out-of-order tolerance of 5m; sort the input by time"
                + " or raise the tolerance");
    }

    @Test
    void lateEventsAreCountedAndStartANewSessionWhenTheirSessionIsClosed() {
        List<Session> out = new ArrayList<>();
        Sessionizer.Run run = Sessionizer.byInactivity(Duration.ofMinutes(30))
                .withLateEvents(Sessionizer.LatePolicy.COUNT).start(out::add);
        run.accept(new Event(null, "a", T0, EventType.PRODUCT_VIEW, null, null, null, Double.NaN));
        run.accept(new Event(null, "b", T0.plusSeconds(7200), EventType.PRODUCT_VIEW, null, null, null, Double.NaN));
        assertThat(out).hasSize(1);
        run.accept(new Event(null, "a", T0.plusSeconds(60), EventType.PURCHASE, null, null, null, Double.NaN));
        run.finish();
        assertThat(run.lateEvents()).isEqualTo(1);
        assertThat(out).hasSize(3);
        assertThat(out.stream().mapToInt(s -> s.events().size()).sum()).isEqualTo(3);
    }

    @Test
    void attributesOfTheFirstEventWin() {
        List<Session> out = Sessionizer.bySessionId().sessionize(List.of());
        assertThat(out).isEmpty();
        List<Session> got = new ArrayList<>();
        Sessionizer.Run run = Sessionizer.bySessionId().start(got::add);
        run.accept(Event.of("s", T0, EventType.PAGE_VIEW), Map.of("traffic_source", "email"));
        run.accept(Event.of("s", T0.plusSeconds(1), EventType.PAGE_VIEW), Map.of("traffic_source", "ads", "device", "mobile"));
        run.finish();
        assertThat(got.get(0).attributes()).containsEntry("traffic_source", "email").containsEntry("device", "mobile");
    }

    @Test
    void invalidSettingsNameTheRuleAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sessionizer.byInactivity(Duration.ZERO));
        assertThat(e).hasMessage("gap must be positive, was PT0S");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> Sessionizer.bySessionId().withOutOfOrderTolerance(Duration.ofSeconds(-1)));
        assertThat(t).hasMessage("tolerance must be >= 0, was PT-1S");
    }
}
