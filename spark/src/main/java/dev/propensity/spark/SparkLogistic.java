package dev.propensity.spark;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.linear.Gate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Distributed training of the project's logistic model, for feature rows above the collect limit.
 *
 * <ol>
 *   <li>The encoding ({@link FittedEncoding}: centring, scaling, log, missing indicators, kept levels) is fitted on
 *       the driver on a <b>seeded sample</b> of at most {@code sampleLimit} sessions: a session is in the sample
 *       when {@code pmod(xxhash64(session_id, seed), 2^20) < fraction * 2^20} (the same sample on any partitioning);
 *       the gate ({@link Gate#choose}) is chosen on the same sample.</li>
 *   <li>Every partition's rows are encoded in the executors by that one encoding ({@link FittedEncoding#encodeRow}),
 *       gated copies appended when there is a gate.</li>
 *   <li>Spark MLlib's {@link LogisticRegression} (binomial, L-BFGS) minimises the project's objective: the
 *       (class-weighted) mean log loss plus {@code (l2/2) |w|^2}, intercept not penalised, on the encoded values as
 *       they are ({@code standardization=false}: the encoding already standardises, as on one machine).</li>
 *   <li>The weights become the project's model with {@link PurchaseModels#logistic}: the same model file, which
 *       {@code score}, the live scorer and {@code serve} load.</li>
 * </ol>
 */
final class SparkLogistic {
    /** Hash buckets of the sample. */
    private static final long BUCKETS = 1L << 20;
    /** The relative tolerance MLlib's L-BFGS stops at (tight: the optimum, not the iteration budget, decides). */
    static final double MLLIB_TOLERANCE = 1e-10;

    private SparkLogistic() {
    }

    /**
     * A fit.
     *
     * @param model      the project's model
     * @param mllib      MLlib's model (the same weights)
     * @param encoded    the encoded rows MLlib fitted on: {@code session_id, label, weight, features}
     * @param rows       sessions trained on
     * @param positives  purchases among them
     * @param sampleRows sessions the encoding was fitted on
     * @param iterations MLlib's iterations
     * @param encoding   the broadcast encoding the encoded rows are computed with
     */
    record Fit(PurchaseModel model, LogisticRegressionModel mllib, Dataset<Row> encoded, long rows, long positives,
               int sampleRows, int iterations, Broadcast<String> encoding) {
        /** Frees the encoded rows and the broadcast encoding (the encoded rows are not usable afterwards). */
        void release() {
            encoded.unpersist();
            encoding.destroy();
        }
    }

    /** The schema of encoded rows. */
    static final StructType ENCODED = new StructType()
            .add("session_id", DataTypes.StringType, false)
            .add("label", DataTypes.DoubleType, false)
            .add("weight", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    /**
     * Trains on feature rows.
     *
     * @param rows        feature rows ({@link SparkFeatures#schema})
     * @param adapter     the engine's settings they were computed with
     * @param config      the logistic objective (L2, class weighting, encoder, gate, minimum purchases, seed,
     *                    iterations)
     * @param sampleLimit the most sessions the encoding is fitted on (collected to the driver)
     * @param engine      runs the actions (bad input surfaces as the single machine's error)
     * @return the fit; its encoded rows are persisted (the caller {@linkplain Fit#release releases} them)
     * @throws IllegalArgumentException when there are too few purchases or only one class
     */
    static Fit train(Dataset<Row> rows, FeatureAdapter adapter, LogisticConfig config, long sampleLimit,
                     SparkEngine engine) {
        long t0 = System.nanoTime();
        Row counts = engine.run(() -> rows.agg(functions.count(functions.lit(1)), functions.sum("label")).first());
        long n = counts.getLong(0);
        long positives = counts.isNullAt(1) ? 0 : counts.getLong(1);
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("logistic needs both purchases and non-purchases; the " + n
                    + " sessions hold " + positives + " purchases");
        }
        if (positives < config.minPositives()) {
            throw new IllegalArgumentException("logistic needs at least " + config.minPositives()
                    + " purchases to train, the " + n + " sessions hold " + positives);
        }
        FeatureSchema declared = adapter.declared();
        FeatureTable sample = SparkFeatures.table(engine.collect(sample(rows, n, sampleLimit, config.seed()), sampleLimit + sampleLimit / 10 + 100),
                declared, adapter);
        FittedEncoding encoding = FittedEncoding.fit(sample, config.encoder());
        String gate = Gate.choose(config.gate(), sample);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " sessions: a model card counts at most " + Integer.MAX_VALUE
                    + " training rows");
        }
        double[] cw = config.classWeighting().weights((int) n, (int) positives);
        Broadcast<String> shared = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext())
                .broadcast(encoding.toJson());
        Dataset<Row> encoded = rows.mapPartitions(new Encode(adapter, shared, gate, cw[0], cw[1]),
                Encoders.row(ENCODED)).persist(StorageLevel.MEMORY_AND_DISK());
        LogisticRegression lr = new LogisticRegression().setFamily("binomial").setRegParam(config.l2())
                .setElasticNetParam(0.0).setStandardization(false).setFitIntercept(true)
                .setMaxIter(config.maxIterations()).setTol(MLLIB_TOLERANCE).setLabelCol("label")
                .setFeaturesCol("features").setWeightCol("weight");
        LogisticRegressionModel mllib = engine.run(() -> lr.fit(encoded));
        double[] w = mllib.coefficients().toArray();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> described = new LinkedHashMap<>(config.describe());
        described.put("optimiser", "spark-mllib-lbfgs");
        described.put("tolerance", Double.toString(MLLIB_TOLERANCE));
        described.put("threads", "spark");
        described.put("gateFeature", gate == null ? "none" : gate);
        described.put("encodingSample", sample.rows() + " sessions (xxhash64 of the session id, seed "
                + config.seed() + ")");
        described.put("mllibIterations", Integer.toString(mllib.summary().totalIterations()));
        ModelCard card = ModelCard.trained("logistic", described, (int) n,
                (int) positives, config.seed(), seconds);
        PurchaseModel model = PurchaseModels.logistic(config, encoding, gate, w, mllib.intercept(),
                "Spark MLlib LogisticRegression (binomial, L-BFGS, standardization=false) on " + n
                        + " encoded sessions", card);
        return new Fit(model, mllib, encoded, n, positives, sample.rows(), mllib.summary().totalIterations(),
                shared);
    }

    /** The seeded sample of about {@code limit} of the {@code n} rows (all of them when {@code n <= limit}). */
    static Dataset<Row> sample(Dataset<Row> rows, long n, long limit, long seed) {
        if (n <= limit) {
            return rows;
        }
        long keep = Math.max(1, (long) Math.floor((double) limit / n * BUCKETS));
        Column bucket = functions.pmod(functions.xxhash64(functions.col("session_id"), functions.lit(seed)),
                functions.lit(BUCKETS));
        return rows.where(bucket.lt(functions.lit(keep)));
    }

    /** Encodes one partition's feature rows with the broadcast encoding. */
    static final class Encode implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final FeatureAdapter adapter;
        private final Broadcast<String> encoding;
        private final String gate;
        private final double positiveWeight;
        private final double negativeWeight;

        Encode(FeatureAdapter adapter, Broadcast<String> encoding, String gate, double positiveWeight,
               double negativeWeight) {
            this.adapter = adapter;
            this.encoding = encoding;
            this.gate = gate;
            this.positiveWeight = positiveWeight;
            this.negativeWeight = negativeWeight;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            List<Row> rows = new ArrayList<>();
            input.forEachRemaining(rows::add);
            FeatureTable t = SparkFeatures.table(rows, adapter.declared(), adapter);
            FittedEncoding enc = FittedEncoding.fromJson(encoding.value());
            int width = enc.width();
            double[] g = gate == null ? null : t.columnArray(t.schema().indexOf(gate));
            return SparkFeatures.rowsOf(t.rows(), i -> {
                double[] x = new double[gate == null ? width : 2 * width];
                enc.encodeRow(t, i, x);
                if (gate != null && Gate.on(g[i])) {
                    System.arraycopy(x, 0, x, width, width);
                }
                boolean y = t.label(i);
                return RowFactory.create(t.id(i), y ? 1.0 : 0.0, y ? positiveWeight : negativeWeight,
                        Vectors.dense(x));
            });
        }
    }
}
