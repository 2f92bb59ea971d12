package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures a running {@code propensity serve} from outside (never part of the tests: tagged benchmark). Point it at
 * the server with {@code PROPENSITY_SERVE_URL}, e.g.
 * {@code PROPENSITY_SERVE_URL=http://127.0.0.1:18081/ mvn -pl server -am test -Dtest=ServeBenchmark
 * -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}; {@code PROPENSITY_SERVE_PID} adds the
 * server's resident memory. Results are printed and written to {@code target/serve-benchmark.txt}.
 */
@Tag("benchmark")
class ServeBenchmark {
    private static final Pattern TOTAL = Pattern.compile("total;dur=([0-9.]+)");

    private static String url() {
        String u = System.getenv("PROPENSITY_SERVE_URL");
        assumeTrue(u != null && !u.isBlank(), "PROPENSITY_SERVE_URL is not set");
        return u.endsWith("/") ? u : u + "/";
    }

    private static void report(String text) throws Exception {
        System.out.println(text);
        Path out = Path.of("target", "serve-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static String rss() throws Exception {
        String pid = System.getenv("PROPENSITY_SERVE_PID");
        if (pid == null) {
            return "n/a (PROPENSITY_SERVE_PID not set)";
        }
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
                        .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
            }
        }
        return "n/a";
    }

    /** Each slice is new to the server (a distinct query), so it is filtered, computed and drawn again. */
    @Test
    void reslicingTheWholePage() throws Exception {
        String base = url();
        HttpClient http = HttpClient.newHttpClient();
        long salt = System.nanoTime() % 1000;
        String[] slices = {"weekday=mon", "hours=9-14", "weekday=sat,sun&hours=18-23", "hours=0-5",
            "weekday=tue,wed,thu", "", "weekday=fri&hours=12-20"};
        StringBuilder sb = new StringBuilder("re-slice and re-render the whole page (server time from Server-Timing; "
                + "client wall time incl. transfer)\n");
        List<Double> all = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (String s : slices) {
                // a threshold no earlier request used makes the view new to the server's cache
                String q = s + (s.isEmpty() ? "" : "&") + "threshold=0." + String.format(Locale.ROOT, "%03d",
                        (salt + round * 97 + s.length()) % 1000 + 1).replaceAll("0+$", "");
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "?" + q)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double wall = (System.nanoTime() - t0) / 1e6;
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String timing = r.headers().firstValue("Server-Timing").orElse("");
                Matcher m = TOTAL.matcher(timing);
                double total = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
                all.add(total);
                String slice = r.body().replaceAll("(?s).*<p class=\"slice\"[^>]*>(.*?)</p>.*", "$1")
                        .replaceAll("<[^>]+>", "");
                sb.append(String.format(Locale.ROOT, "round %d  %-45s server %7.1f ms  wall %7.1f ms  %,d bytes  "
                        + "[%s]  %s%n", round, q, total, wall, r.body().length(), timing, slice));
            }
        }
        double[] a = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        sb.append(String.format(Locale.ROOT, "server ms over %d new slices: min %.1f, median %.1f, max %.1f; RSS %s",
                a.length, a[0], a[a.length / 2], a[a.length - 1], rss()));
        report(sb.toString());
    }

    /** 20,000 score requests over 32 connections: every answer 200, latency percentiles, throughput. */
    @Test
    void scoringUnderLoad() throws Exception {
        String base = url();
        int requests = Integer.parseInt(System.getenv().getOrDefault("PROPENSITY_SERVE_REQUESTS", "20000"));
        int connections = Integer.parseInt(System.getenv().getOrDefault("PROPENSITY_SERVE_CONNECTIONS", "32"));
        URI score = URI.create(base + "api/v1/score");
        String[] bodies = new String[64];
        for (int i = 0; i < bodies.length; i++) {
            StringBuilder b = new StringBuilder("{\"sessionId\":\"load-" + i + "\",\"events\":[");
            int n = 1 + i % 12;
            for (int e = 0; e < n; e++) {
                String type = e % 5 == 3 ? "cart" : "view";
                b.append(e == 0 ? "" : ",").append("{\"time\":\"2019-11-01T10:").append(String.format("%02d", e))
                        .append(":00Z\",\"type\":\"").append(type).append("\",\"productId\":\"p").append(e % 4)
                        .append("\",\"categoryId\":\"c").append(e % 3).append("\",\"price\":").append(10 + e * 3)
                        .append('}');
            }
            bodies[i] = b.append("]}").toString();
        }
        // warm-up
        HttpClient warm = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 500; i++) {
            warm.send(post(score, bodies[i % bodies.length]), HttpResponse.BodyHandlers.discarding());
        }
        long[] latency = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            fs.add(pool.submit(() -> {
                // one client per connection: HTTP/1.1 keep-alive, one request at a time on it
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(post(score, bodies[i % bodies.length]),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"probability\"")) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) {
                                firstErrors.add(r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstErrors.size() < 5) {
                            firstErrors.add(e.toString());
                        }
                    }
                    latency[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        report(String.format(Locale.ROOT, "score under load: %,d requests over %d connections in %.2f s: %,.0f "
                + "requests/s; errors %d; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; server %s%s",
                requests, connections, seconds, requests / seconds, errors.get(), sorted[requests / 2] / 1e6,
                sorted[(int) (requests * 0.9)] / 1e6, sorted[(int) (requests * 0.99)] / 1e6,
                sorted[requests - 1] / 1e6, rss(), firstErrors.isEmpty() ? "" : "; first errors " + firstErrors));
        assertThat(errors.get()).isZero();
    }

    private static HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
