package dev.propensity.server;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Importance;
import dev.propensity.pipeline.DashboardPipeline;
import dev.propensity.pipeline.DashboardResult;
import dev.propensity.pipeline.Headline;
import dev.propensity.pipeline.InputSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Data for the server's tests: a small simulated run, and hand-made sessions with hostile strings. */
final class TestData {
    /** A brand whose name is a script: it must never run. */
    static final String SCRIPT_BRAND = "<script>window.__pwned=1</script>";
    /** A brand that tries to break out of an attribute. */
    static final String ATTRIBUTE_BRAND = "\"><img src=x onerror=\"window.__pwned=2\">";
    /** A session id that a spreadsheet would run as a formula. */
    static final String FORMULA_ID = "=HYPERLINK(\"http://evil.example\",\"x\")";

    private static DashboardResult run;

    private TestData() {
    }

    /** A simulated run of 3,000 sessions (computed once per JVM). */
    static synchronized DashboardResult simulatedRun() {
        if (run == null) {
            try {
                run = DashboardPipeline.builder(InputSource.simulated(3000, 7)).build().run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }

    /**
     * 1,200 sessions over 14 days with a device and a brand (two of the brands hostile), a known buying signal, and
     * probabilities that follow it; the first session's id is a spreadsheet formula.
     */
    static ServeData hostile() {
        Random r = new Random(11);
        SessionFacts.Builder b = SessionFacts.builder();
        int n = 1200;
        double[] p = new double[n];
        String[] brands = {"acme", SCRIPT_BRAND, ATTRIBUTE_BRAND};
        String[] devices = {"mobile", "desktop", "tablet"};
        long start = Instant.parse("2019-10-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            String device = devices[i % 3];
            String brand = brands[(i / 3) % 3];
            double base = device.equals("desktop") ? 0.25 : device.equals("mobile") ? 0.08 : 0.15;
            double prob = Math.min(0.95, Math.max(0.01, base + 0.1 * r.nextGaussian()));
            boolean bought = r.nextDouble() < prob;
            p[i] = prob;
            int mask = (1 << EventType.PRODUCT_VIEW.ordinal()) | (bought ? (1 << EventType.ADD_TO_CART.ordinal())
                    | (1 << EventType.PURCHASE.ordinal()) : 0);
            long t = start + (long) i * 17 * 60_000L;
            b.addRow(i == 0 ? FORMULA_ID : "s" + i, bought, t, 60 + r.nextInt(1200), 3 + r.nextInt(10), mask,
                    Map.of("device", device, "brand", brand));
        }
        return ServeData.of(b.build(), p, new Headline("Hostile <b>shop</b>", "sessions named <i>oddly</i>"),
                EvaluationProtocol.crossValidation(5, 1),
                Importance.fromCoefficients(new String[] {"cart_adds", "<script>f()</script>"},
                        new double[] {1.2, -0.4}), null, List.of());
    }
}
