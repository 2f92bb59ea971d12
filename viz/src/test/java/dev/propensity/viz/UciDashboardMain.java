package dev.propensity.viz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.UciSessionReader;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Splits;
import dev.propensity.metrics.Thresholds;

/**
 * Draws a dashboard of the real UCI Online Shoppers table (../shared/data/uci), to look at the charts on real
 * breakdowns. The "model" is a one-feature logistic fit on log1p(PageValues) in process, only so there are scores
 * to draw; it is not the project's model.
 */
public final class UciDashboardMain {
    private UciDashboardMain() {
    }

    /**
     * Entry point.
     *
     * @param args optional output folder (default /tmp/viz-uci)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path file = null;
        for (String p : new String[] {"../shared/data/uci/online_shoppers_intention.csv",
            "../../shared/data/uci/online_shoppers_intention.csv"}) {
            if (Files.exists(Path.of(p))) {
                file = Path.of(p);
            }
        }
        if (file == null) {
            System.out.println("no UCI data found; nothing to do");
            return;
        }
        List<Session> sessions = new ArrayList<>();
        try (UciSessionReader r = UciSessionReader.open(file, ReadOptions.defaults())) {
            for (Session s = r.next(); s != null; s = r.next()) {
                sessions.add(s);
            }
        }
        SessionFacts facts = SessionFacts.of(sessions);
        boolean[] y = facts.labels();
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log1p(Double.parseDouble(sessions.get(i).attributes().get("PageValues")));
        }
        double a = 0;
        double b = 0;
        for (int it = 0; it < 25; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-(a + b * x[i])));
                double e = (y[i] ? 1 : 0) - p;
                double w = p * (1 - p);
                ga += e;
                gb += e * x[i];
                haa += w;
                hab += w * x[i];
                hbb += w * x[i] * x[i];
            }
            double det = haa * hbb - hab * hab;
            a += (hbb * ga - hab * gb) / det;
            b += (haa * gb - hab * ga) / det;
        }
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = 1 / (1 + Math.exp(-(a + b * x[i])));
        }
        EvaluationProtocol protocol = EvaluationProtocol.crossValidation(5, 42);
        double t = Thresholds.maxF1(y, scores).threshold();
        EvaluationResult result = EvaluationResult.of(protocol, y, scores, Splits.assign(protocol, y), t);
        List<Importance> imp = Importance.fromCoefficients(new String[] {"log1p(PageValues)"}, new double[] {b},
                Set.of());
        long t0 = System.nanoTime();
        Dashboard d = SampleDashboardMain.figures(facts, scores, result)
                .title("Online shoppers: will this session buy?")
                .dataDescription("UCI Online Shoppers Purchasing Intention, " + facts.size()
                        + " sessions (a session table: no timestamps, no events). Scores: a one-feature "
                        + "logistic fit for viewing only.")
                .evaluation(result)
                .predictions(y, scores)
                .importance(imp)
                .insights(Insights.generate(facts, result.report(), imp))
                .build();
        d.writeAll(Path.of(args.length > 0 ? args[0] : "/tmp/viz-uci"));
        System.out.printf("dashboard %s in %.0f ms%n", d.charts().keySet(), (System.nanoTime() - t0) / 1e6);
        d.notes().forEach(System.out::println);
    }
}
