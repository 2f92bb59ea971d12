package dev.propensity.server;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.Headline;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole page (the slice's figures, every chart as SVG, the HTML) of 2M sessions in process, for profiling
 * (tagged benchmark): {@code mvn -pl server -am test -Dtest=WholePageBenchmark -Dsurefire.excludedGroups=
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class WholePageBenchmark {
    /** The CPU time of this process (every thread, GC included), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void wholePageOfTwoMillionSessions() {
        int n = Integer.getInteger("bench.sessions", 2_000_000);
        Random r = new Random(3);
        SessionFacts.Builder b = SessionFacts.builder();
        double[] p = new double[n];
        long t = 1_572_566_400_000L;
        String[] devices = {"mobile", "desktop", "tablet"};
        for (int i = 0; i < n; i++) {
            p[i] = Math.min(0.999, Math.max(0.0001, 0.01 * Math.exp(2 * r.nextGaussian())));
            boolean y = r.nextDouble() < p[i];
            int mask = 1 << EventType.PRODUCT_VIEW.ordinal() | (y ? 1 << EventType.PURCHASE.ordinal() : 0);
            b.addRow("s" + i, y, t + i * 1_300L, r.nextInt(3000), 1 + r.nextInt(20), mask,
                    Map.of("device", devices[r.nextInt(3)]));
        }
        ServeData data = ServeData.of(b.build(), p, new Headline("t", "d"), EvaluationProtocol.crossValidation(5, 1),
                List.of(), null, List.of());
        Workers workers = Workers.defaults();
        String[] slices = {"", "weekday=mon", "hours=9-14", "device=mobile", "weekday=tue,wed,thu"};
        for (int round = 0; round < 4; round++) {
            for (String s : slices) {
                String q = s + (s.isEmpty() ? "" : "&") + "threshold=0." + (11 + round * 7 + s.length());
                Map<String, List<String>> query = new java.util.LinkedHashMap<>();
                for (String kv : q.split("&")) {
                    String[] parts = kv.split("=", 2);
                    query.computeIfAbsent(parts[0], k -> new java.util.ArrayList<>()).add(parts[1]);
                }
                SliceFilter f = SliceFilter.parse(query, data);
                long c0 = cpu();
                long t0 = System.nanoTime();
                SliceView v = SliceView.compute(data, f, workers);
                long t1 = System.nanoTime();
                String html = Page.full(data, v);
                long t2 = System.nanoTime();
                long c2 = cpu();
                System.out.printf(Locale.ROOT, "round %d %-35s %,9d sessions: process CPU %5.0f ms, wall: view %5.0f "
                        + "ms %s, html %4.0f ms (%,d chars)%n", round, q, v.sessions(), (c2 - c0) / 1e6,
                        (t1 - t0) / 1e6, v.millis(), (t2 - t1) / 1e6, html.length());
            }
        }
    }
}
