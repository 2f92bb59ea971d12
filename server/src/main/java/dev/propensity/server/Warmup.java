package dev.propensity.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.propensity.core.Workers;
import dev.propensity.live.LiveScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a server does before it listens: computes a few slices of its own data that together take every path a
 * request for a new slice takes (all sessions; a weekday, an hour range, both, a date range and an attribute level,
 * each counted and gathered; a new threshold), draws each as the page, the swapped fragment, the summary's JSON and
 * the CSV, scores one made-up session, and throws all of it away. So the first visitors' pages cost what later ones
 * cost: the JIT has compiled the per-row loops and the chart drawing, Java2D, the fonts, XChart and Jackson are
 * loaded and initialised, and the heap has grown to what a page needs. Nothing is cached and nothing that a request
 * computes depends on it (every view is computed from the data alone).
 */
final class Warmup {
    /** The rounds over the slices: enough for the JIT to compile the per-row code of every path (measured). */
    static final int DEFAULT_ROUNDS = 3;

    private Warmup() {
    }

    /**
     * What the warm-up did.
     *
     * @param slices the slices computed and drawn (each round's)
     * @param time   how long it took
     * @param rounds how long each round took
     */
    record Done(int slices, Duration time, List<Duration> rounds) {
        Done {
            rounds = List.copyOf(rounds);
        }
    }

    /**
     * The slices the warm-up draws: each path of {@link ServeData#rows} and {@link SliceView#compute} that the data
     * supports, with thresholds that differ from round to round (and from the default view's).
     *
     * @param data  the data
     * @param round the round, from 0
     * @return the filters
     */
    static List<SliceFilter> slices(ServeData data, int round) {
        List<SliceFilter> out = new ArrayList<>();
        double t = 0.2 + 0.1 * (round % 6);
        int all = SliceFilter.ALL_WEEKDAYS;
        int top = SliceFilter.DEFAULT_TOP;
        double cost = SliceFilter.DEFAULT_COST;
        double value = SliceFilter.DEFAULT_VALUE;
        out.add(new SliceFilter(null, null, 0, 23, all, Map.of(), t, cost, value, top));
        if (data.hasTimes()) {
            int weekday = 1 << (round % 7);
            int weekend = 1 << 5 | 1 << 6;
            out.add(new SliceFilter(null, null, 0, 23, weekday, Map.of(), t, cost, value, top));
            out.add(new SliceFilter(null, null, 9, 14, all, Map.of(), t, cost, value, top));
            out.add(new SliceFilter(null, null, 18, 23, weekend, Map.of(), t, cost, value, top));
            // a range wrapping midnight, and the data's first day
            out.add(new SliceFilter(null, null, 22, 5, all, Map.of(), t, cost, value, top));
            LocalDate first = data.firstDay();
            out.add(new SliceFilter(first, first, 0, 23, all, Map.of(), t, cost, value, top));
        }
        for (Map.Entry<String, List<String>> a : data.attributes().entrySet()) {
            List<String> levels = a.getValue();
            if (!levels.isEmpty()) {
                String level = levels.get(round % levels.size());
                out.add(new SliceFilter(null, null, 0, 23, all, Map.of(a.getKey(), List.of(level)), t, cost, value,
                        top));
            }
        }
        return out;
    }

    /**
     * Runs the warm-up.
     *
     * @param data    the data
     * @param workers where the slices are computed and drawn (the server's)
     * @param live    the scorer of {@code /api/v1/score}, or {@code null}
     * @param json    the server's JSON mapper
     * @param rounds  how many times to go over the slices (0 does nothing)
     * @return what was done
     */
    static Done run(ServeData data, Workers workers, LiveScorer live, ObjectMapper json, int rounds) {
        long t0 = System.nanoTime();
        int count = 0;
        long sink = 0;
        List<Duration> times = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long r0 = System.nanoTime();
            for (SliceFilter f : slices(data, r)) {
                SliceView v = SliceView.compute(data, f, workers);
                sink += Page.full(data, v).length();
                sink += Page.fragment(data, v).length();
                sink += SessionsCsv.of(data, v).length();
                try {
                    sink += json.writeValueAsString(Summary.of(data, v)).length();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count++;
            }
            if (live != null) {
                sink += score(live, json);
            }
            times.add(Duration.ofNanos(System.nanoTime() - r0));
        }
        if (sink < 0) {
            // never: keeps the results observable, so that no work above can be dropped as unused
            throw new IllegalStateException("negative length");
        }
        return new Done(count, Duration.ofNanos(System.nanoTime() - t0), times);
    }

    /** Parses and scores a made-up session as {@code POST /api/v1/score} does, without opening a live session. */
    private static int score(LiveScorer live, ObjectMapper json) {
        String body = "{\"sessionId\":\"warm-up\",\"events\":["
                + "{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"page_view\"},"
                + "{\"time\":\"2019-10-01T10:01:00Z\",\"type\":\"view\",\"productId\":\"p1\",\"categoryId\":\"c1\","
                + "\"brand\":\"b\",\"price\":25.5},"
                + "{\"time\":\"2019-10-01T10:02:00Z\",\"type\":\"cart\",\"productId\":\"p1\",\"price\":25.5},"
                + "{\"time\":\"2019-10-01T10:03:00Z\",\"type\":\"remove_from_cart\",\"productId\":\"p1\"},"
                + "{\"time\":\"2019-10-01T10:04:00Z\",\"type\":\"checkout\"}]}";
        try {
            return PropensityServer.score(live, json.readTree(body)).drivers().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
