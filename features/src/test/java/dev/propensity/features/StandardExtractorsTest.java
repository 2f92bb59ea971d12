package dev.propensity.features;

import static dev.propensity.features.TestSessions.ev;
import static dev.propensity.features.TestSessions.features;
import static dev.propensity.features.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardExtractorsTest {
    /** A buyer: 6 events before the purchase (Saturday 10:15 UTC), then the purchase and more. */
    private static final Session BUYER = session("b",
            Map.of(SessionAttributes.TRAFFIC_SOURCE, "search", SessionAttributes.VISITOR_TYPE, "returning",
                    SessionAttributes.DEVICE, "mobile"),
            ev("b", 0, EventType.PAGE_VIEW),
            ev("b", 30, EventType.PRODUCT_VIEW, "p1", "shoes", 50),
            ev("b", 90, EventType.PRODUCT_VIEW, "p2", "shoes", 150),
            ev("b", 100, EventType.ADD_TO_CART, "p2", "shoes", 150),
            ev("b", 200, EventType.ADD_TO_CART, "p3", "hats", 20),
            ev("b", 400, EventType.REMOVE_FROM_CART, "p3", "hats", 20),
            ev("b", 1000, EventType.PURCHASE, "p2", "shoes", 150),
            ev("b", 1100, EventType.CHECKOUT),
            ev("b", 1200, EventType.PRODUCT_VIEW, "p9", "bags", 999));

    @Test
    void countsOnlyEventsBeforeThePurchase() {
        Map<String, Object> f = features(BUYER);
        assertThat(f).containsEntry("events", 6.0).containsEntry("page_views", 1.0)
                .containsEntry("product_views", 2.0).containsEntry("cart_adds", 2.0)
                .containsEntry("cart_removes", 1.0).containsEntry("distinct_products", 3.0)
                .containsEntry("distinct_categories", 2.0).containsEntry("checkout_initiated", 0.0)
                .containsEntry("bounce", 0.0);
    }

    @Test
    void durationAndGapsAreInSecondsOverVisibleEvents() {
        Map<String, Object> f = features(BUYER);
        assertThat(f).containsEntry("duration_seconds", 400.0).containsEntry("gap_max_seconds", 200.0);
        assertThat((double) f.get("gap_mean_seconds")).isCloseTo(80.0, within(1e-12));
    }

    @Test
    void cartValueIsAddsMinusRemovesAndNeverNegative() {
        assertThat(features(BUYER)).containsEntry("cart_value", 150.0);
        Session odd = session("o", ev("o", 0, EventType.REMOVE_FROM_CART, "p", "c", 30),
                ev("o", 5, EventType.ADD_TO_CART, "q", "c", 10), ev("o", 6, EventType.ADD_TO_CART));
        assertThat(features(odd)).containsEntry("cart_value", 0.0);
    }

    @Test
    void priceStatisticsUsePricedEventsAndAreMissingWithoutAny() {
        Map<String, Object> f = features(BUYER);
        assertThat((double) f.get("price_mean")).isCloseTo((50 + 150 + 150 + 20 + 20) / 5.0, within(1e-12));
        assertThat(f).containsEntry("price_max", 150.0);
        Map<String, Object> none = features(session("n", ev("n", 0, EventType.PAGE_VIEW)));
        assertThat((double) none.get("price_mean")).isNaN();
        assertThat((double) none.get("price_max")).isNaN();
    }

    @Test
    void aSingleEventIsABounceWithZeroDurationAndNoGaps() {
        Map<String, Object> f = features(session("s", ev("s", 0, EventType.PRODUCT_VIEW)));
        assertThat(f).containsEntry("bounce", 1.0).containsEntry("duration_seconds", 0.0)
                .containsEntry("events", 1.0);
        assertThat((double) f.get("gap_mean_seconds")).isNaN();
        assertThat((double) f.get("gap_max_seconds")).isNaN();
    }

    @Test
    void checkoutIsSeenBeforeThePurchaseAndMarkedNearTheOutcome() {
        Session s = session("c", ev("c", 0, EventType.ADD_TO_CART), ev("c", 5, EventType.CHECKOUT),
                ev("c", 9, EventType.PURCHASE));
        assertThat(features(s)).containsEntry("checkout_initiated", 1.0);
        assertThat(StandardExtractors.checkoutInitiated().features().get(0).nearOutcome()).isTrue();
        assertThat(StandardExtractors.cartAdds().features().get(0).nearOutcome()).isFalse();
    }

    @Test
    void startTimeFeaturesUseTheFirstVisibleEventInTheZone() {
        Map<String, Object> utc = features(BUYER);
        assertThat(utc).containsEntry("start_hour", "10").containsEntry("start_weekday", "Sat")
                .containsEntry("weekend", 1.0);
        double hour = 10.25;
        assertThat((double) utc.get("hour_sin")).isCloseTo(Math.sin(2 * Math.PI * hour / 24), within(1e-12));
        assertThat((double) utc.get("hour_cos")).isCloseTo(Math.cos(2 * Math.PI * hour / 24), within(1e-12));
        double week = 5 + hour / 24;
        assertThat((double) utc.get("weekday_sin")).isCloseTo(Math.sin(2 * Math.PI * week / 7), within(1e-12));
        // 10:15 UTC on Saturday is 05:15 in New York, still Saturday; 23:00 in Auckland... on Saturday too
        Map<String, Object> ny = features(BUYER, StandardExtractors.forEvents(ZoneId.of("America/New_York")),
                Cutoffs.beforeFirstPurchase());
        assertThat(ny).containsEntry("start_hour", "5");
        Map<String, Object> tokyo = features(session("t", TestSessions.ev("t", 14 * 3600, EventType.PAGE_VIEW)),
                StandardExtractors.forEvents(ZoneId.of("Asia/Tokyo")), Cutoffs.beforeFirstPurchase());
        assertThat(tokyo).containsEntry("start_hour", "9").containsEntry("start_weekday", "Sun")
                .containsEntry("weekend", 1.0);
    }

    @Test
    void hourCyclesCloseAroundMidnight() {
        Map<String, Object> late = features(session("l", ev("l", 13 * 3600 + 44 * 60, EventType.PAGE_VIEW)));
        Map<String, Object> early = features(session("e", ev("e", 13 * 3600 + 46 * 60, EventType.PAGE_VIEW)));
        assertThat(late).containsEntry("start_hour", "23");
        assertThat(early).containsEntry("start_hour", "0").containsEntry("start_weekday", "Sun");
        double dx = (double) late.get("hour_cos") - (double) early.get("hour_cos");
        double dy = (double) late.get("hour_sin") - (double) early.get("hour_sin");
        assertThat(Math.hypot(dx, dy)).isLessThan(0.01);
    }

    @Test
    void attributesBecomeVisitorSourceAndDevice() {
        Map<String, Object> f = features(BUYER);
        assertThat(f).containsEntry("returning_visitor", 1.0).containsEntry("traffic_source", "search")
                .containsEntry("device", "mobile");
        Map<String, Object> none = features(session("x", ev("x", 0, EventType.PAGE_VIEW)));
        assertThat((double) none.get("returning_visitor")).isNaN();
        assertThat(none.get("traffic_source")).isNull();
        Map<String, Object> uci = features(session("u", Map.of("VisitorType", "New_Visitor"),
                ev("u", 0, EventType.PAGE_VIEW)));
        assertThat(uci).containsEntry("returning_visitor", 0.0);
    }

    @Test
    void aBuyerWhosePurchaseComesFirstHasEmptyFeatures() {
        Map<String, Object> f = features(session("p", ev("p", 0, EventType.PURCHASE, "x", "c", 5),
                ev("p", 10, EventType.PRODUCT_VIEW, "y", "c", 7)));
        assertThat(f).containsEntry("events", 0.0).containsEntry("duration_seconds", 0.0)
                .containsEntry("cart_value", 0.0).containsEntry("bounce", 0.0);
        assertThat((double) f.get("price_mean")).isNaN();
        assertThat((double) f.get("hour_sin")).isNaN();
        assertThat(f.get("start_hour")).isNull();
    }

    @Test
    void theDefaultSetDeclaresUniqueDescribedFeatures() {
        RowExtractor rx = new RowExtractor(StandardExtractors.forEvents(), Cutoffs.beforeFirstPurchase());
        assertThat(rx.declared.names()).contains("duration_seconds", "events", "page_views", "product_views",
                "distinct_products", "distinct_categories", "cart_adds", "cart_removes", "checkout_initiated",
                "cart_value", "price_mean", "price_max", "gap_mean_seconds", "gap_max_seconds", "bounce",
                "start_hour", "start_weekday", "hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "weekend",
                "returning_visitor", "traffic_source", "device");
        assertThat(rx.declared.features()).allMatch(f -> !f.description().isBlank());
    }

    @Test
    void attributeExtractorsParseAndRejectBadValues() {
        Session s = session("a", Map.of("score", "2.5", "flag", "Yes", "bad", "abc"), ev("a", 0, EventType.PAGE_VIEW));
        List<FeatureExtractor> ok = List.of(StandardExtractors.attributeNumeric("score", "score", "a score"),
                StandardExtractors.attributeBinary("flag", "flag", "a flag"),
                StandardExtractors.attributeNumeric("absent", "nothing", "absent"));
        Map<String, Object> f = features(s, ok, Cutoffs.beforeFirstPurchase());
        assertThat(f).containsEntry("score", 2.5).containsEntry("flag", 1.0);
        assertThat((double) f.get("absent")).isNaN();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> features(s,
                List.of(StandardExtractors.attributeNumeric("bad", "bad", "bad")), Cutoffs.beforeFirstPurchase()));
        assertThat(e.getMessage()).isEqualTo("session a: attribute bad must be a number, was 'abc'");
        e = assertThrows(IllegalArgumentException.class, () -> features(s,
                List.of(StandardExtractors.attributeBinary("bad", "bad", "bad")), Cutoffs.beforeFirstPurchase()));
        assertThat(e.getMessage()).isEqualTo("session a: attribute bad must be true or false, was 'abc'");
    }

    @Test
    void countsDistinctValuesInShortAndLongSessions() {
        List<dev.propensity.core.Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            events.add(ev("d", i, EventType.PRODUCT_VIEW, i % 7 == 0 ? null : "p" + (i % 10), "c", 1));
        }
        for (int n : new int[] {0, 1, 5, 24, 25, 60, 64, 65, 80}) { // above 64: sorted, not pairwise
            long expected = events.subList(0, n).stream().map(dev.propensity.core.Event::productId)
                    .filter(java.util.Objects::nonNull).distinct().count();
            ObservedSession o = new ObservedSession("d", null, events.subList(0, n), Map.of());
            assertThat(StandardExtractors.distinct(o, true)).as("first %d events", n).isEqualTo((int) expected);
        }
    }

    @Test
    void startHourAndWeekdayAgreeWithJavaTimeInManyZones() {
        java.util.Random rnd = new java.util.Random(5);
        for (String z : new String[] {"UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "+13:45"}) {
            ZoneId zone = ZoneId.of(z);
            List<FeatureExtractor> ex = List.of(StandardExtractors.startTime(zone));
            for (int i = 0; i < 300; i++) {
                java.time.Instant t = java.time.Instant.ofEpochSecond(rnd.nextInt(2_000_000_000) - 300_000_000L);
                Session s = Session.of("z", null, List.of(new dev.propensity.core.Event("z", null, t,
                        EventType.PAGE_VIEW, null, null, null, Double.NaN)));
                Map<String, Object> f = features(s, ex, Cutoffs.beforeFirstPurchase());
                java.time.ZonedDateTime local = t.atZone(zone);
                assertThat(f.get("start_hour")).as("%s in %s", t, z).isEqualTo(Integer.toString(local.getHour()));
                assertThat(f.get("start_weekday")).as("%s in %s", t, z)
                        .isEqualTo(StandardExtractors.WEEKDAYS.get(local.getDayOfWeek().getValue() - 1));
                double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
                assertThat((double) f.get("hour_sin")).isCloseTo(Math.sin(2 * Math.PI * hour / 24), within(1e-9));
            }
        }
    }
}
