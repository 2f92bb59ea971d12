package dev.propensity.pipeline;

import dev.propensity.core.SessionFacts;
import dev.propensity.core.Workers;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Insights;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.ModelQuality;
import dev.propensity.metrics.RankedPredictions;
import dev.propensity.model.Evaluation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.PurchaseModel;
import dev.propensity.viz.Charts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every figure a dashboard shows and a report holds: the KPIs, conversion by group, the funnel, the model's
 * evaluation with its out-of-sample predictions, what drives them, and the insights. Computed once, by
 * {@link #of} from a feature table and its evaluation, or assembled from aggregates computed elsewhere (a Spark
 * job aggregates KPIs, breakdowns and the funnel in the cluster) through the constructor; the report and the
 * dashboard are made from these figures alone.
 *
 * @param kpis         sessions, purchases, conversion rate, and the model's headline figures when there is a model
 * @param breakdowns   conversion by group, in dashboard order (each dimension once)
 * @param funnel       the purchase funnel, or {@code null} when the data has no events (a table of sessions)
 * @param evaluation   the model's evaluation (curves, per-fold figures, max-F1 threshold), or {@code null} without
 *                     a model
 * @param atHalf       every figure of the evaluated predictions at threshold 0.5, or {@code null} without a model
 * @param atBestF1     every figure at the max-F1 threshold, or {@code null} without a model
 * @param labels       the evaluated sessions' labels (empty without a model)
 * @param scores       their out-of-sample purchase probabilities, row for row
 * @param coefficients a linear model's standardised coefficients, by decreasing magnitude (empty otherwise)
 * @param permutation  permutation importance of the final model (empty without a model, or when left out)
 * @param insights     plain-language findings and warnings, without repeated sentences
 * @param notes        remarks about how the figures were made (permutation importance left out); empty usually
 */
