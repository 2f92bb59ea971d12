package dev.propensity.viz;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionAttributes;
import dev.propensity.core.SessionFacts;

/**
 * Realistic synthetic inputs for viz tests and the sample dashboard: sessions with a known buying propensity,
 * labels drawn from it, and model scores that are a noisy, roughly calibrated view of it.
 */
final class SampleData {
    final boolean[] labels;
    final double[] scores;
    final SessionFacts facts;

    private SampleData(boolean[] labels, double[] scores, SessionFacts facts) {
        this.labels = labels;
        this.scores = scores;
        this.facts = facts;
    }

    /** Event sessions: start times, durations, event types and attributes. */
    static SampleData events(int n, long seed) {
        return generate(n, seed, true);
    }

    /** Table sessions like the UCI data: no start times, no events; month, visitor type, traffic source. */
    static SampleData table(int n, long seed) {
        return generate(n, seed, false);
    }

    private static SampleData generate(int n, long seed, boolean events) {
        Random r = new Random(seed);
        String[] sources = {"direct", "search", "social", "email", "ads"};
        double[] sourceEffect = {0.2, 0.4, -0.6, 0.8, -0.2};
        String[] visitors = {"new", "returning", "other"};
        double[] visitorEffect = {0.5, 0.0, -0.3};
        String[] months = {"Feb", "Mar", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        String[] devices = {"desktop", "mobile", "tablet"};
        boolean[] labels = new boolean[n];
        double[] scores = new double[n];
        SessionFacts.Builder b = SessionFacts.builder();
        long day0 = LocalDate.of(2026, 10, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (int i = 0; i < n; i++) {
            int src = r.nextInt(sources.length);
            int vis = r.nextDouble() < 0.85 ? 1 : (r.nextDouble() < 0.9 ? 0 : 2);
            int month = r.nextInt(months.length);
            int hour = (int) Math.floorMod(Math.round(14 + r.nextGaussian() * 5), 24L);
            double hourEffect = hour >= 18 && hour <= 22 ? 0.4 : (hour < 6 ? -0.7 : 0);
            double engagement = r.nextGaussian();
            double logit = -2.3 + 1.3 * engagement + sourceEffect[src] + visitorEffect[vis] + hourEffect
                    + (month == 8 ? 0.6 : 0);
            double p = 1 / (1 + Math.exp(-logit));
            boolean bought = r.nextDouble() < p;
            labels[i] = bought;
            double seen = logit + r.nextGaussian() * 0.6;
            scores[i] = 1 / (1 + Math.exp(-seen));
            double duration = Math.exp(5.0 + 0.9 * engagement + r.nextGaussian() * 0.8 + (bought ? 0.6 : 0));
            Map<String, String> attrs = new HashMap<>();
            attrs.put(SessionAttributes.TRAFFIC_SOURCE, sources[src]);
            attrs.put(SessionAttributes.VISITOR_TYPE, visitors[vis]);
            attrs.put(SessionAttributes.MONTH, months[month]);
            attrs.put(SessionAttributes.DEVICE, devices[r.nextInt(devices.length)]);
            if (events) {
                int mask = bit(EventType.PAGE_VIEW);
                int count = 1 + (int) (duration / 40);
                if (bought || r.nextDouble() < 0.75) {
                    mask |= bit(EventType.PRODUCT_VIEW);
                }
                if (bought || ((mask & bit(EventType.PRODUCT_VIEW)) != 0 && r.nextDouble() < 0.25 + 0.1 * engagement)) {
                    mask |= bit(EventType.ADD_TO_CART);
                }
                if (bought || ((mask & bit(EventType.ADD_TO_CART)) != 0 && r.nextDouble() < 0.3)) {
                    mask |= bit(EventType.CHECKOUT);
                }
                if (bought) {
                    mask |= bit(EventType.PURCHASE);
                }
                long start = day0 + (long) r.nextInt(60) * 86_400_000L + hour * 3_600_000L
                        + r.nextInt(3_600_000);
                b.addRow("s" + i, bought, start, duration, count, mask, attrs);
            } else {
                attrs.remove(SessionAttributes.DEVICE);
                b.addRow("s" + i, bought, SessionFacts.UNKNOWN_START, duration, 0, 0, attrs);
            }
        }
        return new SampleData(labels, scores, b.build());
    }

    private static int bit(EventType t) {
        return 1 << t.ordinal();
    }
}
