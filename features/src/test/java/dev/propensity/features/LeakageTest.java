package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that no feature of a buying session changes when the events at or after its first purchase are
 * altered or removed, for every cutoff policy, over many random sessions.
 */
class LeakageTest {
    private static final EventType[] BROWSING = {EventType.PAGE_VIEW, EventType.PRODUCT_VIEW, EventType.PRODUCT_VIEW,
        EventType.ADD_TO_CART, EventType.REMOVE_FROM_CART, EventType.CHECKOUT, EventType.OTHER};
    private static final EventType[] ANY = EventType.values();
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    static Stream<Arguments> seedsAndCutoffs() {
        List<Arguments> args = new ArrayList<>();
        String[] cutoffs = {"before-purchase", "events:1", "events:3", "events:8", "minutes:0", "minutes:2",
            "minutes:30"};
        for (long seed = 1; seed <= 5; seed++) {
            for (String c : cutoffs) {
                args.add(Arguments.of(seed, c));
            }
        }
        return args.stream();
    }

    /** A session: a prefix of browsing events, then (for buyers) a purchase and a random suffix. */
    private static final class Plan {
        final String id;
        final Map<String, String> attributes;
        final List<Event> prefix;
        final boolean buyer;

        Plan(String id, Map<String, String> attributes, List<Event> prefix, boolean buyer) {
            this.id = id;
            this.attributes = attributes;
            this.prefix = prefix;
            this.buyer = buyer;
        }

        long lastMillis() {
            return prefix.isEmpty() ? BASE.toEpochMilli() + 1000L * id.hashCode() % 86_400_000L
                    : prefix.get(prefix.size() - 1).epochMillis();
        }
    }

    private static Event random(Random rnd, String id, long millis, EventType[] types) {
        EventType t = types[rnd.nextInt(types.length)];
        String product = rnd.nextInt(5) == 0 ? null : "p" + rnd.nextInt(30);
        String category = rnd.nextInt(5) == 0 ? null : "c" + rnd.nextInt(6);
        double price = rnd.nextInt(4) == 0 ? Double.NaN : Math.round(rnd.nextDouble() * 50000) / 100.0;
        return new Event(id, "u" + id, Instant.ofEpochMilli(millis), t, product, category, "b", price);
    }

    private static long step(Random rnd) {
        int k = rnd.nextInt(10);
        return k == 0 ? 0 : k < 8 ? rnd.nextInt(120_000) : rnd.nextInt(3_600_000);
    }

    private static List<Plan> plans(long seed, int n) {
        Random rnd = new Random(seed);
        List<Plan> plans = new ArrayList<>();
        String[] sources = {"search", "direct", "ads", "social"};
        for (int i = 0; i < n; i++) {
            String id = "s" + seed + "-" + i;
            boolean buyer = rnd.nextInt(3) == 0;
            int len = buyer && rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(12);
            long t = BASE.toEpochMilli() + (long) rnd.nextInt(30 * 86_400) * 1000L;
            List<Event> prefix = new ArrayList<>();
            for (int k = 0; k < len; k++) {
                prefix.add(random(rnd, id, t, BROWSING));
                t += step(rnd);
            }
            Map<String, String> attrs = rnd.nextBoolean()
                    ? Map.of(SessionAttributes.TRAFFIC_SOURCE, sources[rnd.nextInt(sources.length)],
                            SessionAttributes.VISITOR_TYPE, rnd.nextBoolean() ? "new" : "returning")
                    : Map.of();
            plans.add(new Plan(id, attrs, prefix, buyer));
        }
        return plans;
    }

    /**
     * The sessions of the plans; buyers get a purchase and a suffix drawn from {@code variant}'s random stream:
     * variant 0 = nothing after the purchase, others = a random suffix with a randomly altered purchase.
     */
    private static List<Session> sessions(List<Plan> plans, long variant) {
        Random rnd = new Random(variant * 7919 + 13);
        List<Session> out = new ArrayList<>();
        for (Plan p : plans) {
            List<Event> events = new ArrayList<>(p.prefix);
            if (p.buyer) {
                long t = p.lastMillis() + (variant == 0 ? 0 : step(rnd));
                Event purchase = random(rnd, p.id, t, new EventType[] {EventType.PURCHASE});
                events.add(purchase);
                int suffix = variant == 0 ? 0 : rnd.nextInt(15);
                for (int k = 0; k < suffix; k++) {
                    t += step(rnd);
                    events.add(random(rnd, p.id, t, ANY));
                }
            }
            out.add(Session.of(p.id, "u" + p.id, events, p.attributes));
        }
        return out;
    }