public record Figures(Kpis kpis, List<Breakdown> breakdowns, Funnel funnel, EvaluationResult evaluation,
                      ClassificationReport atHalf, ClassificationReport atBestF1, boolean[] labels, double[] scores,
                      List<Importance> coefficients, List<Importance> permutation, List<Insight> insights,
                      List<String> notes) {

    /** Validates: the model's parts are all there or all absent; copies. */
    public Figures {
        Objects.requireNonNull(kpis, "kpis");
        breakdowns = List.copyOf(breakdowns);
        boolean model = evaluation != null;
        if ((atHalf != null) != model || (atBestF1 != null) != model) {
            throw new IllegalArgumentException("the evaluation and the reports at 0.5 and at max F1 go together: "
                    + "evaluation " + (model ? "given" : "absent") + ", at 0.5 " + (atHalf != null ? "given" : "absent")
                    + ", at max F1 " + (atBestF1 != null ? "given" : "absent"));
        }
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels and scores differ in length: " + labels.length + " vs "
                    + scores.length);
        }
        if (!model && labels.length > 0) {
            throw new IllegalArgumentException("predictions without an evaluation: " + labels.length + " scores");
        }
        labels = labels.clone();
        scores = scores.clone();
        coefficients = List.copyOf(coefficients);
        permutation = List.copyOf(permutation);
        insights = List.copyOf(insights);
        notes = List.copyOf(notes);
    }

    /**
     * The figures of a feature table and, when a model was evaluated, of its evaluation: KPIs; every breakdown
     * (with the mean out-of-fold prediction per group), leaving out one whose groups repeat an earlier one's; the
     * funnel of an event log; the reports at 0.5 and at the max-F1 threshold over the tested rows; a linear model's
     * standardised coefficients and the final model's permutation importance within the budget, near-outcome
     * features marked; and the insights, each sentence once.
     *
     * @param table      the sessions' feature table
     * @param evaluation the evaluation, or {@code null} when no model was evaluated
     * @param budget     how much work permutation importance may take
     * @param seed       the seed of permutation importance
     * @param workers    where permutation importance runs
     * @return the figures
     */
    public static Figures of(FeatureTable table, Evaluation evaluation, PermutationBudget budget, long seed,
                             Workers workers) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(workers, "workers");
        SessionFacts facts = table.facts();
        Funnel funnel = facts.hasEvents() ? Funnel.of(facts) : null;
        if (evaluation == null) {
            return new Figures(Kpis.of(facts), distinctBreakdowns(Breakdowns.all(facts)), funnel, null, null, null,
                    new boolean[0], new double[0], List.of(), List.of(), distinct(Insights.generate(facts)),
                    List.of());
        }
        Predictions tested = Predictions.of(table, evaluation);
        boolean[] labels = tested.labels();
        double[] scores = tested.probabilities();
        EvaluationResult result = evaluation.result();
        ClassificationReport atHalf = ClassificationMetrics.evaluate(labels, scores, 0.5);
        ClassificationReport atBest = ClassificationMetrics.evaluate(labels, scores, result.bestF1().threshold());
        List<Breakdown> breakdowns = distinctBreakdowns(Breakdowns.all(facts, evaluation.probabilities()));
        Set<String> nearOutcome = nearOutcome(table.schema());
        PurchaseModel model = evaluation.model();
        List<Importance> coefficients = coefficients(model, nearOutcome);
        PermutationBudget.Measured permutation = budget.measure(table, model, nearOutcome, seed, workers);
        List<Importance> drivers = permutation.importances().isEmpty() ? coefficients : permutation.importances();
        return new Figures(Kpis.of(facts, result), breakdowns, funnel, result, atHalf, atBest, labels, scores,
                coefficients, permutation.importances(), distinct(Insights.generate(facts, atBest, drivers)),
                permutation.notes());
    }

    /**
     * The figures of some sessions whose predictions were made earlier (a slice of a run, as the server shows it):
     * KPIs, breakdowns with the mean prediction per group, the funnel, and, when the scored rows hold both buyers
     * and non-buyers, the evaluation of those predictions at {@code threshold} with the reports at 0.5 and at the
     * max-F1 threshold; the importances are the run's (a model's, not a slice's), and the insights are made from
     * the report at max F1 as in {@link #of(FeatureTable, Evaluation, PermutationBudget, long, Workers)}. Without a
     * model, or when the scored rows lack a class, the figures have no model and {@code notes} say why.
     *
     * @param facts        the sessions, at least one
     * @param scores       each row's out-of-sample probability (NaN for a row that was not tested), or {@code null}
     *                     without a model
     * @param protocol     how the predictions were made
     * @param threshold    the decision threshold of the evaluation's report, in [0, 1]
     * @param coefficients the run's standardised coefficients (may be empty)
     * @param permutation  the run's permutation importance (may be empty)
     * @return the figures
     * @throws IllegalArgumentException when there are no sessions, or scores and facts differ in length
     */
    public static Figures ofPredictions(SessionFacts facts, double[] scores, EvaluationProtocol protocol,
                                        double threshold, List<Importance> coefficients,
                                        List<Importance> permutation) {
        return ofPredictions(facts, scores, protocol, threshold, coefficients, permutation, Workers.callerOnly());
    }

    /**
     * {@link #ofPredictions(SessionFacts, double[], EvaluationProtocol, double, List, List)} with the evaluation (one
     * ranking of the scores for the evaluation and both reports), the KPIs and funnel, and each breakdown computed
     * side by side on the workers; the same figures.
     *
     * @param facts        the sessions, at least one
     * @param scores       each row's out-of-sample probability (NaN for a row that was not tested), or {@code null}
     *                     without a model; sorting is cheapest when they come in ascending order
     * @param protocol     how the predictions were made
     * @param threshold    the decision threshold of the evaluation's report, in [0, 1]
     * @param coefficients the run's standardised coefficients (may be empty)
     * @param permutation  the run's permutation importance (may be empty)
     * @param workers      where the two halves run
     * @return the figures
     * @throws IllegalArgumentException when there are no sessions, or scores and facts differ in length
     */
    public static Figures ofPredictions(SessionFacts facts, double[] scores, EvaluationProtocol protocol,
                                        double threshold, List<Importance> coefficients,
                                        List<Importance> permutation, Workers workers) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(workers, "workers");
        if (facts.size() == 0) {
            throw new IllegalArgumentException("figures need at least one session");
        }
        if (scores != null && scores.length != facts.size()) {
            throw new IllegalArgumentException("scores and sessions differ in length: " + scores.length + " vs "
                    + facts.size());
        }
        // the evaluation, the KPIs with the funnel, and each breakdown (Breakdowns.all, a dimension a task)
        List<Workers.Task<Object>> tasks = new ArrayList<>();
        tasks.add(() -> tested(facts, scores));
        tasks.add(() -> new Object[] {Kpis.of(facts), Funnel.of(facts)});
        for (String dimension : Breakdowns.available(facts)) {
            tasks.add(() -> Breakdowns.of(facts, dimension, scores));
        }
        List<Object> parts = workers.compute(tasks);
        Tested tested = (Tested) parts.get(0);
        Object[] session = (Object[]) parts.get(1);
        Kpis kpis = (Kpis) session[0];
        Funnel funnel = (Funnel) session[1];
        Funnel shown = facts.hasEvents() ? funnel : null;
        List<Breakdown> all = new ArrayList<>();
        for (Object b : parts.subList(2, parts.size())) {
            all.add((Breakdown) b);
        }
        if (tested.ranked() == null) {
            List<String> notes = scores == null ? List.of() : List.of(tested.note());
            return new Figures(kpis, distinctBreakdowns(all), shown, null, null, null, new boolean[0],
                    new double[0], List.of(), List.of(), distinct(Insights.generate(kpis, all, funnel, null,
                    List.of())), notes);
        }
        RankedPredictions ranked = tested.ranked();
        EvaluationResult result = ranked.evaluation(protocol, threshold);
        ClassificationReport atHalf = ranked.report(0.5);
        ClassificationReport atBest = ranked.report(result.bestF1().threshold());
        List<Importance> drivers = permutation.isEmpty() ? coefficients : permutation;
        return new Figures(kpis.withModel(ModelQuality.of(result.report(), result.protocol())),
                distinctBreakdowns(all), shown, result, atHalf, atBest, tested.labels(), tested.scores(),
                coefficients, permutation, distinct(Insights.generate(kpis, all, funnel, atBest, drivers)), List.of());
    }

    /** The tested rows' labels and scores, ranked; or no ranking and the note that says why. */
    private record Tested(boolean[] labels, double[] scores, RankedPredictions ranked, String note) {
    }

    /** The tested rows (those with a score), or, without a model or when they lack a class, the note why not. */
    private static Tested tested(SessionFacts facts, double[] scores) {
        int tested = 0;
        int buyers = 0;
        if (scores != null) {
            for (int i = 0; i < scores.length; i++) {
                if (!Double.isNaN(scores[i])) {
                    tested++;
                    buyers += facts.purchased(i) ? 1 : 0;
                }
            }
        }
        if (tested == 0 || buyers == 0 || buyers == tested) {
            return new Tested(null, null, null, String.format(java.util.Locale.ROOT, "no model figures for these "
                    + "sessions: %,d scored, %,d of them buyers (both classes are needed)", tested, buyers));
        }
        boolean[] labels = new boolean[tested];
        // every row scored (a server's slice): the scores themselves, read only while the figures are computed
        boolean all = tested == scores.length;
        double[] p = all ? scores : new double[tested];
        for (int i = 0, k = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                labels[k] = facts.purchased(i);
                if (!all) {
                    p[k] = scores[i];
                }
                k++;
            }
        }
        return new Tested(labels, p, RankedPredictions.ofOwned(labels, p), null);
    }

    /** Whether a model was evaluated. */
    public boolean hasModel() {
        return evaluation != null;
    }

    /** The importances to show: permutation importance when measured, otherwise the coefficients. */
    public List<Importance> importance() {
        return permutation.isEmpty() ? coefficients : permutation;
    }

    /**
     * The figures a model card records about the evaluation: ROC AUC, average precision, log loss, accuracy and
     * the majority baseline at 0.5, and the best F1 with its threshold.
     *
     * @return the figures by name, in that order
     * @throws IllegalStateException without a model
     */
    public Map<String, Double> modelCardFigures() {
        if (!hasModel()) {
            throw new IllegalStateException("no model was evaluated, so there are no model card figures");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rocAuc", atHalf.rocAuc());
        m.put("averagePrecision", atHalf.averagePrecision());
        m.put("logLoss", atHalf.logLoss());
        m.put("accuracy", atHalf.accuracy());
        m.put("majorityBaseline", atHalf.majorityBaseline());
        m.put("bestF1", atBestF1.f1());
        m.put("bestF1Threshold", atBestF1.threshold());
        return m;
    }

    /**
     * The evaluated sessions counted by probability bin, buyers and non-buyers apart, as the score distribution
     * chart counts them ({@link Charts#scoreHistogram}), without copying the scores.
     *
     * @param bins the number of bins, 2..200
     * @return {@code [0]} buyers and {@code [1]} non-buyers per bin; zeros without a model
     */
    public long[][] scoreHistogram(int bins) {
        return Charts.scoreHistogram(labels, scores, bins);
    }

    /** The evaluated labels themselves, for this package's readers that only read them (no copy of 2M rows). */
    boolean[] labelsRead() {
        return labels;
    }

    /** The evaluated scores themselves, for this package's readers that only read them. */
    double[] scoresRead() {
        return scores;
    }

    /** The evaluated labels (a copy). */
    @Override
    public boolean[] labels() {
        return labels.clone();
    }

    /** The evaluated scores (a copy). */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** Equal when every part is, the arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Figures f && kpis.equals(f.kpis) && breakdowns.equals(f.breakdowns)
                && Objects.equals(funnel, f.funnel) && Objects.equals(evaluation, f.evaluation)
                && Objects.equals(atHalf, f.atHalf) && Objects.equals(atBestF1, f.atBestF1)
                && Arrays.equals(labels, f.labels) && Arrays.equals(scores, f.scores)
                && coefficients.equals(f.coefficients) && permutation.equals(f.permutation)
                && insights.equals(f.insights) && notes.equals(f.notes);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(kpis, breakdowns, funnel, evaluation, atHalf, atBestF1, Arrays.hashCode(labels),
                Arrays.hashCode(scores), coefficients, permutation, insights, notes);
    }

    /** E.g. {@code Figures[20000 sessions, model, 6 breakdowns, 8 insights]}. */
    @Override
    public String toString() {
        return "Figures[" + kpis.sessions() + " sessions, " + (hasModel() ? "model" : "no model") + ", "
                + breakdowns.size() + " breakdowns, " + insights.size() + " insights]";
    }

    /** A linear model's standardised coefficients, near-outcome inputs marked; empty for other models. */
    private static List<Importance> coefficients(PurchaseModel model, Set<String> nearOutcome) {
        if (!(model instanceof LinearExplainable linear)) {
            return List.of();
        }
        Map<String, Double> c = linear.coefficients();
        String[] names = c.keySet().toArray(new String[0]);
        double[] values = new double[names.length];
        Set<String> near = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            values[i] = c.get(names[i]);
            if (nearOutcome.contains(linear.sourceFeature(names[i]))) {
                near.add(names[i]);
            }
        }
        return Importance.fromCoefficients(names, values, near);
    }

    /** The names of the features that nearly are the outcome. */
    private static Set<String> nearOutcome(FeatureSchema schema) {
        Set<String> s = new HashSet<>();
        for (FeatureSpec f : schema.features()) {
            if (f.nearOutcome()) {
                s.add(f.name());
            }
        }
        return s;
    }

    /** The insights without repeated sentences (a table can hold one attribute under two names). */
    static List<Insight> distinct(List<Insight> insights) {
        Set<String> seen = new HashSet<>();
        List<Insight> out = new ArrayList<>();
        for (Insight i : insights) {
            if (seen.add(i.sentence())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The breakdowns without repeats: the UCI reader keeps {@code VisitorType} also as {@code visitor_type}, which
     * would give the same chart twice. A breakdown whose groups (labels and counts) equal an earlier one's is left
     * out; the first (the project's own attribute name) is kept.
     */
    static List<Breakdown> distinctBreakdowns(List<Breakdown> breakdowns) {
        Set<List<String>> seen = new HashSet<>();
        List<Breakdown> out = new ArrayList<>();
        for (Breakdown b : breakdowns) {
            List<String> key = new ArrayList<>();
            for (Breakdown.Group g : b.groups()) {
                key.add(g.label() + "|" + g.sessions() + "|" + g.purchases());
            }
            if (seen.add(key)) {
                out.add(b);
            }
        }
        return out;
    }
}
