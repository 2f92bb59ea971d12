package dev.propensity.metrics;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.propensity.metrics.TestFacts.at;
import static dev.propensity.metrics.TestFacts.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BreakdownsTest {

    private static SessionFacts events() {
        int view = mask(EventType.PRODUCT_VIEW);
        return SessionFacts.builder()
                // Monday 2026-01-05
                .addRow("a", true, at("2026-01-05T14:10:00Z"), 30, 3, view, Map.of(SessionAttributes.TRAFFIC_SOURCE, "email"))
                .addRow("b", false, at("2026-01-05T14:50:00Z"), 60, 2, view, Map.of(SessionAttributes.TRAFFIC_SOURCE, "search"))
                .addRow("c", false, at("2026-01-05T09:00:00Z"), 179.9, 2, view, Map.of(SessionAttributes.TRAFFIC_SOURCE, "search"))
                // Sunday 2026-01-11
                .addRow("d", true, at("2026-01-11T23:59:59Z"), 1800, 9, view, Map.of(SessionAttributes.TRAFFIC_SOURCE, "direct"))
                .addRow("e", false, at("2026-01-11T00:00:00Z"), 599, 4, view, Map.of(SessionAttributes.TRAFFIC_SOURCE, "search"))
                .build();
    }

    @Test
    void hourOfDayCountsSessionsAndBuyersPerStartHour() {
        Breakdown b = Breakdowns.byHourOfDay(events());
        assertThat(b.dimension()).isEqualTo(Breakdowns.HOUR_OF_DAY);
        assertThat(b.title()).isEqualTo("Hour of day");
        assertThat(b.groups()).extracting(Breakdown.Group::label).containsExactly("00:00", "09:00", "14:00", "23:00");
        Breakdown.Group two = b.group("14:00").orElseThrow();
        assertThat(two.sessions()).isEqualTo(2);
        assertThat(two.purchases()).isEqualTo(1);
        assertThat(two.rate()).isEqualTo(0.5);
        assertThat(two.interval()).isEqualTo(Wilson.interval(1, 2));
        assertThat(two.hasPrediction()).isFalse();
        assertThat(b.sessions()).isEqualTo(5);
        assertThat(b.purchases()).isEqualTo(2);
    }

    @Test
    void hourOfDayIsReadInTheZoneOfTheFacts() {
        SessionFacts berlin = SessionFacts.builder(ZoneId.of("Europe/Berlin"))
                .addRow("a", true, at("2026-01-05T23:30:00Z"), 10, 1, 0, Map.of())
                .build();
        assertThat(Breakdowns.byHourOfDay(berlin).groups().get(0).label()).isEqualTo("00:00");
        assertThat(Breakdowns.byDayOfWeek(berlin).groups().get(0).label()).isEqualTo("Tue");
    }

    @Test
    void dayOfWeekRunsMondayToSunday() {
        Breakdown b = Breakdowns.byDayOfWeek(events());
        assertThat(b.groups()).extracting(Breakdown.Group::label).containsExactly("Mon", "Sun");
        assertThat(b.group("Sun").orElseThrow().purchases()).isEqualTo(1);
        assertThat(b.group("Mon").orElseThrow().sessions()).isEqualTo(3);
    }

    @Test
    void durationBucketsHaveExclusiveUpperBounds() {
        assertThat(Breakdowns.durationBucket(59.999)).isZero();
        assertThat(Breakdowns.durationBucket(60)).isEqualTo(1);
        assertThat(Breakdowns.durationBucket(180)).isEqualTo(2);
        assertThat(Breakdowns.durationBucket(1799)).isEqualTo(3);
        assertThat(Breakdowns.durationBucket(1800)).isEqualTo(4);
        assertThat(Breakdowns.durationBucket(-5)).isZero();
        assertThat(Breakdowns.durationBucket(Double.NaN)).isEqualTo(-1);
        Breakdown b = Breakdowns.byDurationBucket(events());
        assertThat(b.groups()).extracting(Breakdown.Group::label).containsExactly("<1 min", "1-3 min", "3-10 min", "30+ min");
        assertThat(b.group("1-3 min").orElseThrow().sessions()).isEqualTo(2);
    }

    @Test
    void meanPredictedIgnoresUnscoredRows() {
        double[] scores = {0.8, 0.2, Double.NaN, 0.6, 0.1};
        Breakdown b = Breakdowns.byAttribute(events(), SessionAttributes.TRAFFIC_SOURCE, scores);
        Breakdown.Group search = b.group("search").orElseThrow();
        assertThat(search.sessions()).isEqualTo(3);
        assertThat(search.meanPredicted()).isCloseTo(0.15, within(1e-15));
        assertThat(b.group("email").orElseThrow().meanPredicted()).isEqualTo(0.8);
    }

    @Test
    void attributeGroupsAreOrderedByCountWhenTheyHaveNoNaturalOrder() {
        Breakdown b = Breakdowns.byAttribute(events(), SessionAttributes.TRAFFIC_SOURCE);
        assertThat(b.title()).isEqualTo("Traffic source");
        assertThat(b.groups()).extracting(Breakdown.Group::label).containsExactly("search", "direct", "email");
    }

    @Test
    void monthsAreInCalendarOrderAndNumbersAscending() {
        SessionFacts.Builder fb = SessionFacts.builder();
        String[] months = {"Nov", "Feb", "June", "Mar", "Nov", "Dec"};
        String[] traffic = {"10", "2", "1", "2", "20", "3"};
        for (int i = 0; i < months.length; i++) {
            fb.addRow("s" + i, i % 2 == 0, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0,
                    Map.of("Month", months[i], "TrafficType", traffic[i]));
        }
        SessionFacts f = fb.build();
        assertThat(Breakdowns.byAttribute(f, "Month").groups()).extracting(Breakdown.Group::label)
                .containsExactly("Feb", "Mar", "June", "Nov", "Dec");
        assertThat(Breakdowns.byAttribute(f, "TrafficType").groups()).extracting(Breakdown.Group::label)
                .containsExactly("1", "2", "3", "10", "20");
        assertThat(Breakdowns.title("TrafficType")).isEqualTo("Traffic type");
    }

    @Test
    void availableOffersTimeDimensionsOnlyWithStartTimes() {
        assertThat(Breakdowns.available(events())).containsExactly(Breakdowns.HOUR_OF_DAY, Breakdowns.DAY_OF_WEEK,
                Breakdowns.DURATION, SessionAttributes.TRAFFIC_SOURCE);
        SessionFacts table = SessionFacts.builder()
                .addRow("1", true, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0,
                        Map.of("VisitorType", "New_Visitor", SessionAttributes.VISITOR_TYPE, "new",
                                "Revenue", "TRUE", "PageValues", "12.5", "Month", "Feb"))
                .addRow("2", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0,
                        Map.of("VisitorType", "Returning_Visitor", SessionAttributes.VISITOR_TYPE, "returning",
                                "Revenue", "FALSE", "PageValues", "0", "Month", "Mar"))
                .addRow("3", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0,
                        Map.of("VisitorType", "Returning_Visitor", SessionAttributes.VISITOR_TYPE, "returning",
                                "Revenue", "FALSE", "PageValues", "3", "Month", "Feb"))
                .build();
        // no hour of day, no duration; VisitorType groups as visitor_type does; Revenue is the label; PageValues is
        // numeric
        assertThat(Breakdowns.available(table)).containsExactly(SessionAttributes.VISITOR_TYPE, "Month");
        assertThat(Breakdowns.all(table)).extracting(Breakdown::dimension)
                .containsExactly(SessionAttributes.VISITOR_TYPE, "Month");
    }

    @Test
    void attributesThatGroupRowsDifferentlyAreBothOffered() {
        SessionFacts f = SessionFacts.builder()
                .addRow("1", true, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of("a", "x", "b", "p"))
                .addRow("2", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of("a", "x", "b", "q"))
                .addRow("3", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of("a", "y", "b", "q"))
                .build();
        assertThat(Breakdowns.available(f)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void hourOfDayWithoutStartTimesSaysWhatIsAvailable() {
        SessionFacts table = SessionFacts.builder()
                .addRow("1", true, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of("Month", "Feb"))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Breakdowns.byHourOfDay(table));
        assertThat(e.getMessage()).contains("start time").contains("available: [Month]");
    }

    @Test
    void scoresOfTheWrongLengthAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Breakdowns.byHourOfDay(events(), new double[2]));
        assertThat(e.getMessage()).contains("2 vs 5");
    }

    @Test
    void toStringIsATable() {
        assertThat(Breakdowns.byDurationBucket(events()).toString()).contains("Session duration", "<1 min", "95% CI");
    }

    @Test
    void uciTableBreaksDownByItsCategoricalColumns() throws IOException {
        Path dir = TestFacts.requireSharedData();
        SessionFacts uci = TestFacts.uci(dir.resolve("uci/online_shoppers_intention.csv"));
        List<String> dims = Breakdowns.available(uci);
        assertThat(dims).contains("Month", "VisitorType", "TrafficType", "Weekend", "Region")
                .doesNotContain(Breakdowns.HOUR_OF_DAY, Breakdowns.DURATION, "PageValues", "Revenue");
        for (Breakdown b : Breakdowns.all(uci)) {
            assertThat(b.sessions()).as(b.dimension()).isEqualTo(12_330);
            assertThat(b.purchases()).as(b.dimension()).isEqualTo(1_908);
        }
        Breakdown month = Breakdowns.byAttribute(uci, "Month");
        assertThat(month.groups()).extracting(Breakdown.Group::label)
                .containsExactly("Feb", "Mar", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
        Map<String, Long> counts = month.groups().stream().collect(Collectors.toMap(Breakdown.Group::label, Breakdown.Group::sessions));
        assertThat(counts.get("May")).isEqualTo(3364);
        assertThat(counts.get("Nov")).isEqualTo(2998);
    }

    @Test
    void aRegionWithAFixedOffsetBreaksDownAsThatOffset() {
        java.util.Random r = new java.util.Random(2);
        java.time.ZoneId[][] pairs = {{java.time.ZoneId.of("UTC"), java.time.ZoneOffset.UTC},
            {java.time.ZoneId.of("Etc/GMT-5"), java.time.ZoneOffset.ofHours(5)},
            {java.time.ZoneId.of("Europe/Berlin"), java.time.ZoneId.of("Europe/Berlin")}};
        for (java.time.ZoneId[] z : pairs) {
            SessionFacts.Builder a = SessionFacts.builder(z[0]);
            SessionFacts.Builder b = SessionFacts.builder(z[1]);
            java.util.Random same = new java.util.Random(r.nextLong());
            for (int i = 0; i < 500; i++) {
                long start = 1_546_300_800_000L + (long) (same.nextDouble() * 365 * 86_400_000L);
                boolean bought = same.nextInt(5) == 0;
                a.addRow("s" + i, bought, start, 60, 2, 0, java.util.Map.of());
                b.addRow("s" + i, bought, start, 60, 2, 0, java.util.Map.of());
            }
            SessionFacts fa = a.build();
            SessionFacts fb = b.build();
            org.assertj.core.api.Assertions.assertThat(Breakdowns.byHourOfDay(fa)).isEqualTo(Breakdowns.byHourOfDay(fb));
            org.assertj.core.api.Assertions.assertThat(Breakdowns.byDayOfWeek(fa)).isEqualTo(Breakdowns.byDayOfWeek(fb));
            // against the date-time library, row by row
            for (int i = 0; i < fa.size(); i++) {
                java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(fa.startMillis(i)).atZone(z[0]);
                org.assertj.core.api.Assertions.assertThat(Breakdowns.hour(fa.startMillis(i),
                        Breakdowns.fixed(z[0]))).isEqualTo(t.getHour());
                org.assertj.core.api.Assertions.assertThat(Breakdowns.dayOfWeek(fa.startMillis(i),
                        Breakdowns.fixed(z[0]))).isEqualTo(t.getDayOfWeek());
            }
        }
        org.assertj.core.api.Assertions.assertThat(Breakdowns.fixed(java.time.ZoneId.of("UTC")))
                .isEqualTo(java.time.ZoneOffset.UTC);
    }
}
