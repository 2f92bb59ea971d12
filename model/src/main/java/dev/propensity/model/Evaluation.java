package dev.propensity.model;

import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Splits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Evaluates a trainer under an {@link EvaluationProtocol}: for each test fold f of {@link Splits#assign}, trains
 * on the rows whose fold differs from f (transforms included: each fold's encoding is fitted on its training rows
 * only) and predicts the rows of fold f; then trains a final model on every row. Deterministic for a fixed
 * protocol seed and trainer configuration, on any {@link Workers}: tables of up to 10 million values (rows times
 * columns) are trained several folds at a time (the final model being one more task), larger ones one fold at a
 * time with the trainer's own work in parallel; the results are the same either way.
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
     * Runs the protocol, then trains the final model on all rows, on {@link Workers#defaults()}.
     *
     * @param trainer  the trainer
     * @param table    the labelled rows
     * @param protocol the protocol
     * @return out-of-fold probabilities, folds, figures and the final model
     * @throws IllegalArgumentException when the protocol cannot split the table (see {@link Splits#assign}) or a
     *                                  fold's training rows cannot be trained on
     */
    public static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol) {
        return run(trainer, table, protocol, true, Workers.defaults());
    }

    /**
     * Runs the protocol; trains the final model on all rows only when asked; on {@link Workers#defaults()}.
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
        return run(trainer, table, protocol, finalModel, Workers.defaults());
    }

    /**
     * Runs the protocol on the given workers; trains the final model on all rows only when asked. Small tables
     * (up to 10 million values, rows times columns) train several folds at once; larger ones train one fold at a
     * time, each trainer running its own parallel work on the workers ({@link ModelTrainer#withWorkers}). The
     * results are the same either way.
     *
     * @param trainer    the trainer
     * @param table      the labelled rows
     * @param protocol   the protocol
     * @param finalModel whether to train the model on all rows
     * @param workers    where the folds and the trainers' parallel work run
     * @return out-of-fold probabilities, folds, figures and a model
     */
    public static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol,
                                 boolean finalModel, Workers workers) {
        Objects.requireNonNull(workers, "workers");
        int tasks = Splits.folds(Splits.assign(protocol, table.facts())).length + (finalModel ? 1 : 0);
        return run(trainer, table, protocol, finalModel, workers, foldsAtOnce(table, tasks, workers));
    }

    /** {@link #run(ModelTrainer, FeatureTable, EvaluationProtocol, boolean, Workers)} with the folds at once given. */
    static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol, boolean finalModel,
                          Workers workers, int foldsAtOnce) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(protocol, "protocol");
        ModelTrainer onWorkers = trainer.withWorkers(workers);
        int[] assignment = Splits.assign(protocol, table.facts());
        int[] testFolds = Splits.folds(assignment);
        double[] probabilities = new double[table.rows()];
        Arrays.fill(probabilities, Double.NaN);
        double[] seconds = new double[testFolds.length];
        PurchaseModel[] models = new PurchaseModel[testFolds.length + 1];
        // task f < folds trains fold f; the last task trains the final model (when asked)
        int tasks = testFolds.length + (finalModel ? 1 : 0);
        IntConsumer task = f -> {
            if (f == testFolds.length) {
                models[f] = onWorkers.train(table);
                return;
            }
            long t0 = System.nanoTime();
            int[] trainRows = Splits.trainRows(assignment, testFolds[f]);
            int[] testRows = Splits.testRows(assignment, testFolds[f]);
            PurchaseModel m;
            try {
                m = onWorkers.train(table, trainRows);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + testFolds[f] + " of " + protocol.describe() + ": "
                        + e.getMessage(), e);
            }
            double[] p = m.predict(table.select(testRows));
            for (int i = 0; i < testRows.length; i++) {
                probabilities[testRows[i]] = p[i];
            }
            seconds[f] = (System.nanoTime() - t0) / 1e9;
            // only the model returned is kept: a fold's model (a large tree ensemble, say) is garbage once scored
            if (!finalModel && f == testFolds.length - 1) {
                models[f] = m;
            }
        };
        if (foldsAtOnce <= 1) {
            for (int f = 0; f < tasks; f++) {
                task.accept(f);
            }
        } else {
            List<Workers.Task<Void>> list = new ArrayList<>(tasks);
            for (int f = 0; f < tasks; f++) {
                int fold = f;
                list.add(() -> {
                    task.accept(fold);
                    return null;
                });
            }
            workers.compute(list);
        }
        EvaluationResult result = EvaluationResult.of(protocol, table.labels(), probabilities, assignment, 0.5);
        PurchaseModel model = finalModel ? models[testFolds.length] : models[testFolds.length - 1];
        model = model.withCard(model.card().withEvaluation(protocol.describe(), figures(result)));
        return new Evaluation(probabilities, assignment, result, model, seconds);
    }

    /** Tables up to this many values (rows times columns) train several folds at once. */
    private static final long PARALLEL_FOLDS_MAX_VALUES = 10_000_000L;

    /**
     * How many folds to train at once: as many as the workers run when the table is small enough that fold copies
     * fit comfortably in memory (trainers are thread-safe by {@link ModelTrainer}'s contract, and every fold is
     * independent, so the results are the same as one at a time); otherwise one, the trainer's own work being
     * parallel.
     */
    static int foldsAtOnce(FeatureTable table, int tasks, Workers workers) {
        long values = (long) table.rows() * Math.max(1, table.columnCount());
        return tasks > 1 && values <= PARALLEL_FOLDS_MAX_VALUES ? Math.min(tasks, workers.parallelism()) : 1;
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
