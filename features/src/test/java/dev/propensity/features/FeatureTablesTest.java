package dev.propensity.features;

import static dev.propensity.features.TestSessions.ev;
import static dev.propensity.features.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTablesTest {
    private static List<Session> sample() {
        List<Session> s = new ArrayList<>();
        s.add(session("a", Map.of(SessionAttributes.TRAFFIC_SOURCE, "social"), ev("a", 0, EventType.PAGE_VIEW),
                ev("a", 60, EventType.PRODUCT_VIEW)));
        s.add(session("b", Map.of(SessionAttributes.TRAFFIC_SOURCE, "ads"), ev("b", 0, EventType.PRODUCT_VIEW),
                ev("b", 10, EventType.ADD_TO_CART), ev("b", 500, EventType.PURCHASE)));
        s.add(session("c", ev("c", 0, EventType.PURCHASE), ev("c", 5, EventType.PRODUCT_VIEW)));
        s.add(session("d", Map.of(SessionAttributes.TRAFFIC_SOURCE, "direct"), ev("d", 3600, EventType.PAGE_VIEW)));
        return s;
    }

    @Test
    void buildsOneRowPerSessionWithFeaturesAndWholeSessionFacts() {
        FeatureTables.Result r = FeatureTables.builder().buildWithReport(sample());
        FeatureTable t = r.table();
        assertThat(t.rows()).isEqualTo(4);
        assertThat(t.positives()).isEqualTo(2);
        assertThat(t.id(1)).isEqualTo("b");
        assertThat(t.value(1, "events")).isEqualTo(2.0);
        assertThat(t.value(1, "duration_seconds")).isEqualTo(10.0);
        // facts describe the whole session, purchase included
        assertThat(t.facts().durationSeconds(1)).isEqualTo(500.0);
        assertThat(t.facts().eventCount(1)).isEqualTo(3);
        assertThat(t.facts().has(1, EventType.PURCHASE)).isTrue();
        assertThat(t.facts().attribute(SessionAttributes.TRAFFIC_SOURCE, 0)).isEqualTo("social");
        assertThat(t.level(0, t.schema().indexOf("start_hour"))).isEqualTo("10");
    }

    @Test
    void keepsAndCountsABuyerWithNothingBeforeTheCutoff() {
        FeatureTables.Result r = FeatureTables.builder().buildWithReport(sample());
        assertThat(r.report().buyersWithEmptyCutoff()).isEqualTo(1);
        assertThat(r.report().rows()).isEqualTo(4);
        assertThat(r.report().dropped()).isEmpty();
        assertThat(r.table().value(2, "events")).isZero();
        assertThat(r.table().label(2)).isTrue();
        assertThat(r.report().sessionsIn()).isEqualTo(4);
        assertThat(r.report().buyersIn()).isEqualTo(2);
        assertThat(r.report().eventsIn()).isEqualTo(8);
        assertThat(r.report().eventsVisible()).isEqualTo(2 + 2 + 0 + 1);
        assertThat(r.report().toString()).contains("buyers with nothing before the cutoff=1");
    }

    @Test
    void dropsABuyerWithNothingBeforeTheCutoffWhenAskedAndSaysSo() {
        FeatureTables.Result r = FeatureTables.builder().dropBuyersWithEmptyCutoff(true).buildWithReport(sample());
        assertThat(r.table().rows()).isEqualTo(3);
        assertThat(r.table().facts().size()).isEqualTo(3);
        assertThat(r.report().dropped()).containsEntry(BuildReport.BUYER_WITH_EMPTY_CUTOFF, 1L);
        assertThat(r.report().buyersWithEmptyCutoff()).isEqualTo(1);
    }

    @Test
    void sortsDiscoveredLevelsWhateverTheArrivalOrder() {
        FeatureTable t = FeatureTables.build(sample());
        int j = t.schema().indexOf("traffic_source");
        assertThat(t.schema().get(j).levels()).containsExactly("ads", "direct", "social");
        assertThat(t.level(0, j)).isEqualTo("social");
        assertThat(t.level(2, j)).isNull();
        List<Session> reversed = new ArrayList<>(sample());
        java.util.Collections.reverse(reversed);
        FeatureTable r = FeatureTables.build(reversed);
        assertThat(r.schema()).isEqualTo(t.schema());
    }

    @Test
    void ordersNumbersNumericallyAndMonthsByTheCalendar() {
        List<String> l = new ArrayList<>(List.of("10", "2", "Other", "1", "June", "Feb", "Dec", "Mar", "-1"));
        l.sort(FeatureTables.LEVEL_ORDER);
        assertThat(l).containsExactly("-1", "1", "2", "10", "Feb", "Mar", "June", "Dec", "Other");
    }

    @Test
    void choosesTheUciExtractorForTableSessions() {
        List<Session> rows = List.of(Session.summary("1", UciExtractorTest.row(), true),
                Session.summary("2", UciExtractorTest.row(), false));
        FeatureTables.Result r = FeatureTables.builder().buildWithReport(rows);
        assertThat(r.table().schema().names()).contains("PageValues", "Month", "Weekend");
        assertThat(r.report().buyersWithEmptyCutoff()).isZero();
    }

    @Test
    void takesUserExtractorsBesideTheStandardOnes() {
        FeatureExtractor mine = Extractors.single(FeatureSpec.count("views_squared", "views squared"),
                s -> Math.pow(s.events().size(), 2));
        FeatureTable t = FeatureTables.builder().extractors(StandardExtractors.eventCount(), mine).build(sample());
        assertThat(t.schema().names()).containsExactly("events", "views_squared");
        assertThat(t.value(1, "views_squared")).isEqualTo(4.0);
    }

    @Test
    void rejectsDuplicateFeatureNames() {
        FeatureTables.Builder b = FeatureTables.builder().extractors(StandardExtractors.eventCount(),
                StandardExtractors.eventCount());
        List<Session> s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build(s));
        assertThat(e.getMessage()).isEqualTo("duplicate feature name 'events'");
    }

    @Test
    void rejectsALevelOutsideFixedLevelsNamingTheSession() {
        FeatureExtractor bad = Extractors.level(FeatureSpec.categorical("colour", List.of("red"), "colour"),
                s -> "blue");
        FeatureTables.Builder b = FeatureTables.builder().extractors(bad);
        List<Session> s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build(s));
        assertThat(e.getMessage()).isEqualTo("session a: feature colour: level 'blue' is not one of its levels [red]");
    }

    @Test
    void rejectsAnExtractorWritingTheWrongKind() {
        FeatureExtractor bad = new FeatureExtractor() {
            @Override
            public List<FeatureSpec> features() {
                return List.of(FeatureSpec.categorical("c", "c"));
            }

            @Override
            public void extract(ObservedSession session, FeatureRow out) {
                out.set(0, 1.0);
            }
        };
        FeatureTables.Builder b = FeatureTables.builder().extractors(bad);
        List<Session> s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build(s));
        assertThat(e.getMessage()).isEqualTo("session a: feature c is categorical; set it with setLevel, not set(1.0)");
    }

    @Test
    void dropsFeaturesMissingInEveryRowOnlyWhenAsked() {
        FeatureTable kept = FeatureTables.build(sample());
        assertThat(kept.schema().names()).contains("device");
        FeatureTables.Result r = FeatureTables.builder().dropEmptyFeatures(true).buildWithReport(sample());
        assertThat(r.table().schema().names()).doesNotContain("device", "price_mean").contains("traffic_source");
        assertThat(r.report().droppedEmptyFeatures()).contains("device", "price_mean", "price_max",
                "returning_visitor");
    }

    @Test
    void anEmptyInputGivesAnEmptyTable() {
        FeatureTables.Result r = FeatureTables.builder().buildWithReport(List.of());
        assertThat(r.table().rows()).isZero();
        assertThat(r.table().columnCount()).isEqualTo(new RowExtractor(StandardExtractors.forEvents(),
                Cutoffs.beforeFirstPurchase()).declared.size());
    }

    @Test
    void buildsLargeTablesAcrossChunkBoundaries() {
        List<Session> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String id = "s" + i;
            many.add(i % 7 == 0
                    ? session(id, ev(id, i, EventType.PAGE_VIEW), ev(id, i + 1, EventType.PURCHASE))
                    : session(id, ev(id, i, EventType.PAGE_VIEW)));
        }
        FeatureTable t = FeatureTables.builder().extractors(StandardExtractors.eventCount(),
                StandardExtractors.duration()).build(many.stream());
        assertThat(t.rows()).isEqualTo(20_000);
        for (int i = 0; i < t.rows(); i++) {
            assertThat(t.id(i)).isEqualTo("s" + i);
            assertThat(t.value(i, 0)).isEqualTo(1.0);
        }
    }

    @Test
    void prefetchingGivesTheSameTable() {
        List<Session> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String id = "s" + i;
            many.add(session(id, Map.of(SessionAttributes.TRAFFIC_SOURCE, "t" + (i % 5)),
                    ev(id, i, EventType.PRODUCT_VIEW), ev(id, i + 30, i % 4 == 0 ? EventType.PURCHASE
                            : EventType.ADD_TO_CART)));
        }
        FeatureTables.Result plain = FeatureTables.builder().buildWithReport(many);
        FeatureTables.Result fetched = FeatureTables.builder().prefetch(true).buildWithReport(many);
        assertThat(fetched.table().sameValues(plain.table())).isTrue();
        for (int i = 0; i < many.size(); i++) {
            assertThat(fetched.table().id(i)).isEqualTo(plain.table().id(i));
        }
        assertThat(fetched.report().rows()).isEqualTo(plain.report().rows());
    }

    @Test
    void prefetchingRethrowsTheInputsErrorUnchanged() {
        List<Session> s = sample();
        java.util.Iterator<Session> failing = new java.util.Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Session next() {
                if (n == 2) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("events.csv line 9: bad time"));
                }
                return s.get(n++);
            }
        };
        FeatureTables.Builder b = FeatureTables.builder().prefetch(true);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> b.buildWithReport(failing));
        assertThat(e.getCause()).hasMessage("events.csv line 9: bad time");
    }

    @Test
    void rejectsAnInfiniteFeatureValueNamingTheSession() {
        FeatureExtractor bad = Extractors.single(FeatureSpec.numeric("ratio", "r"), s -> 1.0 / 0.0);
        FeatureTables.Builder b = FeatureTables.builder().extractors(bad);
        List<Session> s = sample();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build(s));
        assertThat(e.getMessage()).isEqualTo("session a: feature ratio must be finite or NaN (missing), was Infinity");
    }
}
