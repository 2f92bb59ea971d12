package dev.propensity.server;

import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.ConfusionMatrix;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Kpis;
import dev.propensity.pipeline.Figures;
import dev.propensity.viz.Dashboard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data behind each chart of a slice's dashboard as a table ("show as table"), made from the same figures the
 * chart is drawn from: a header and rows of cells, by chart name.
 */
final class ChartTables {
    /** The most rows a curve's table shows (the curve is sampled evenly, first and last points kept). */
    static final int MAX_CURVE_ROWS = 25;

    private ChartTables() {
    }

    /**
     * A table: column names and rows of cell texts (raw, escaped when rendered).
     *
     * @param header the column names
     * @param rows   the rows
     */
    record Table(List<String> header, List<List<String>> rows) {
        Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /**
     * The table of every chart of a dashboard, by chart name.
     *
     * @param d the dashboard
     * @param f the figures it was drawn from
     * @return tables by chart name, in chart order
     */
    static Map<String, Table> of(Dashboard d, Figures f) {
        Map<String, Table> out = new LinkedHashMap<>();
        List<Breakdown> breakdowns = new ArrayList<>(f.breakdowns());
        int nextBreakdown = 0;
        for (String name : d.charts().keySet()) {
            Table t;
            if (name.equals(Dashboard.KPIS)) {
                t = kpis(f.kpis());
            } else if (name.equals(Dashboard.IMPORTANCE)) {
                t = importance(d.importance());
            } else if (name.equals(Dashboard.CONFUSION)) {
                t = confusion(f.evaluation().report());
            } else if (name.equals(Dashboard.SCORES)) {
                t = scores(f, f.evaluation().report().threshold());
            } else if (name.startsWith(Dashboard.BREAKDOWN_PREFIX) && nextBreakdown < breakdowns.size()) {
                t = breakdown(breakdowns.get(nextBreakdown++));
            } else if (name.equals(Dashboard.FUNNEL)) {
                t = funnel(f.funnel());
            } else if (name.equals(Dashboard.ROC)) {
                EvaluationResult e = f.evaluation();
                t = curve(List.of("false positive rate", "true positive rate", "threshold"),
                        e.roc().falsePositiveRate(), e.roc().truePositiveRate(), e.roc().thresholds());
            } else if (name.equals(Dashboard.PRECISION_RECALL)) {
                EvaluationResult e = f.evaluation();
                t = curve(List.of("recall", "precision", "threshold"), e.precisionRecall().recall(),
                        e.precisionRecall().precision(), e.precisionRecall().thresholds());
            } else if (name.equals(Dashboard.CALIBRATION)) {
                t = calibration(f.evaluation());
            } else if (name.equals(Dashboard.GAINS)) {
                EvaluationResult e = f.evaluation();
                t = curve(List.of("share targeted", "share of buyers", "lift"), e.gains().fractionTargeted(),
                        e.gains().fractionOfBuyers(), e.gains().lift());
            } else {
                continue;
            }
            out.put(name, t);
        }
        return out;
    }

    private static Table kpis(Kpis k) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Sessions", count(k.sessions())));
        rows.add(List.of("Purchases", count(k.purchases())));
        rows.add(List.of("Conversion rate", pct(k.conversionRate()) + " (95% CI " + pct(k.conversionInterval().low())
                + " to " + pct(k.conversionInterval().high()) + ")"));
        k.modelQuality().ifPresent(m -> {
            rows.add(List.of("ROC AUC", num(m.rocAuc())));
            rows.add(List.of("Average precision", num(m.averagePrecision())));
            rows.add(List.of("Accuracy at " + num(m.threshold()), pct(m.accuracy())));
            rows.add(List.of("Majority baseline", pct(m.majorityBaseline())));
            rows.add(List.of("F1 at " + num(m.threshold()), num(m.f1())));
            rows.add(List.of("Protocol", m.protocol()));
        });
        return new Table(List.of("figure", "value"), rows);
    }

    private static Table importance(List<Importance> list) {
        List<List<String>> rows = new ArrayList<>();
        for (Importance i : list) {
            rows.add(List.of(i.feature(), num(i.value()), i.method(), i.nearOutcome() ? "yes" : ""));
        }
        return new Table(List.of("feature", "importance", "method", "near the outcome"), rows);
    }

    private static Table confusion(ClassificationReport r) {
        ConfusionMatrix c = r.confusion();
        return new Table(List.of("at threshold " + num(r.threshold()), "predicted buyer", "predicted non-buyer"),
                List.of(List.of("bought", count(c.tp()), count(c.fn())),
                        List.of("did not buy", count(c.fp()), count(c.tn()))));
    }

    private static Table scores(Figures f, double threshold) {
        int bins = Dashboard.SCORE_BINS;
        long[][] counts = f.scoreHistogram(bins);
        long[] buyers = counts[0];
        long[] others = counts[1];
        List<List<String>> rows = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            rows.add(List.of(num(lo) + " to " + num(hi) + (threshold >= lo && threshold < hi ? " (threshold)" : ""),
                    count(buyers[b]), count(others[b])));
        }
        return new Table(List.of("probability", "buyers", "non-buyers"), rows);
    }

    private static Table breakdown(Breakdown b) {
        List<List<String>> rows = new ArrayList<>();
        boolean predicted = false;
        for (Breakdown.Group g : b.groups()) {
            predicted |= g.hasPrediction();
        }
        for (Breakdown.Group g : b.groups()) {
            List<String> row = new ArrayList<>(List.of(g.label(), count(g.sessions()), count(g.purchases()),
                    pct(g.rate()), pct(g.interval().low()) + " to " + pct(g.interval().high())));
            if (predicted) {
                row.add(g.hasPrediction() ? pct(g.meanPredicted()) : "");
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(b.title(), "sessions", "purchases", "conversion",
                "95% interval"));
        if (predicted) {
            header.add("mean predicted");
        }
        return new Table(header, rows);
    }

    private static Table funnel(Funnel f) {
        List<List<String>> rows = new ArrayList<>();
        for (Funnel.Step s : f.steps()) {
            rows.add(List.of(s.name(), count(s.sessions()), pct(s.shareOfStart()), pct(s.dropOff())));
        }
        return new Table(List.of("step", "sessions", "share of sessions", "drop-off from the step before"), rows);
    }

    private static Table calibration(EvaluationResult e) {
        double[] mp = e.calibration().meanPredicted();
        double[] obs = e.calibration().observedRate();
        long[] n = e.calibration().counts();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < mp.length; i++) {
            rows.add(List.of(num(mp[i]), num(obs[i]), count(n[i])));
        }
        return new Table(List.of("mean predicted", "observed rate", "sessions"), rows);
    }

    private static Table curve(List<String> header, double[] a, double[] b, double[] c) {
        List<List<String>> rows = new ArrayList<>();
        int n = a.length;
        int shown = Math.min(n, MAX_CURVE_ROWS);
        int last = -1;
        for (int k = 0; k < shown; k++) {
            int i = shown == 1 ? 0 : (int) Math.round((double) k * (n - 1) / (shown - 1));
            if (i == last) {
                continue;
            }
            last = i;
            rows.add(List.of(num(a[i]), num(b[i]), i < c.length ? num(c[i]) : ""));
        }
        return new Table(header, rows);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String pct(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", x * 100);
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.4f", x);
    }
}
