package dev.propensity.server;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.LongSupplier;

/**
 * The server's metrics in the Prometheus text format (version 0.0.4): requests by route, method and status, a
 * latency histogram by route, and the number of open live sessions. Thread-safe; recording is lock-free.
 */
final class RequestMetrics {
    /** Upper bounds of the latency buckets, in seconds. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongSupplier openSessions;

    RequestMetrics(LongSupplier openSessions) {
        this.openSessions = openSessions;
    }

    private static final class Histogram {
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
        final DoubleAdder sum = new DoubleAdder();
    }

    /**
     * Records one answered request.
     *
     * @param route   the matched route pattern (e.g. {@code /api/v1/summary}), or {@code unmatched}
     * @param method  the HTTP method
     * @param status  the status code
     * @param seconds how long it took
     */
    void record(String route, String method, int status, double seconds) {
        String key = route + "\u0000" + method + "\u0000" + status;
        requests.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        Histogram h = latency.computeIfAbsent(route, k -> new Histogram());
        int b = 0;
        while (b < BUCKETS.length && seconds > BUCKETS[b]) {
            b++;
        }
        h.counts.incrementAndGet(b);
        h.sum.add(seconds);
    }

    /** The metrics as Prometheus text. */
    String text() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP propensity_http_requests_total HTTP requests answered, by route, method and status.\n")
                .append("# TYPE propensity_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\u0000", -1);
            sb.append("propensity_http_requests_total{route=\"").append(escape(k[0])).append("\",method=\"")
                    .append(escape(k[1])).append("\",status=\"").append(k[2]).append("\"} ")
                    .append(e.getValue().get()).append('\n');
        });
        sb.append("# HELP propensity_http_request_duration_seconds Time to answer a request, by route.\n")
                .append("# TYPE propensity_http_request_duration_seconds histogram\n");
        latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String route = escape(e.getKey());
            Histogram h = e.getValue();
            long cumulative = 0;
            for (int b = 0; b <= BUCKETS.length; b++) {
                cumulative += h.counts.get(b);
                String le = b == BUCKETS.length ? "+Inf" : new java.math.BigDecimal(Double.toString(BUCKETS[b])).stripTrailingZeros().toPlainString();
                sb.append("propensity_http_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"")
                        .append(le).append("\"} ").append(cumulative).append('\n');
            }
            sb.append("propensity_http_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", h.sum.sum())).append('\n');
            sb.append("propensity_http_request_duration_seconds_count{route=\"").append(route).append("\"} ")
                    .append(cumulative).append('\n');
        });
        sb.append("# HELP propensity_live_open_sessions Sessions the live scorer holds open.\n")
                .append("# TYPE propensity_live_open_sessions gauge\n")
                .append("propensity_live_open_sessions ").append(openSessions.getAsLong()).append('\n');
        return sb.toString();
    }

    /** Escapes a label value: backslash, double quote and line feed. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
