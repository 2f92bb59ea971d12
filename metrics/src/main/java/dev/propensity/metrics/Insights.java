package dev.propensity.metrics;

import dev.propensity.core.SessionFacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Generates short sentences from the data, each only when its evidence holds; nothing is written in advance.
 *
 * <p>The rules, in output order:
 * <ul>
 *   <li>{@link Insight.Kind#BASE_RATE}: always, when there is at least one session.</li>
 *   <li>{@link Insight.Kind#PEAK_HOURS} / {@link Insight.Kind#PEAK_DAYS}: the hours (days) whose Wilson interval
 *       lies entirely above the overall conversion rate, with at least {@link #MIN_GROUP_SESSIONS} sessions. The
 *       interval is Bonferroni-corrected for the number of groups compared (24 hours: z = 3.08 instead of 1.96), so
 *       that chance alone rarely fires the rule.</li>
 *   <li>{@link Insight.Kind#DURATION_TREND}: the shortest and the longest duration buckets with at least
 *       {@link #MIN_GROUP_SESSIONS} sessions have 95% intervals that do not overlap.</li>
 *   <li>{@link Insight.Kind#STRONG_SEGMENT}: per categorical attribute, the group with the highest rate among those
 *       whose Bonferroni-corrected interval lies above the overall rate; at most {@link #MAX_SEGMENTS}, strongest
 *       first.</li>
 *   <li>{@link Insight.Kind#FUNNEL_DROP}: the funnel has a step between sessions and purchases, and the step before
 *       the largest drop-off has at least {@link #MIN_GROUP_SESSIONS} sessions.</li>
 *   <li>{@link Insight.Kind#TOP_PREDICTOR}: the feature with the largest importance that is
 *       {@link Importance#significant() significant} and not near the outcome (a near-outcome feature ranked above
 *       it is named too).</li>
 *   <li>{@link Insight.Kind#ACCURACY_NEAR_BASELINE}: accuracy less than {@link #BASELINE_MARGIN} above the
 *       majority-class baseline.</li>
 *   <li>{@link Insight.Kind#POSSIBLE_LEAKAGE}: ROC AUC above {@link #LEAKAGE_AUC}.</li>
 * </ul>
 */
public final class Insights {
    /** Groups with fewer sessions than this never fire a rule. */
    public static final int MIN_GROUP_SESSIONS = 30;
    /** Accuracy within this of the majority baseline (2 percentage points) draws a warning. */
    public static final double BASELINE_MARGIN = 0.02;
    /** A ROC AUC above this draws a leakage warning. */
    public static final double LEAKAGE_AUC = 0.98;
    /** At most this many {@link Insight.Kind#STRONG_SEGMENT} insights. */
    public static final int MAX_SEGMENTS = 3;

    private Insights() {
    }

    /** The insights of the sessions alone (no model). */
    public static List<Insight> generate(SessionFacts facts) {
        return generate(facts, null, List.of());
    }

    /**
     * The insights of the sessions, a model's report and its feature importances.
     *
     * @param facts      the sessions
     * @param report     the model's report, or {@code null} when no model was evaluated
     * @param importance feature importances (any order), or an empty list
     * @return the insights whose evidence holds, in the order of the class description
     */
    public static List<Insight> generate(SessionFacts facts, ClassificationReport report, List<Importance> importance) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(importance, "importance");
        if (facts.size() == 0) {
            List<Insight> out = new ArrayList<>();
            addModelWarnings(out, report);
            return out;
        }
        return generate(Kpis.of(facts), Breakdowns.all(facts), Funnel.of(facts), report, importance);
    }

    /**
     * The insights of sessions whose KPIs, breakdowns and funnel are already computed (a dashboard computes them
     * anyway): the same insights as {@link #generate(SessionFacts, ClassificationReport, List)} of those sessions.
     *
     * @param kpis       the sessions' KPIs (at least one session)
     * @param breakdowns every available breakdown of the sessions, {@link Breakdowns#all(SessionFacts, double[])}
     *                   (with or without predictions; the mean prediction is not used)
     * @param funnel     the sessions' funnel, {@link Funnel#of(SessionFacts)}
     * @param report     the model's report, or {@code null} when no model was evaluated
     * @param importance feature importances (any order), or an empty list
     * @return the insights whose evidence holds, in the order of the class description
     * @throws IllegalArgumentException when the KPIs count no session
     */
    public static List<Insight> generate(Kpis kpis, List<Breakdown> breakdowns, Funnel funnel,
                                         ClassificationReport report, List<Importance> importance) {
        Objects.requireNonNull(kpis, "kpis");
        Objects.requireNonNull(breakdowns, "breakdowns");
        Objects.requireNonNull(funnel, "funnel");
        Objects.requireNonNull(importance, "importance");
        if (kpis.sessions() == 0) {
            throw new IllegalArgumentException("insights of computed figures need at least one session");
        }
        List<Insight> out = new ArrayList<>();
        double overall = kpis.conversionRate();
        out.add(baseRate(kpis));
        Map<String, Breakdown> byDimension = new LinkedHashMap<>();
        for (Breakdown b : breakdowns) {
            byDimension.put(b.dimension(), b);
        }
        if (byDimension.containsKey(Breakdowns.HOUR_OF_DAY)) {
            peaks(out, byDimension.get(Breakdowns.HOUR_OF_DAY), overall, Insight.Kind.PEAK_HOURS, "between");
            peaks(out, byDimension.get(Breakdowns.DAY_OF_WEEK), overall, Insight.Kind.PEAK_DAYS, "on");
        }
        if (byDimension.containsKey(Breakdowns.DURATION)) {
            durationTrend(out, byDimension.get(Breakdowns.DURATION));
        }
        List<Insight> segments = new ArrayList<>();
        List<Double> strength = new ArrayList<>();
        for (Breakdown b : byDimension.values()) {
            String d = b.dimension();
            if (d.equals(Breakdowns.HOUR_OF_DAY) || d.equals(Breakdowns.DAY_OF_WEEK) || d.equals(Breakdowns.DURATION)) {
                continue;
            }
            Breakdown.Group g = strongSegment(b, overall);
            if (g != null) {
                Map<String, Double> nums = new LinkedHashMap<>();
                nums.put("overall_rate", overall);
                nums.put("rate", g.rate());
                nums.put("low", g.interval().low());
                nums.put("high", g.interval().high());
                nums.put("sessions", (double) g.sessions());
                nums.put("purchases", (double) g.purchases());
                segments.add(new Insight(Insight.Kind.STRONG_SEGMENT, String.format(Locale.ROOT,
                        "Sessions with %s '%s' convert at %s (95%% CI %s-%s, %,d sessions), against %s overall.",
                        b.title().toLowerCase(Locale.ROOT), g.label(), pct(g.rate()), pct(g.interval().low()),
                        pct(g.interval().high()), g.sessions(), pct(overall)), nums));
                strength.add(g.interval().low() / Math.max(overall, 1e-12));
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble(i -> -strength.get(i)));
        for (int i = 0; i < Math.min(MAX_SEGMENTS, idx.size()); i++) {
            out.add(segments.get(idx.get(i)));
        }
        funnelDrop(out, funnel);
        topPredictor(out, importance);
        addModelWarnings(out, report);
        return out;
    }

    private static Insight baseRate(Kpis k) {
        Map<String, Double> nums = new LinkedHashMap<>();
        nums.put("sessions", (double) k.sessions());
        nums.put("purchases", (double) k.purchases());
        nums.put("rate", k.conversionRate());
        nums.put("low", k.conversionInterval().low());
        nums.put("high", k.conversionInterval().high());
        return new Insight(Insight.Kind.BASE_RATE, String.format(Locale.ROOT,
                "%,d of %,d sessions ended in a purchase: a conversion rate of %s (95%% CI %s-%s).", k.purchases(),
                k.sessions(), pct(k.conversionRate()), pct(k.conversionInterval().low()),
                pct(k.conversionInterval().high())), nums);
    }

    private static void peaks(List<Insight> out, Breakdown b, double overall, Insight.Kind kind,
                              String preposition) {
        double z = bonferroniZ(b.groups().size());
        List<Breakdown.Group> peaks = new ArrayList<>();
        for (Breakdown.Group g : b.groups()) {
            if (g.sessions() >= MIN_GROUP_SESSIONS && Wilson.interval(g.purchases(), g.sessions(), z).above(overall)) {
                peaks.add(g);
            }
        }
        if (peaks.isEmpty()) {
            return;
        }
        Breakdown.Group top = peaks.get(0);
        for (Breakdown.Group g : peaks) {
            if (g.rate() > top.rate()) {
                top = g;
            }
        }
        Map<String, Double> nums = new LinkedHashMap<>();
        nums.put("overall_rate", overall);
        nums.put("z", z);
        List<String> labels = new ArrayList<>();
        for (Breakdown.Group g : peaks) {
            labels.add(g.label());
            nums.put("rate " + g.label(), g.rate());
            nums.put("sessions " + g.label(), (double) g.sessions());
        }
        String where = preposition + " " + joinAnd(kind == Insight.Kind.PEAK_HOURS ? hourRanges(labels) : labels);
        out.add(new Insight(kind, String.format(Locale.ROOT,
                "Conversion peaks %s: up to %s (%s, 95%% CI %s-%s) against %s overall.", where, pct(top.rate()),
                top.label(), pct(top.interval().low()), pct(top.interval().high()), pct(overall)), nums));
    }

    private static void durationTrend(List<Insight> out, Breakdown b) {
        List<Breakdown.Group> ok = new ArrayList<>();
        for (Breakdown.Group g : b.groups()) {
            if (g.sessions() >= MIN_GROUP_SESSIONS) {
                ok.add(g);
            }
        }
        if (ok.size() < 2) {
            return;
        }
        Breakdown.Group first = ok.get(0);
        Breakdown.Group last = ok.get(ok.size() - 1);
        if (first.interval().overlaps(last.interval())) {
            return;
        }
        boolean rises = last.rate() > first.rate();
        Map<String, Double> nums = new LinkedHashMap<>();
        for (Breakdown.Group g : b.groups()) {
            nums.put("rate " + g.label(), g.rate());
            nums.put("sessions " + g.label(), (double) g.sessions());
        }
        out.add(new Insight(Insight.Kind.DURATION_TREND, String.format(Locale.ROOT,
                "Conversion %s with session duration: %s (95%% CI %s-%s) for sessions of %s against %s (%s-%s) for "
                        + "sessions of %s.",
                rises ? "rises" : "falls", pct(first.rate()), pct(first.interval().low()), pct(first.interval().high()),
                first.label(), pct(last.rate()), pct(last.interval().low()), pct(last.interval().high()), last.label()),
                nums));
    }

    private static Breakdown.Group strongSegment(Breakdown b, double overall) {
        if (b.groups().size() < 2) {
            return null;
        }
        double z = bonferroniZ(b.groups().size());
        Breakdown.Group best = null;
        for (Breakdown.Group g : b.groups()) {
            if (g.sessions() >= MIN_GROUP_SESSIONS && Wilson.interval(g.purchases(), g.sessions(), z).above(overall)
                    && (best == null || g.rate() > best.rate())) {
                best = g;
            }
        }
        return best;
    }

    private static void funnelDrop(List<Insight> out, Funnel f) {
        if (f.steps().size() < 3) {
            return;
        }
        int at = 1;
        for (int i = 2; i < f.steps().size(); i++) {
            if (f.steps().get(i).dropOff() > f.steps().get(at).dropOff()) {
                at = i;
            }
        }
        Funnel.Step prev = f.steps().get(at - 1);
        Funnel.Step step = f.steps().get(at);
        if (prev.sessions() < MIN_GROUP_SESSIONS || step.dropOff() == 0) {
            return;
        }
        Map<String, Double> nums = new LinkedHashMap<>();
        nums.put("from", (double) prev.sessions());
        nums.put("to", (double) step.sessions());
        nums.put("drop_off", step.dropOff());
        out.add(new Insight(Insight.Kind.FUNNEL_DROP, String.format(Locale.ROOT,
                "The funnel loses most between '%s' and '%s': %s of sessions drop off (%,d of %,d go on).",
                prev.name(), step.name(), pct(step.dropOff()), step.sessions(), prev.sessions()), nums));
    }

    private static void topPredictor(List<Insight> out, List<Importance> importance) {
        List<Importance> sorted = new ArrayList<>(importance);
        sorted.sort(Comparator.comparingDouble(Importance::magnitude).reversed());
        Importance nearFirst = null;
        for (Importance imp : sorted) {
            if (!imp.significant()) {
                continue;
            }
            if (imp.nearOutcome()) {
                if (nearFirst == null) {
                    nearFirst = imp;
                }
                continue;
            }
            Map<String, Double> nums = new LinkedHashMap<>();
            nums.put("value", imp.value());
            nums.put("std", imp.std());
            String how;
            if (imp.method().equals(Importance.PERMUTATION)) {
                how = String.format(Locale.ROOT, "shuffling it lowers ROC AUC by %.3f (+/- %.3f over %d repeats)",
                        imp.value(), imp.std(), imp.repeats());
            } else {
                how = String.format(Locale.ROOT, "%s %+.3f: higher values %s the purchase probability", imp.method(),
                        imp.value(), imp.value() > 0 ? "raise" : "lower");
            }
            String sentence = String.format(Locale.ROOT, "'%s' predicts purchase most strongly: %s.", imp.feature(), how);
            if (nearFirst != null) {
                sentence += String.format(Locale.ROOT, " ('%s' ranks higher but nearly is the outcome itself.)",
                        nearFirst.feature());
                nums.put("near_outcome_value", nearFirst.value());
            }
            out.add(new Insight(Insight.Kind.TOP_PREDICTOR, sentence, nums));
            return;
        }
    }

    private static void addModelWarnings(List<Insight> out, ClassificationReport r) {
        if (r == null) {
            return;
        }
        if (r.accuracy() - r.majorityBaseline() < BASELINE_MARGIN) {
            Map<String, Double> nums = new LinkedHashMap<>();
            nums.put("accuracy", r.accuracy());
            nums.put("majority_baseline", r.majorityBaseline());
            nums.put("roc_auc", r.rocAuc());
            nums.put("average_precision", r.averagePrecision());
            double gap = (r.accuracy() - r.majorityBaseline()) * 100;
            String comparison = gap >= 0.05
                    ? String.format(Locale.ROOT, "is only %.1f points above", gap)
                    : gap <= -0.05 ? String.format(Locale.ROOT, "is %.1f points below", -gap) : "equals";
            out.add(new Insight(Insight.Kind.ACCURACY_NEAR_BASELINE, String.format(Locale.ROOT,
                    "Accuracy %s at threshold %.2f %s always predicting the majority class (%s); "
                            + "judge the model by ROC AUC %.3f and PR AUC %.3f instead.",
                    pct(r.accuracy()), r.threshold(), comparison, pct(r.majorityBaseline()),
                    r.rocAuc(), r.averagePrecision()), nums));
        }
        if (r.rocAuc() > LEAKAGE_AUC) {
            Map<String, Double> nums = new LinkedHashMap<>();
            nums.put("roc_auc", r.rocAuc());
            out.add(new Insight(Insight.Kind.POSSIBLE_LEAKAGE, String.format(Locale.ROOT,
                    "ROC AUC %.4f is near perfect: on real sessions this usually means a feature sees the outcome "
                            + "(leakage); check the cutoff and near-outcome features.", r.rocAuc()), nums));
        }
    }

    /** The two-sided normal quantile for 95% family-wise coverage over {@code groups} comparisons. */
    static double bonferroniZ(int groups) {
        return Normal.quantile(1 - 0.05 / (2.0 * Math.max(1, groups)));
    }

    static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    /** Consecutive hour labels as ranges: "09:00", "10:00", "20:00" become "09:00-11:00", "20:00-21:00". */
    static List<String> hourRanges(List<String> hourLabels) {
        List<String> ranges = new ArrayList<>();
        int start = -1;
        int prev = -2;
        for (String l : hourLabels) {
            int h = Integer.parseInt(l.substring(0, 2));
            if (h != prev + 1) {
                if (start >= 0) {
                    ranges.add(range(start, prev + 1));
                }
                start = h;
            }
            prev = h;
        }
        if (start >= 0) {
            ranges.add(range(start, prev + 1));
        }
        return ranges;
    }

    private static String range(int from, int to) {
        return String.format(Locale.ROOT, "%02d:00-%02d:00", from, to % 24);
    }

    private static String joinAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
