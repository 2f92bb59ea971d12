package dev.propensity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticSessionsTest {

    /** Features of the events strictly before the first purchase (the default cutoff). */
    static double[] features(Session s) {
        int cut = s.firstPurchaseIndex() < 0 ? s.events().size() : s.firstPurchaseIndex();
        double views = 0;
        double pages = 0;
        double carts = 0;
        double removes = 0;
        double checkouts = 0;
        for (int i = 0; i < cut; i++) {
            switch (s.events().get(i).type()) {
                case PRODUCT_VIEW:
                    views++;
                    break;
                case PAGE_VIEW:
                    pages++;
                    break;
                case ADD_TO_CART:
                    carts++;
                    break;
                case REMOVE_FROM_CART:
                    removes++;
                    break;
                case CHECKOUT:
                    checkouts++;
                    break;
                default:
                    break;
            }
        }
        double duration = cut == 0 ? 0
                : (s.events().get(cut - 1).epochMillis() - s.events().get(0).epochMillis()) / 1000.0;
        int hour = s.start().atZone(ZoneOffset.UTC).getHour();
        double lateMorning = hour >= 9 && hour <= 13 ? 1 : 0;
        String source = s.attributes().get(SessionAttributes.TRAFFIC_SOURCE);
        return new double[] {Math.log1p(views), Math.log1p(pages), Math.log1p(carts), removes > 0 ? 1 : 0,
            checkouts > 0 ? 1 : 0, Math.log1p(duration), lateMorning,
            "returning".equals(s.attributes().get(SessionAttributes.VISITOR_TYPE)) ? 1 : 0,
            "email".equals(source) ? 1 : 0, "social".equals(source) ? 1 : 0,
            "mobile".equals(s.attributes().get(SessionAttributes.DEVICE)) ? 1 : 0};
    }

    static double holdoutAuc(List<Session> sessions) {
        int n = sessions.size();
        int train = n * 7 / 10;
        double[][] x = new double[n][];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = features(sessions.get(i));
            y[i] = sessions.get(i).purchased();
        }
        double[] w = Logit.fit(java.util.Arrays.copyOf(x, train), java.util.Arrays.copyOf(y, train));
        double[] scores = new double[n - train];
        boolean[] yt = new boolean[n - train];
        for (int i = train; i < n; i++) {
            scores[i - train] = Logit.score(w, x[i]);
            yt[i - train] = y[i];
        }
        return Logit.auc(scores, yt);
    }

    @Test
    void sameSeedGivesIdenticalSessions() {
        assertThat(SyntheticSessions.generate(300, 7)).isEqualTo(SyntheticSessions.generate(300, 7));
        assertThat(SyntheticSessions.generate(300, 7)).isNotEqualTo(SyntheticSessions.generate(300, 8));
    }

    @Test
    void defaultProfileConvertsLikeUciAndHasALearnableButImperfectSignal() {
        List<Session> sessions = SyntheticSessions.generate(20_000, 42);
        double rate = sessions.stream().filter(Session::purchased).count() / (double) sessions.size();
        assertThat(rate).isBetween(0.14, 0.17);
        double meanViews = sessions.stream().mapToInt(s -> s.count(EventType.PRODUCT_VIEW)).average().orElse(0);
        assertThat(meanViews).isBetween(25.0, 40.0);
        double auc = holdoutAuc(sessions);
        assertThat(auc).isBetween(0.75, 0.9);
    }

    @Test
    void rees46ProfileHasShortSessionsAndRarePurchases() {
        List<Session> sessions = SyntheticSessions.generate(50_000, 3, SimulatorConfig.rees46());
        double rate = sessions.stream().filter(Session::purchased).count() / (double) sessions.size();
        assertThat(rate).isBetween(0.01, 0.02);
        double eventsPerSession = sessions.stream().mapToInt(s -> s.events().size()).average().orElse(0);
        assertThat(eventsPerSession).isBetween(2.5, 3.5);
        double single = sessions.stream().filter(s -> s.events().size() == 1).count() / (double) sessions.size();
        assertThat(single).isBetween(0.25, 0.5);
        assertThat(sessions.stream().flatMap(s -> s.events().stream()).map(Event::type).distinct())
                .doesNotContain(EventType.PAGE_VIEW, EventType.CHECKOUT);
    }

    @Test
    void conversionRateParameterIsHonoured() {
        List<Session> sessions = SyntheticSessions.generate(20_000, 5,
                SimulatorConfig.defaults().withConversionRate(0.05).withMeanProductViews(5));
        double rate = sessions.stream().filter(Session::purchased).count() / (double) sessions.size();
        assertThat(rate).isBetween(0.04, 0.06);
    }

    @Test
    void sessionsCarryAttributesAndAreInStartOrder() {
        List<Session> sessions = SyntheticSessions.generate(2_000, 11);
        for (int i = 1; i < sessions.size(); i++) {
            assertThat(sessions.get(i).start()).isAfterOrEqualTo(sessions.get(i - 1).start());
        }
        assertThat(sessions).allSatisfy(s -> assertThat(s.attributes()).containsKeys(
                SessionAttributes.TRAFFIC_SOURCE, SessionAttributes.VISITOR_TYPE, SessionAttributes.DEVICE));
        assertThat(sessions.stream().map(s -> s.attributes().get(SessionAttributes.VISITOR_TYPE)).distinct())
                .containsExactlyInAnyOrder("new", "returning");
    }

    static double rate(List<Session> sessions, java.util.function.Predicate<Session> which) {
        return sessions.stream().filter(which).filter(Session::purchased).count()
                / (double) sessions.stream().filter(which).count();
    }

    static int hour(Session s) {
        return s.start().atZone(ZoneOffset.UTC).getHour();
    }

    @Test
    void trafficAndConversionFollowTheDocumentedPatterns() {
        List<Session> s = SyntheticSessions.generate(60_000, 21, SimulatorConfig.defaults().withMeanProductViews(4));
        long night = s.stream().filter(x -> hour(x) >= 2 && hour(x) < 5).count();
        long evening = s.stream().filter(x -> hour(x) >= 18 && hour(x) < 21).count();
        assertThat(evening).isGreaterThan(5 * night);
        assertThat(rate(s, x -> hour(x) >= 10 && hour(x) <= 12)).isGreaterThan(1.3 * rate(s, x -> hour(x) >= 18));
        assertThat(rate(s, x -> "returning".equals(x.attributes().get(SessionAttributes.VISITOR_TYPE))))
                .isGreaterThan(rate(s, x -> "new".equals(x.attributes().get(SessionAttributes.VISITOR_TYPE))));
        assertThat(rate(s, x -> x.count(EventType.ADD_TO_CART) > 0))
                .isGreaterThan(2 * rate(s, x -> x.count(EventType.ADD_TO_CART) == 0));
        assertThat(rate(s, x -> x.count(EventType.PRODUCT_VIEW) >= 6))
                .isGreaterThan(rate(s, x -> x.count(EventType.PRODUCT_VIEW) <= 2));
        // prices are positive and vary by category
        assertThat(s.stream().flatMap(x -> x.events().stream()).filter(Event::hasPrice).mapToDouble(Event::price)
                .min().orElseThrow()).isGreaterThan(0);
    }

    @Test
    void badConfigurationNamesTheRuleAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorConfig.defaults().withConversionRate(1.5));
        assertThat(e).hasMessage("conversionRate must be in (0, 1), was 1.5");
    }
}
