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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Evaluates a trainer under an {@link EvaluationProtocol}: for each test fold f of {@link Splits#assign}, trains
 * on the rows whose fold differs from f (transforms included: each fold's encoding is fitted on its training rows
 * only) and predicts the rows of fold f; then trains a final model on every row. Deterministic for a fixed
 * protocol seed and trainer configuration. On a machine with two or more cores, tables of up to 10 million
 * values (rows times columns) are trained two folds at a time (the final model being one more
 * task); the results are the same as one fold at a time.
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
        return run(trainer, table, protocol, finalModel, 0);
    }

    /** {@link #run(ModelTrainer, FeatureTable, EvaluationProtocol, boolean)} on a given number of threads (0: chosen). */
    static Evaluation run(ModelTrainer trainer, FeatureTable table, EvaluationProtocol protocol, boolean finalModel,
                          int threads) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(protocol, "protocol");
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
                models[f] = trainer.train(table);
                return;
            }
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
            models[f] = m;
        };
        runAll(tasks, threads > 0 ? threads : workers(table, tasks), task);
        EvaluationResult result = EvaluationResult.of(protocol, table.labels(), probabilities, assignment, 0.5);
        PurchaseModel model = finalModel ? models[testFolds.length] : models[testFolds.length - 1];
        model = model.withCard(model.card().withEvaluation(protocol.describe(), figures(result)));
        return new Evaluation(probabilities, assignment, result, model, seconds);
    }

    /** Tables up to this many values (rows times columns) are trained two folds at a time. */
    private static final long PARALLEL_FOLDS_MAX_VALUES = 10_000_000L;

    /**
     * How many folds to train at once: two on a machine with two or more cores when the table is small enough that
     * two fold copies fit comfortably in memory (trainers are thread-safe by {@link ModelTrainer}'s contract, and
     * every fold is independent, so the results are the same as one at a time); otherwise one.
     */
    static int workers(FeatureTable table, int tasks) {
        long values = (long) table.rows() * Math.max(1, table.columnCount());
        int cores = Runtime.getRuntime().availableProcessors();
        return tasks > 1 && cores >= 2 && values <= PARALLEL_FOLDS_MAX_VALUES ? 2 : 1;
    }

    /**
     * Runs tasks {@code 0..n-1} on {@code workers} threads (the calling thread being one of them), each task once;
     * rethrows the failure of the lowest-numbered failing task, as a serial run would have.
     */
    static void runAll(int n, int workers, IntConsumer task) {
        if (workers <= 1) {
            for (int f = 0; f < n; f++) {
                task.accept(f);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        RuntimeException[] failures = new RuntimeException[n];
        Error[] errors = new Error[n];
        Runnable loop = () -> {
            for (int f = next.getAndIncrement(); f < n; f = next.getAndIncrement()) {
                try {
                    task.accept(f);
                } catch (RuntimeException e) {
                    failures[f] = e;
                    next.set(n); // stop handing out tasks
                } catch (Error e) {
                    errors[f] = e;
                    next.set(n);
                }
            }
        };
        Thread[] helpers = new Thread[workers - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(loop, "propensity-fold-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        loop.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training folds", e);
            }
        }
        for (int f = 0; f < n; f++) {
            if (errors[f] != null) {
                throw errors[f];
            }
            if (failures[f] != null) {
                throw failures[f];
            }
        }
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
