package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-built sessions for tests. */
final class TestSessions {
    /** Saturday 2 March 2024, 10:15 UTC. */
    static final Instant T0 = Instant.parse("2024-03-02T10:15:00Z");

    private TestSessions() {
    }

    /** An event {@code seconds} after {@link #T0}. */
    static Event ev(String session, long seconds, EventType type) {
        return new Event(session, "u-" + session, T0.plusSeconds(seconds), type, null, null, null, Double.NaN);
    }

    /** An event with product, category and price. */
    static Event ev(String session, long seconds, EventType type, String product, String category, double price) {
        return new Event(session, "u-" + session, T0.plusSeconds(seconds), type, product, category, null, price);
    }

    static Session session(String id, Event... events) {
        return Session.of(id, "u-" + id, List.of(events));
    }

    static Session session(String id, Map<String, String> attributes, Event... events) {
        return Session.of(id, "u-" + id, List.of(events), attributes);
    }

    /** The features of one session by name (categorical as level names) under a cutoff. */
    static Map<String, Object> features(Session s, List<FeatureExtractor> extractors, Cutoff cutoff) {
        RowExtractor rx = new RowExtractor(extractors, cutoff);
        rx.extract(s);
        Map<String, Object> m = new HashMap<>();
        for (int j = 0; j < rx.declared.size(); j++) {
            FeatureSpec f = rx.declared.get(j);
            m.put(f.name(), f.kind() == FeatureKind.CATEGORICAL ? rx.levels[j] : (Object) rx.values[j]);
        }
        return m;
    }

    /** The default event features of one session under the default cutoff. */
    static Map<String, Object> features(Session s) {
        return features(s, StandardExtractors.forEvents(), Cutoffs.beforeFirstPurchase());
    }
}
