package dev.propensity.spark;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Splits;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.PurchaseModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Evaluation above the collect limit: k-fold cross-validation (or a holdout) of the distributed logistic model,
 * without collecting the feature rows.
 *
 * <ol>
 *   <li><b>Folds by a hash of the session id.</b> A session's fold is {@code pmod(xxhash64("propensity-folds",
 *       session_id, seed), k)} for {@code cv:k}; for {@code holdout:F} it is in the test set (fold 0) when
 *       {@code pmod(hash, 2^20) < F * 2^20}, else training only ({@link Splits#TRAIN_ONLY}). The assignment depends on
 *       the session id and the seed only: the same on any partitioning and input order. Unlike one machine's folds
 *       it is not stratified (each fold's share of buyers varies by chance).</li>
 *   <li><b>Each fold</b> is fitted by {@link SparkLogistic#train} on the other folds' rows (its own encoding sample,
 *       MLlib, the conversion into the project's model file), and that model file, broadcast, scores the held-out
 *       rows in the executors with {@link PurchaseModel#predict(FeatureTable)}, as {@code score} would.</li>
 *   <li><b>Metrics.</b> The held-out rows' (label, fold, probability) triples, 13 bytes a session, are brought to
 *       the driver in session-id order (streamed a partition at a time, at most {@link #PAIRS_LIMIT} of them) and
 *       evaluated by the single machine's code ({@link EvaluationResult#of}, {@link ClassificationMetrics}).</li>
 * </ol>
 */
final class SparkEvaluation {
    /** The most held-out predictions brought to the driver: 13 bytes each in arrays, about 2.6 GB of heap. */
    static final long PAIRS_LIMIT = 200_000_000L;
    /** Hash buckets of a holdout's test share. */
    private static final long BUCKETS = 1L << 20;
    /** The fold column added to feature rows. */
    static final String FOLD = "_fold";

    private static final StructType SCORED = new StructType()
            .add("session_id", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, false)
            .add("fold", DataTypes.IntegerType, false)
            .add("probability", DataTypes.DoubleType, false);

    private SparkEvaluation() {
    }

    /**
     * The out-of-fold predictions and their figures.
     *
     * @param labels        each held-out session's label, in session-id order
     * @param probabilities its out-of-fold probability
     * @param assignment    its test fold
     * @param result        the pooled and per-fold figures
     * @param atHalf        the report at the threshold 0.5
     * @param atBestF1      the report at the max-F1 threshold
     * @param foldSeconds   each fold's training time (the held-out rows are scored when the triples are collected)
     * @param models        each fold's model, as its held-out rows were scored with
     */
    record Result(boolean[] labels, double[] probabilities, int[] assignment, EvaluationResult result,
                  ClassificationReport atHalf, ClassificationReport atBestF1, double[] foldSeconds,
                  List<PurchaseModel> models) {
    }

    /** Whether the protocol can run distributed (cross-validation and holdout; a time split cannot). */
    static boolean supports(EvaluationProtocol protocol) {
        return protocol.kind() == EvaluationProtocol.Kind.CROSS_VALIDATION
                || protocol.kind() == EvaluationProtocol.Kind.HOLDOUT;
    }

    /**
     * Feature rows with their fold ({@link #FOLD}, an int) by the hash of the session id.
     *
     * @param rows     feature rows
     * @param protocol cross-validation or holdout
     * @return the rows with the fold column
     */
    static Dataset<Row> withFolds(Dataset<Row> rows, EvaluationProtocol protocol) {
        if (!supports(protocol)) {
            throw new IllegalArgumentException(protocol.describe() + " does not run distributed: give --eval cv:K"
                    + " or holdout:F");
        }
        Column hash = functions.xxhash64(functions.lit("propensity-folds"), functions.col("session_id"),
                functions.lit(protocol.seed()));
        Column fold = protocol.kind() == EvaluationProtocol.Kind.CROSS_VALIDATION
                ? functions.pmod(hash, functions.lit((long) protocol.folds())).cast(DataTypes.IntegerType)
                : functions.when(functions.pmod(hash, functions.lit(BUCKETS))
                        .lt(functions.lit((long) Math.floor(protocol.fraction() * BUCKETS))), functions.lit(0))
                        .otherwise(functions.lit(Splits.TRAIN_ONLY));
        return rows.withColumn(FOLD, fold);
    }

    /**
     * Cross-validates (or holds out) the distributed logistic model.
     *
     * @param rows        feature rows (persisted by the caller: every fold reads them)
     * @param adapter     the engine's settings
     * @param config      the logistic objective
     * @param protocol    cross-validation or holdout
     * @param sampleLimit the most sessions each fold's encoding is fitted on
     * @param engine      runs the actions
     * @return the out-of-fold predictions and figures
     * @throws IllegalArgumentException when a fold cannot be trained (too few purchases) or the tested rows lack a
     *                                  class, or there are more than {@link #PAIRS_LIMIT} held-out rows
     */
    static Result evaluate(Dataset<Row> rows, FeatureAdapter adapter, LogisticConfig config,
                           EvaluationProtocol protocol, long sampleLimit, SparkEngine engine) {
        Dataset<Row> folded = withFolds(rows, protocol);
        int k = protocol.kind() == EvaluationProtocol.Kind.CROSS_VALIDATION ? protocol.folds() : 1;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        List<Broadcast<byte[]>> shared = new ArrayList<>();
        double[] seconds = new double[k];
        List<PurchaseModel> models = new ArrayList<>();
        try {
            Dataset<Row> scored = null;
            for (int f = 0; f < k; f++) {
                long t0 = System.nanoTime();
                Column test = functions.col(FOLD).equalTo(functions.lit(f));
                SparkLogistic.Fit fit;
                try {
                    fit = SparkLogistic.train(folded.where(functions.not(test)).drop(FOLD), adapter, config,
                            sampleLimit, engine);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fold " + f + " of " + protocol.describe() + ": "
                            + e.getMessage(), e);
                }
                fit.release();
                models.add(fit.model());
                Broadcast<byte[]> model = jsc.broadcast(bytes(fit.model()));
                shared.add(model);
                Dataset<Row> held = folded.where(test).drop(FOLD)
                        .mapPartitions(new ScoreRows(model, adapter, f), Encoders.row(SCORED));
                scored = scored == null ? held : scored.union(held);
                seconds[f] = (System.nanoTime() - t0) / 1e9;
            }
            Result r = collect(scored.orderBy("session_id").select("label", "fold", "probability"), protocol,
                    engine);
            return new Result(r.labels(), r.probabilities(), r.assignment(), r.result(), r.atHalf(), r.atBestF1(),
                    seconds, List.copyOf(models));
        } finally {
            shared.forEach(Broadcast::destroy);
        }
    }

    /** Streams the (label, fold, probability) triples to the driver and evaluates them. */
    private static Result collect(Dataset<Row> triples, EvaluationProtocol protocol, SparkEngine engine) {
        return engine.run(() -> {
            int capacity = 1 << 16;
            boolean[] y = new boolean[capacity];
            double[] p = new double[capacity];
            int[] fold = new int[capacity];
            int n = 0;
            Iterator<Row> it = triples.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                if (n == y.length) {
                    if (n >= PAIRS_LIMIT || n > Integer.MAX_VALUE / 2 - 8) {
                        throw new IllegalArgumentException("more than " + n + " held-out sessions: the distributed"
                                + " evaluation brings at most " + PAIRS_LIMIT + " predictions to the driver");
                    }
                    int grown = 2 * n;
                    y = java.util.Arrays.copyOf(y, grown);
                    p = java.util.Arrays.copyOf(p, grown);
                    fold = java.util.Arrays.copyOf(fold, grown);
                }
                y[n] = r.getInt(0) == 1;
                fold[n] = r.getInt(1);
                p[n] = r.getDouble(2);
                n++;
            }
            return evaluate(protocol, java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(p, n),
                    java.util.Arrays.copyOf(fold, n), new double[0], List.of());
        });
    }

    /**
     * The figures of out-of-fold predictions, by the single machine's code: the pooled and per-fold result at the
     * threshold 0.5, and the reports at 0.5 and at the max-F1 threshold over the tested rows.
     *
     * @param protocol      the protocol
     * @param labels        labels
     * @param probabilities out-of-fold probabilities
     * @param assignment    test folds
     * @param foldSeconds   each fold's time
     * @param models        each fold's model
     * @return the result
     */
    static Result evaluate(EvaluationProtocol protocol, boolean[] labels, double[] probabilities, int[] assignment,
                           double[] foldSeconds, List<PurchaseModel> models) {
        EvaluationResult result = EvaluationResult.of(protocol, labels, probabilities, assignment,
                ClassificationMetrics.DEFAULT_THRESHOLD);
        int m = 0;
        for (int f : assignment) {
            m += f >= 0 ? 1 : 0;
        }
        boolean[] y = new boolean[m];
        double[] p = new double[m];
        for (int i = 0, j = 0; i < labels.length; i++) {
            if (assignment[i] >= 0) {
                y[j] = labels[i];
                p[j++] = probabilities[i];
            }
        }
        return new Result(labels, probabilities, assignment, result, ClassificationMetrics.evaluate(y, p, 0.5),
                ClassificationMetrics.evaluate(y, p, result.bestF1().threshold()), foldSeconds, models);
    }

    /** A model file's bytes (through a temporary file: models save to files). */
    private static byte[] bytes(PurchaseModel model) {
        try {
            Path tmp = Files.createTempFile("propensity-fold", ".propensity");
            try {
                model.save(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scores one partition of held-out feature rows with a broadcast model file. */
    static final class ScoreRows implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final FeatureAdapter adapter;
        private final int fold;

        ScoreRows(Broadcast<byte[]> model, FeatureAdapter adapter, int fold) {
            this.model = model;
            this.adapter = adapter;
            this.fold = fold;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) throws IOException {
            List<Row> rows = new ArrayList<>();
            input.forEachRemaining(rows::add);
            if (rows.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            FeatureTable t = SparkFeatures.table(rows, adapter.declared(), adapter);
            double[] p = SparkScoring.load(model.value()).predict(t);
            return SparkFeatures.rowsOf(t.rows(), i -> RowFactory.create(t.id(i), t.label(i) ? 1 : 0, fold, p[i]));
        }
    }
}
