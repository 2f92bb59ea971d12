package dev.propensity.model;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Splits;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a trainer under an {@link EvaluationProtocol}: for each test fold f of {@link Splits#assign}, trains
 * on the rows whose fold differs from f (transforms included: each fold's encoding is fitted on its training rows
 * only) and predicts the rows of fold f; then trains a final model on every row. Deterministic for a fixed
 * protocol seed and trainer configuration.
 *
 * @param probabilities out-of-fold purchase probability per row; {@code NaN} for rows that are never tested
 *                      (holdout and time splits)
 * @param folds         the test fold of each row ({@link Splits#TRAIN_ONLY} for rows never tested)
 * @param result        the figures over the tested rows (pooled under cross-validation) and per fold
 * @param model         the model trained on every row, its card carrying the pooled figures
 * @param foldSeconds   training plus scoring time of each fold, in seconds
 */
public record Evaluation(double[] probabilities, int[] folds, EvaluationResult result, PurchaseModel model,
                         double[] foldSeconds) {

    /** Copies the arrays. */
    public Evaluation {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(model, "model");
        probabilities = probabilities.clone();
        folds = folds.clone();
        foldSeconds = foldSeconds.clone();
    }

    /**
     * Runs the protocol, then trains the final model on all rows.
     *
     * @param trainer  the trainer
     * @param table    the labelled rows
     * @param protocol the protocol
     * @return out-of-fold probabilities, folds, figures and the final model
     * @throws IllegalArgumentException when the protocol cannot split the table (see {@link Splits#assign}) or a
     *                                  fold's training rows cannot be trained on
     */
    public static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol) {
        return run(trainer, table, protocol, true);
    }

    /**
     * Runs the protocol; trains the final model on all rows only when asked.
     *
     * @param trainer    the trainer
     * @param table      the labelled rows
     * @param protocol   the protocol
     * @param finalModel whether to train the model on all rows (otherwise {@link #model()} is the model of the
     *                   last fold)
     * @return out-of-fold probabilities, folds, figures and a model
     */
    public static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol,
                                 boolean finalModel) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(protocol, "protocol");
        int[] assignment = Splits.assign(protocol, table.facts());
        int[] testFolds = Splits.folds(assignment);
        double[] probabilities = new double[table.rows()];
        Arrays.fill(probabilities, Double.NaN);
        double[] seconds = new double[testFolds.length];
        PurchaseModel last = null;
        for (int f = 0; f < testFolds.length; f++) {
            long t0 = System.nanoTime();
            int[] trainRows = Splits.trainRows(assignment, testFolds[f]);
            int[] testRows = Splits.testRows(assignment, testFolds[f]);
            PurchaseModel m;
            try {
                m = trainer.train(table.select(trainRows));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + testFolds[f] + " of " + protocol.describe() + ": "
                        + e.getMessage(), e);
            }
            double[] p = m.predict(table.select(testRows));
            for (int i = 0; i < testRows.length; i++) {
                probabilities[testRows[i]] = p[i];
            }
            seconds[f] = (System.nanoTime() - t0) / 1e9;
            last = m;
        }
        EvaluationResult result = EvaluationResult.of(protocol, table.labels(), probabilities, assignment, 0.5);
        PurchaseModel model = finalModel ? trainer.train(table) : last;
        model = model.withCard(model.card().withEvaluation(protocol.describe(), figures(result)));
        return new Evaluation(probabilities, assignment, result, model, seconds);
    }

    /** The headline figures of a result, by name, as saved in model cards. */
    static Map<String, Double> figures(EvaluationResult result) {
        ClassificationReport r = result.report();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rocAuc", r.rocAuc());
        m.put("averagePrecision", r.averagePrecision());
        m.put("logLoss", r.logLoss());
        m.put("brier", r.brier());
        m.put("accuracy", r.accuracy());
        m.put("majorityBaseline", r.majorityBaseline());
        m.put("f1", r.f1());
        m.put("foldRocAucStd", result.foldRocAucStd());
        return m;
    }

    /** The pooled ROC AUC of the tested rows. */
    public double rocAuc() {
        return result.report().rocAuc();
    }

    /** A copy of the out-of-fold probabilities. */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** A copy of the fold assignment. */
    @Override
    public int[] folds() {
        return folds.clone();
    }

    /** A copy of the per-fold times. */
    @Override
    public double[] foldSeconds() {
        return foldSeconds.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[%s, %s: ROC AUC %.4f over %d folds, %.1f s]%n%s",
                model.card().trainer(), protocol(), rocAuc(), foldSeconds.length, Arrays.stream(foldSeconds).sum(),
                result.report());
    }

    private String protocol() {
        return result.protocol().describe();
    }
}
