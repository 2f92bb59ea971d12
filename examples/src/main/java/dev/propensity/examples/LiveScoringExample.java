package dev.propensity.examples;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.features.FeatureTables;
import dev.propensity.live.LiveScore;
import dev.propensity.live.LiveScorer;
import dev.propensity.live.LiveStats;
import dev.propensity.live.LiveStatus;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.PrefixRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the live scorer from a stream of events as a shop's event stream would: a model trained on session
 * prefixes (the model for sessions in progress), then every event of 2,000 new simulated sessions in time order
 * through {@link LiveScorer#update}, flagging sessions whose probability first crosses 30% while they are still
 * going. Prints a few scores with their drivers and the scorer's counters.
 */
public final class LiveScoringExample {
    private LiveScoringExample() {
    }

    /**
     * What the example saw.
     *
     * @param stats   the scorer's counters at the end
     * @param flagged sessions flagged before any purchase (probability crossed the threshold)
     * @param flaggedBuyers how many of them went on to buy
     * @param buyers  sessions that bought
     */
    public record Outcome(LiveStats stats, int flagged, int flaggedBuyers, int buyers) {
    }

    /**
     * Runs the example.
     *
     * @param threshold the probability at which a live session is flagged (for an offer, a chat)
     * @return what happened
     */
    public static Outcome run(double threshold) {
        List<Session> history = SyntheticSessions.generate(5_000, 1);
        PurchaseModel model = Trainers.logisticRegression().train(
                PrefixRows.build(history.iterator(), null, PrefixRows.DEFAULT_PER_SESSION, 1));
        LiveScorer live = LiveScorer.builder(model)
                .maxOpenSessions(50_000)
                .idleTimeout(Duration.ofMinutes(30))
                .build();

        // the "stream": events of new sessions, in time order, each with its session's attributes
        List<Session> today = SyntheticSessions.generate(2_000, 2);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        List<Event> stream = new ArrayList<>();
        for (Session s : today) {
            attributes.put(s.id(), s.attributes());
            stream.addAll(s.events());
        }
        stream.sort(Comparator.comparing(Event::time));

        Map<String, Boolean> flagged = new HashMap<>();
        int shown = 0;
        for (Event e : stream) {
            LiveScore s = live.update(e, attributes.get(e.sessionId()));
            if (s.status() == LiveStatus.SCORED && s.probability() >= threshold && !flagged.containsKey(s.sessionId())) {
                flagged.put(s.sessionId(), false);
                if (shown++ < 3) {
                    System.out.println("flag " + s);
                }
            }
            if (s.status() == LiveStatus.PURCHASED && flagged.containsKey(s.sessionId())) {
                flagged.put(s.sessionId(), true);
            }
        }
        int buyers = (int) today.stream().filter(Session::purchased).count();
        int flaggedBuyers = (int) flagged.values().stream().filter(b -> b).count();
        LiveStats stats = live.stats();
        System.out.printf("%,d events, %,d sessions flagged at p >= %.2f before buying, %,d of them bought "
                + "(of %,d buyers); %s%n", stats.events(), flagged.size(), threshold, flaggedBuyers, buyers, stats);
        return new Outcome(stats, flagged.size(), flaggedBuyers, buyers);
    }

    /**
     * Runs the example with a threshold of 0.3.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run(0.3);
    }
}
