package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of sessions fed event by event equal the table rows under the cutoff {@code events:k}. */
class SessionRowsTest {

    /** A user's extractor that reads the events as objects. */
    private static final FeatureExtractor BRANDS = new FeatureExtractor() {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.count("brands_seen", "events with a brand"),
                    FeatureSpec.categorical("last_type", "the last visible event's type"));
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            out.set(0, session.events().stream().filter(e -> e.brand() != null).count());
            List<Event> e = session.events();
            out.setLevel(1, e.isEmpty() ? null : e.get(e.size() - 1).type().name());
        }
    };

    /** Feeds every session event by event and compares each row with the batch row of {@code events:k}. */
    private static int assertIncrementalEqualsBatch(List<Session> sessions, List<FeatureExtractor> extractors) {
        int fresh = assertIncrementalEqualsBatch(sessions, extractors, false);
        assertThat(assertIncrementalEqualsBatch(sessions, extractors, true)).isEqualTo(fresh);
        return fresh;
    }

    /** With {@code restart}, each session after the first reuses the one before it ({@link SessionRows.Live#restart}). */
    private static int assertIncrementalEqualsBatch(List<Session> sessions, List<FeatureExtractor> extractors,
                                                    boolean restart) {
        int longest = sessions.stream().mapToInt(s -> s.events().size()).max().orElse(0);
        List<FeatureTable> batch = new ArrayList<>();
        for (int k = 1; k <= longest; k++) {
            batch.add(FeatureTables.builder().extractors(extractors).cutoff(Cutoffs.firstEvents(k)).build(sessions));
        }
        SessionRows rows = SessionRows.of(extractors);
        FeatureSchema schema = rows.schema();
        int compared = 0;
        SessionRows.Live reused = null;
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            SessionRows.Live live = reused != null && restart ? reused.restart(s.id(), s.userId(), s.attributes())
                    : rows.start(s.id(), s.userId(), s.attributes());
            reused = live;
            for (int k = 1; k <= s.events().size(); k++) {
                live.add(s.events().get(k - 1));
                live.update();
                FeatureTable t = batch.get(k - 1);
                assertThat(t.id(i)).isEqualTo(s.id());
                for (int j = 0; j < schema.size(); j++) {
                    String what = schema.get(j).name() + " of " + s.id() + " after event " + k;
                    if (schema.get(j).kind() == FeatureKind.CATEGORICAL) {
                        assertThat(live.level(j)).as(what).isEqualTo(t.level(i, j));
                    } else {
                        assertThat(Double.doubleToLongBits(live.value(j))).as(what)
                                .isEqualTo(Double.doubleToLongBits(t.value(i, j)));
                    }
                }
                compared++;
            }
        }
        return compared;
    }

    @Test
    void simulatedSessionsEventByEventGiveTheBatchRowsOfEventsK() {
        List<Session> sessions = SyntheticSessions.generate(200, 21);
        List<FeatureExtractor> withUsers = new ArrayList<>(StandardExtractors.forEvents(ZoneId.of("Europe/Berlin")));
        withUsers.add(BRANDS);
        assertThat(assertIncrementalEqualsBatch(sessions, StandardExtractors.forEvents())).isGreaterThan(1_000);
        assertThat(assertIncrementalEqualsBatch(sessions, withUsers)).isGreaterThan(1_000);
    }

    @Test
    void realRees46SessionsEventByEventGiveTheBatchRowsOfEventsK() throws IOException {
        Path p = SharedData.file("rees46/2019-11-01-head.csv");
        List<Session> sessions;
        try (SessionReader in = Inputs.sessions(p, InputFormat.REES46, ReadOptions.defaults())) {
            sessions = in.readAll();
        }
        List<FeatureExtractor> withUsers = new ArrayList<>(StandardExtractors.forEvents());
        withUsers.add(BRANDS);
        assertThat(assertIncrementalEqualsBatch(sessions, withUsers)).isEqualTo(683);
    }

    @Test
    void theRowStopsBeforeThePurchaseAndEventsMayArriveOutOfOrder() {
        Instant t0 = Instant.parse("2019-11-01T10:00:00Z");
        List<Event> events = List.of(
                new Event("s", "u", t0, EventType.PRODUCT_VIEW, "1", "c", null, 10),
                new Event("s", "u", t0.plusSeconds(20), EventType.ADD_TO_CART, "1", "c", null, 10),
                new Event("s", "u", t0.plusSeconds(30), EventType.PURCHASE, "1", "c", null, 10),
                new Event("s", "u", t0.plusSeconds(40), EventType.PRODUCT_VIEW, "2", "c", null, 99));
        SessionRows rows = SessionRows.of(StandardExtractors.forEvents());
        SessionRows.Live live = rows.start("s", "u", Map.of());
        live.add(events.get(1));
        live.add(events.get(0)); // earlier: goes first
        live.add(events.get(3));
        live.add(events.get(2)); // the purchase, before the last view
        live.update();
        FeatureTable t = FeatureTables.build(List.of(Session.of("s", "u", events)));
        for (int j = 0; j < rows.schema().size(); j++) {
            if (rows.schema().get(j).kind() != FeatureKind.CATEGORICAL) {
                assertThat(Double.doubleToLongBits(live.value(j))).as(rows.schema().get(j).name())
                        .isEqualTo(Double.doubleToLongBits(t.value(0, j)));
            }
        }
        assertThat(live.visibleEvents()).isEqualTo(2);
        assertThat(live.value(rows.schema().indexOf("price_max"))).isEqualTo(10.0);
        double[] raw = live.rawRow(t.schema(), new double[t.columnCount()]);
        for (int j = 0; j < t.columnCount(); j++) {
            assertThat(Double.doubleToLongBits(raw[j])).as(t.schema().get(j).name())
                    .isEqualTo(Double.doubleToLongBits(t.value(0, j)));
        }
    }

    @Test
    void aSchemaWithAFeatureTheRowsLackIsRefused() {
        SessionRows rows = SessionRows.of(List.of(StandardExtractors.eventCount()));
        SessionRows.Live live = rows.start("s", null, Map.of()).update();
        assertThat(live.value(0)).isZero();
        assertThatThrownBy(() -> live.rawRow(FeatureSchema.of(FeatureSpec.numeric("other", "x")), new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature other is not one of these rows' [events]");
        assertThatThrownBy(() -> live.add(0L, EventType.PAGE_VIEW, null, null, null, -1.0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session s: price must be finite and >= 0");
    }

    @Test
    void eventsPlacedAmongEarlierOnesRefoldTheTallyAndStillGiveTheBatchRow() {
        List<Session> sessions = SyntheticSessions.generate(120, 23);
        java.util.Random rnd = new java.util.Random(7);
        SessionRows rows = SessionRows.of(StandardExtractors.forEvents());
        FeatureSchema schema = rows.schema();
        int refolds = 0;
        int compared = 0;
        for (Session s : sessions) {
            List<Event> arriving = new ArrayList<>(s.events());
            for (int i = 0; i + 1 < arriving.size(); i++) { // swap some neighbours: late by one event
                if (rnd.nextInt(4) == 0) {
                    java.util.Collections.swap(arriving, i, i + 1);
                }
            }
            SessionRows.Live live = rows.start(s.id(), s.userId(), s.attributes());
            List<Event> seen = new ArrayList<>();
            for (Event e : arriving) {
                live.add(e);
                live.update();
                seen.add(e);
                List<Event> ordered = new ArrayList<>(seen);
                ordered.sort(java.util.Comparator.comparing(Event::time)); // stable: as the sessionizer places them
                FeatureTable t = FeatureTables.build(List.of(Session.of(s.id(), s.userId(), ordered, s.attributes())));
                for (int j = 0; j < schema.size(); j++) {
                    String what = schema.get(j).name() + " of " + s.id() + " after " + seen.size() + " arrivals";
                    if (schema.get(j).kind() == FeatureKind.CATEGORICAL) {
                        assertThat(live.level(j)).as(what).isEqualTo(t.level(0, j));
                    } else {
                        assertThat(Double.doubleToLongBits(live.value(j))).as(what)
                                .isEqualTo(Double.doubleToLongBits(t.value(0, j)));
                    }
                }
                compared++;
            }
            refolds += live.refolds();
        }
        assertThat(compared).isGreaterThan(1_000);
        assertThat(refolds).isGreaterThan(20);
    }
}
