package dev.propensity.viz;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.propensity.core.SessionFacts;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.Splits;
import dev.propensity.metrics.Thresholds;

/**
 * Writes sample dashboards from synthetic data, to look at: an event-log dashboard and a session-table (UCI-like)
 * dashboard, under a folder (default /tmp/viz-sample), and prints the wall and CPU time of each round (the first is
 * cold: class loading and JIT).
 */
public final class SampleDashboardMain {
    private SampleDashboardMain() {
    }

    static Dashboard build(SampleData d, String title, String description) {
        return builder(d, title, description).build();
    }

    /** A builder with every piece of the sample dashboard given, to be built or changed further. */
    static Dashboard.Builder builder(SampleData d, String title, String description) {
        EvaluationProtocol protocol = EvaluationProtocol.crossValidation(5, 42);
        int[] folds = Splits.assign(protocol, d.labels);
        double t = Thresholds.maxF1(d.labels, d.scores).threshold();
        EvaluationResult result = EvaluationResult.of(protocol, d.labels, d.scores, folds, t);
        List<Importance> imp = Importance.fromCoefficients(
                new String[] {"product_views", "cart_adds", "checkout_started", "session_minutes", "exit_rate",
                    "bounce_rate", "traffic_source=email", "traffic_source=social", "visitor_type=new",
                    "month=Nov", "hour_of_day", "device=mobile", "price_viewed_mean", "searches"},
                new double[] {0.92, 1.35, 2.4, 0.55, -0.71, -0.33, 0.41, -0.38, 0.29, 0.52, 0.12, -0.08, 0.05, 0.18},
                Set.of("checkout_started"));
        return figures(d.facts, d.scores, result)
                .title(title)
                .dataDescription(description)
                .evaluation(result)
                .predictions(d.labels, d.scores)
                .importance(imp)
                .insights(Insights.generate(d.facts, result.report(), imp));
    }

    /**
     * A builder holding the figures of the sessions, computed with the metrics module as a pipeline would: the KPIs
     * (with the model's figures when there is a result), every breakdown with the mean prediction per group, and
     * the funnel of an event log (a session table is marked as such instead).
     *
     * @param facts  the sessions
     * @param scores the predicted probability of each session (NaN: not scored)
     * @param result the model's evaluation, or {@code null}
     * @return the builder
     */
    static Dashboard.Builder figures(SessionFacts facts, double[] scores, EvaluationResult result) {
        Dashboard.Builder b = Dashboard.builder()
                .kpis(result == null ? Kpis.of(facts) : Kpis.of(facts, result))
                .breakdowns(Breakdowns.all(facts, scores));
        return facts.hasEvents() ? b.funnel(Funnel.of(facts)) : b.sessionTable();
    }

    /**
     * Entry point.
     *
     * @param args optional output folder, then optional number of rounds (default 6)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/viz-sample");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        SampleData events = SampleData.events(12_000, 7);
        SampleData table = SampleData.table(12_330, 8);
        for (int round = 0; round < rounds; round++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Dashboard ev = build(events, "Sample shop: will this session buy?",
                    "Synthetic event log, 12,000 sessions, October-November 2026 (UTC)");
            ev.writeAll(out.resolve("events"));
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            Dashboard tb = build(table, "Sample table: will this session buy?",
                    "Synthetic session table like UCI Online Shoppers, 12,330 sessions, no timestamps");
            tb.writeAll(out.resolve("table"));
            long t2 = System.nanoTime();
            System.out.printf("round %d: event dashboard (%d charts, PNG + SVG + HTML) %.0f ms wall, %.0f ms CPU; "
                            + "table dashboard %.0f ms wall%n", round, ev.charts().size(), (t1 - t0) / 1e6,
                    (c1 - c0) / 1e6, (t2 - t1) / 1e6);
        }
    }
}