    private static FeatureTable table(List<Session> sessions, Cutoff cutoff) {
        return FeatureTables.builder().cutoff(cutoff).build(sessions);
    }

    @ParameterizedTest(name = "seed {0}, cutoff {1}")
    @MethodSource("seedsAndCutoffs")
    void noFeatureOfABuyerChangesWhenEventsAtOrAfterItsPurchaseChange(long seed, String cutoffText) {
        Cutoff cutoff = Cutoffs.parse(cutoffText);
        List<Plan> plans = plans(seed, 200);
        FeatureTable reference = table(sessions(plans, 0), cutoff);
        assertThat(reference.positives()).isGreaterThan(30);
        for (long variant = 1; variant <= 3; variant++) {
            List<Session> changed = sessions(plans, variant);
            FeatureTable other = table(changed, cutoff);
            assertThat(other.positives()).isEqualTo(reference.positives());
            for (int j = 0; j < reference.columnCount(); j++) {
                assertThat(other.column(j)).as("feature %s, variant %d", reference.schema().get(j).name(), variant)
                        .containsExactly(reference.column(j));
            }
            assertThat(other.schema()).isEqualTo(reference.schema());
            assertThat(other.sameValues(reference)).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}, cutoff {1}")
    @MethodSource("seedsAndCutoffs")
    void theSuffixesReallyDifferSoTheTestCanFail(long seed, String cutoffText) {
        // a cutoff that sees everything must show the changed suffixes: otherwise the test above proves nothing
        Cutoff seesAll = new Cutoff() {
            @Override
            public List<Event> visible(Session session) {
                return session.events();
            }

            @Override
            public String name() {
                return "everything (" + cutoffText + " control)";
            }
        };
        List<Plan> plans = plans(seed, 200);
        assertThat(table(sessions(plans, 1), seesAll).sameValues(table(sessions(plans, 0), seesAll))).isFalse();
    }

    static Stream<Arguments> simulatedSeedsAndCutoffs() {
        List<Arguments> args = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (String c : new String[] {"before-purchase", "events:3", "minutes:5"}) {
                args.add(Arguments.of(seed, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "simulated seed {0}, cutoff {1}")
    @MethodSource("simulatedSeedsAndCutoffs")
    void simulatedBuyersKeepTheirFeaturesWhenTheirTailIsReplaced(long seed, String cutoffText) {
        Cutoff cutoff = Cutoffs.parse(cutoffText);
        List<Session> original = SyntheticSessions.generate(300, seed, SimulatorConfig.defaults());
        Random rnd = new Random(seed);
        List<Session> cut = new ArrayList<>();
        List<Session> noisy = new ArrayList<>();
        int buyers = 0;
        for (Session s : original) {
            int p = s.firstPurchaseIndex();
            if (p < 0) {
                cut.add(s);
                noisy.add(s);
                continue;
            }
            buyers++;
            List<Event> head = new ArrayList<>(s.events().subList(0, p + 1));
            cut.add(Session.of(s.id(), s.userId(), head, s.attributes()));
            long t = s.events().get(p).epochMillis();
            for (int k = rnd.nextInt(20); k > 0; k--) {
                t += step(rnd);
                head.add(random(rnd, s.id(), t, ANY));
            }
            noisy.add(Session.of(s.id(), s.userId(), head, s.attributes()));
        }
        assertThat(buyers).isGreaterThan(30);
        FeatureTable reference = table(original, cutoff);
        assertThat(table(cut, cutoff).sameValues(reference)).isTrue();
        assertThat(table(noisy, cutoff).sameValues(reference)).isTrue();
    }
}
