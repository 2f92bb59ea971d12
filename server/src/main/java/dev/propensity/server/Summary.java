package dev.propensity.server;

import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.ModelQuality;
import dev.propensity.pipeline.Figures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /api/v1/summary}: the slice's KPIs at the top level ({@code sessions}, {@code purchases},
 * {@code conversionRate}, {@code accuracy}, {@code rocAuc}, ...), the threshold's figures, the breakdowns, the
 * funnel, the importances, the insights and the notes. A figure that cannot be computed (no model, one class in the
 * slice) is {@code null}, never NaN.
 */
final class Summary {
    private Summary() {
    }

    static Map<String, Object> of(ServeData data, SliceView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("query", v.filter().toQuery());
        slice.put("description", v.filter().describe());
        slice.put("sessions", v.sessions());
        slice.put("ofSessions", data.size());
        m.put("slice", slice);
        Kpis k = v.kpis();
        m.put("sessions", k.sessions());
        m.put("purchases", k.purchases());
        m.put("conversionRate", num(k.conversionRate()));
        m.put("conversionInterval", interval(k.conversionInterval().low(), k.conversionInterval().high()));
        ModelQuality q = k.model();
        m.put("accuracy", q == null ? null : num(q.accuracy()));
        m.put("majorityBaseline", q == null ? null : num(q.majorityBaseline()));
        m.put("rocAuc", q == null ? null : num(q.rocAuc()));
        m.put("averagePrecision", q == null ? null : num(q.averagePrecision()));
        m.put("f1", q == null ? null : num(q.f1()));
        m.put("protocol", q == null ? null : q.protocol());
        SliceView.ThresholdView t = v.threshold();
        if (t == null) {
            m.put("threshold", null);
        } else {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("threshold", t.threshold());
            tm.put("scored", t.scored());
            tm.put("actualBuyers", t.actualBuyers());
            tm.put("predictedBuyers", t.predictedBuyers());
            tm.put("expectedBuyers", num(t.expectedBuyers()));
            tm.put("truePositives", t.truePositives());
            tm.put("falsePositives", t.falsePositives());
            tm.put("falseNegatives", t.falseNegatives());
            tm.put("trueNegatives", t.trueNegatives());
            tm.put("precision", num(t.precision()));
            tm.put("recall", num(t.recall()));
            tm.put("cost", t.cost());
            tm.put("value", t.value());
            tm.put("expectedProfit", num(t.expectedProfit()));
            tm.put("realisedProfit", num(t.realisedProfit()));
            m.put("threshold", tm);
        }
        Figures f = v.figures();
        List<Object> breakdowns = new ArrayList<>();
        List<Object> funnel = new ArrayList<>();
        List<Object> importance = new ArrayList<>();
        List<Object> insights = new ArrayList<>();
        if (f != null) {
            for (Breakdown b : f.breakdowns()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("dimension", b.dimension());
                bm.put("title", b.title());
                List<Object> groups = new ArrayList<>();
                for (Breakdown.Group g : b.groups()) {
                    Map<String, Object> gm = new LinkedHashMap<>();
                    gm.put("label", g.label());
                    gm.put("sessions", g.sessions());
                    gm.put("purchases", g.purchases());
                    gm.put("rate", num(g.rate()));
                    gm.put("interval", interval(g.interval().low(), g.interval().high()));
                    gm.put("meanPredicted", num(g.meanPredicted()));
                    groups.add(gm);
                }
                bm.put("groups", groups);
                breakdowns.add(bm);
            }
            if (f.funnel() != null) {
                for (Funnel.Step s : f.funnel().steps()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("step", s.name());
                    sm.put("sessions", s.sessions());
                    sm.put("shareOfStart", num(s.shareOfStart()));
                    sm.put("dropOff", num(s.dropOff()));
                    funnel.add(sm);
                }
            }
            for (Importance i : f.importance()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("feature", i.feature());
                im.put("method", i.method());
                im.put("value", num(i.value()));
                im.put("nearOutcome", i.nearOutcome());
                importance.add(im);
            }
            for (Insight i : f.insights()) {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("kind", i.kind().name());
                im.put("sentence", i.sentence());
                insights.add(im);
            }
        }
        m.put("breakdowns", breakdowns);
        m.put("funnel", funnel);
        m.put("importance", importance);
        m.put("insights", insights);
        m.put("notes", v.dashboard() == null ? v.notes() : v.dashboard().notes());
        return m;
    }

    private static Map<String, Object> interval(double low, double high) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", num(low));
        m.put("high", num(high));
        return m;
    }

    /** A finite number, or null. */
    static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
