package dev.propensity.server;

import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.metrics.Kpis;
import dev.propensity.pipeline.Dashboards;
import dev.propensity.pipeline.Figures;
import dev.propensity.pipeline.Headline;
import dev.propensity.viz.Dashboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One slice of the sessions, computed: the {@link Figures} of its sessions (the same typed figures a dashboard
 * run makes, so the page draws what the command draws), its dashboard with every chart as inline SVG, what the
 * threshold does, and the sessions with the highest probability.
 *
 * @param filter    the slice and the view's settings
 * @param sessions  the number of sessions in the slice
 * @param figures   the figures, or {@code null} when the slice is empty
 * @param dashboard the dashboard of the figures, or {@code null} when the slice is empty
 * @param svgs      each chart of the dashboard as an SVG element, by chart name (empty for an empty slice)
 * @param threshold the figures at the chosen threshold, or {@code null} without predictions
 * @param top       the slice's sessions by decreasing probability, at most {@code filter.top()}
 * @param notes     remarks on the slice
 * @param millis    how long each step of computing the view took, in milliseconds: {@code filter} (finding the
 *                  rows), {@code figures} (the slice's figures), {@code charts} (building and drawing them as SVG),
 *                  {@code rest} (threshold and drill-through)
 */
public record SliceView(SliceFilter filter, int sessions, Figures figures, Dashboard dashboard,
                        Map<String, String> svgs, ThresholdView threshold, List<TopSession> top, List<String> notes,
                        Map<String, Double> millis) {

    /** Copies. */
    public SliceView {
        Objects.requireNonNull(filter, "filter");
        millis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(millis));
        svgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(svgs));
        top = List.copyOf(top);
        notes = List.copyOf(notes);
    }

    /**
     * A session listed in the drill-through.
     *
     * @param id          the session id
     * @param probability its out-of-sample purchase probability
     * @param purchased   whether it bought
     * @param start       its start as ISO-8601, or empty when unknown
     * @param events      its number of events
     * @param attributes  its categorical attributes, in slicer order ({@code null} values for missing)
     */
    public record TopSession(String id, double probability, boolean purchased, String start, int events,
                             List<String> attributes) {
        /** Copies. */
        public TopSession {
            Objects.requireNonNull(id, "id");
            attributes = java.util.Collections.unmodifiableList(new ArrayList<>(attributes));
        }
    }

    /**
     * The slice at a threshold: whom a campaign would target (probability &gt;= threshold), against who bought.
     *
     * @param threshold          the threshold
     * @param scored             sessions with a prediction
     * @param actualBuyers       buyers among them
     * @param predictedBuyers    sessions at or above the threshold
     * @param expectedBuyers     the sum of the probabilities (the buyers the model expects)
     * @param truePositives      targeted buyers
     * @param falsePositives     targeted non-buyers
     * @param falseNegatives     buyers not targeted
     * @param trueNegatives      non-buyers not targeted
     * @param precision          tp / (tp + fp), 0 when nobody is targeted
     * @param recall             tp / (tp + fn), 0 without buyers
     * @param cost               the cost of one intervention
     * @param value              the value of one purchase
     * @param expectedProfit     sum over targeted sessions of (probability x value - cost)
     * @param realisedProfit     tp x value - (tp + fp) x cost, on the actual outcomes
     */
    public record ThresholdView(double threshold, long scored, long actualBuyers, long predictedBuyers,
                                double expectedBuyers, long truePositives, long falsePositives, long falseNegatives,
                                long trueNegatives, double precision, double recall, double cost, double value,
                                double expectedProfit, double realisedProfit) {
    }

    /**
     * Computes a slice.
     *
     * @param data    the data
     * @param filter  the slice and settings
     * @param workers where the figures are computed and the charts drawn
     * @return the view
     */
    static SliceView compute(ServeData data, SliceFilter filter, Workers workers) {
        Map<String, Double> millis = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        int[] rows = data.rows(filter);
        long t1 = System.nanoTime();
        millis.put("filter", (t1 - t0) / 1e6);
        List<String> notes = new ArrayList<>();
        if (rows.length == 0) {
            notes.add("No session is in this slice (" + filter.describe() + ").");
            return new SliceView(filter, 0, null, null, Map.of(), null, List.of(), notes, millis);
        }
        SessionFacts sub = data.facts(rows);
        double[] p = data.probabilities(rows);
        Figures figures = Figures.ofPredictions(sub, p, data.protocol(), filter.threshold(), data.coefficients(),
                data.permutation(), workers);
        notes.addAll(figures.notes());
        long t2 = System.nanoTime();
        millis.put("figures", (t2 - t1) / 1e6);
        Headline h = data.headline();
        Headline sliced = filter.keepsAll() ? h : new Headline(h.title(), String.format(Locale.ROOT,
                "%s; slice: %s (%,d of %,d sessions)", h.description(), filter.describe(), rows.length, data.size()));
        List<String> all = new ArrayList<>(data.notes());
        all.addAll(notes);
        Dashboard dashboard = Dashboards.of(sliced, figures, all, workers);
        Map<String, String> svgs = dashboard.svgElements();
        long t3 = System.nanoTime();
        millis.put("charts", (t3 - t2) / 1e6);
        ThresholdView t = p == null ? null : threshold(sub, p, filter);
        List<TopSession> top = top(data, rows, p, filter.top(), data.hasPredictions());
        millis.put("rest", (System.nanoTime() - t3) / 1e6);
        return new SliceView(filter, rows.length, figures, dashboard, svgs, t, top, notes, millis);
    }

    /** The KPIs of the slice, or those of no sessions. */
    public Kpis kpis() {
        return figures == null ? new Kpis(0, 0, 0, new dev.propensity.metrics.Interval(0, 1), null) : figures.kpis();
    }

    private static ThresholdView threshold(SessionFacts sub, double[] p, SliceFilter f) {
        long scored = 0;
        long buyers = 0;
        long tp = 0;
        long fp = 0;
        double expectedBuyers = 0;
        double expectedProfit = 0;
        double t = f.threshold();
        for (int i = 0; i < p.length; i++) {
            double x = p[i];
            if (Double.isNaN(x)) {
                continue;
            }
            scored++;
            boolean y = sub.purchased(i);
            buyers += y ? 1 : 0;
            expectedBuyers += x;
            if (x >= t) {
                if (y) {
                    tp++;
                } else {
                    fp++;
                }
                expectedProfit += x * f.value() - f.cost();
            }
        }
        long fn = buyers - tp;
        long tn = scored - buyers - fp;
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = buyers == 0 ? 0 : (double) tp / buyers;
        double realised = tp * f.value() - (tp + fp) * f.cost();
        return new ThresholdView(t, scored, buyers, tp + fp, expectedBuyers, tp, fp, fn, tn, precision, recall,
                f.cost(), f.value(), expectedProfit, realised);
    }

    /**
     * The k rows of highest probability (ties by position in the slice), by a bounded selection, not a sort. The
     * slice is scanned from its end; when its probabilities ascend (the data keeps its rows so), the scan stops at
     * the first row below the heap's lowest once the heap is full: no earlier row can enter.
     */
    private static List<TopSession> top(ServeData data, int[] rows, double[] p, int k, boolean ascending) {
        int n = rows.length;
        int m = Math.min(k, n);
        // a min-heap of positions into rows, keyed by probability (NaN lowest), then by later row first
        int[] heap = new int[m];
        int size = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (size < m) {
                heap[size] = i;
                siftUp(heap, size++, p);
            } else if (less(heap[0], i, p)) {
                heap[0] = i;
                siftDown(heap, size, p);
            } else if (ascending && !(p[i] == p[heap[0]])) {
                break;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(heap[i]);
        }
        order.sort((a, b) -> less(a, b, p) ? 1 : less(b, a, p) ? -1 : 0);
        List<String> attrs = new ArrayList<>(data.attributes().keySet());
        SessionFacts facts = data.facts();
        List<TopSession> out = new ArrayList<>(order.size());
        for (int i : order) {
            int r = rows[i];
            List<String> values = new ArrayList<>(attrs.size());
            for (String a : attrs) {
                values.add(facts.attribute(a, r));
            }
            out.add(new TopSession(facts.id(r), p == null ? Double.NaN : p[i], facts.purchased(r),
                    facts.hasStart(r) ? facts.start(r).toString() : "", facts.eventCount(r), values));
        }
        return out;
    }

    /** Whether position a ranks below position b: lower probability (NaN lowest), or the same and a later position. */
    private static boolean less(int a, int b, double[] p) {
        double x = p == null ? Double.NaN : p[a];
        double y = p == null ? Double.NaN : p[b];
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn != yn) {
            return xn;
        }
        if (!xn && x != y) {
            return x < y;
        }
        return a > b;
    }

    private static void siftUp(int[] h, int i, double[] p) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!less(h[i], h[parent], p)) {
                break;
            }
            int t = h[i];
            h[i] = h[parent];
            h[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] h, int size, double[] p) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int min = i;
            if (l < size && less(h[l], h[min], p)) {
                min = l;
            }
            if (r < size && less(h[r], h[min], p)) {
                min = r;
            }
            if (min == i) {
                return;
            }
            int t = h[i];
            h[i] = h[min];
            h[min] = t;
            i = min;
        }
    }
}
