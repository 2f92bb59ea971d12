package dev.propensity.model.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.XGBoostConfig;
import dev.propensity.model.design.TrainingData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.util.BigDenseMatrix;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableOutputInfo;
import org.tribuo.RealInfo;
import org.tribuo.Tribuo;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationConverter;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostOutputConverter;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.TrainerProvenance;

/**
 * Trains XGBoost boosters straight from encoded {@code float} columns, without Tribuo's per-row examples, and wraps
 * each as an ordinary Tribuo {@link XGBoostModel} (built from Tribuo's own protobuf form, as {@link TribuoLinear}
 * builds the logistic model), which predicts, saves and loads as one trained by Tribuo does.
 *
 * <p>The training matrix is dense and row-major, its columns in the Tribuo feature map's order (input names
 * sorted), every value present (zeros included), exactly the inputs Tribuo's {@code XGBoostClassificationTrainer}
 * hands XGBoost through its sparse rows of examples; {@link #boost} passes XGBoost the parameters that trainer
 * passes (multi:softprob over the two labels, the same label numbering, unit weights), so a model is the one Tribuo
 * trains, without an object per row and feature (which took 2.4 GB and minutes at 112,490 rows).
 */
final class NativeBooster {
    /** Rows encoded per block (blocks run on the workers). */
    private static final int BLOCK = 65_536;
    /** Tribuo's name for its XGBoost classification models. */
    static final String MODEL_NAME = "xgboost-classification-model";

    private NativeBooster() {
    }

    /**
     * A training table for XGBoost: the values, dense and row-major in {@link #features}' order, held off the Java
     * heap until the native matrix is made from them (then freed); the domains; the label of each row as its output
     * id and as a purchase indicator.
     */
    static final class Data {
        private BigDenseMatrix values;
        final int rows;
        final int width;
        final ImmutableFeatureMap features;
        final ImmutableOutputInfo<Label> outputs;
        final float[] labelIds;
        final float[] purchases;
        final String description;

        Data(BigDenseMatrix values, int rows, int width, ImmutableFeatureMap features,
             ImmutableOutputInfo<Label> outputs, float[] labelIds, float[] purchases, String description) {
            this.values = values;
            this.rows = rows;
            this.width = width;
            this.features = features;
            this.outputs = outputs;
            this.labelIds = labelIds;
            this.purchases = purchases;
            this.description = description;
        }

        /** The native matrix (labels not set); the off-heap values are freed. */
        DMatrix matrix() throws XGBoostError {
            BigDenseMatrix v = values;
            if (v == null) {
                throw new IllegalStateException("the training values were already handed to XGBoost");
            }
            values = null;
            try {
                return new DMatrix(v, Float.NaN);
            } finally {
                v.dispose();
            }
        }
    }

    /**
     * Encodes some rows of a table for XGBoost, a block of rows at a time on the workers, refusing a non-finite
     * encoded value in one line naming the feature, the model input, the row and the session.
     *
     * @param encoding the fitted encoding
     * @param table    the table
     * @param rows     the training rows ({@code null}: every row)
     * @param labels   their labels, both classes present
     * @param trainer  the trainer's name, for messages
     * @param workers  where the blocks run
     * @return the data
     */
    static Data encode(FittedEncoding encoding, FeatureTable table, int[] rows, boolean[] labels, String trainer,
                       Workers workers) {
        int n = labels.length;
        int width = encoding.width();
        List<String> names = encoding.outputNames();
        // the Tribuo feature map orders inputs by name; a column's position in a row is its id there
        String[] sorted = names.toArray(new String[0]);
        Arrays.sort(sorted);
        Map<String, Integer> id = new HashMap<>();
        for (int k = 0; k < sorted.length; k++) {
            id.put(sorted[k], k);
        }
        int[] position = new int[width];
        for (int k = 0; k < width; k++) {
            position[k] = id.get(names.get(k));
        }
        checkMemory(trainer, n, width);
        XGBoostNative.load();
        BigDenseMatrix values = new BigDenseMatrix(n, width);
        int blocks = (n + BLOCK - 1) / BLOCK;
        // per block and input: count, min, max, mean and sum of squared deviations (merged in block order)
        double[][][] stats = new double[blocks][][];
        IllegalArgumentException[] errors = new IllegalArgumentException[blocks];
        workers.forBlocks(blocks, blocks, (b, ignoredFrom, ignoredTo) -> {
            int start = b * BLOCK;
            int stop = Math.min(n, start + BLOCK);
            int len = stop - start;
            int[] blockRows = new int[len];
            for (int i = 0; i < len; i++) {
                blockRows[i] = rows == null ? start + i : rows[start + i];
            }
            float[][] part = new float[width][len];
            encoding.encodeFloat(table, blockRows, 0, len, part);
            double[][] s = new double[width][];
            for (int k = 0; k < width; k++) {
                float[] c = part[k];
                int at = position[k];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int i = 0; i < len; i++) {
                    float v = c[i];
                    if (!Float.isFinite(v)) {
                        if (errors[b] == null) {
                            errors[b] = TrainingData.notFinite(encoding, table, trainer, k, blockRows[i], v);
                        }
                        return;
                    }
                    values.set((long) (start + i) * width + at, v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                }
                double mean = sum / len;
                double squares = 0;
                for (int i = 0; i < len; i++) {
                    double d = c[i] - mean;
                    squares += d * d;
                }
                s[k] = new double[] {len, min, max, mean, squares};
            }
            stats[b] = s;
        });
        for (IllegalArgumentException e : errors) {
            if (e != null) {
                values.dispose();
                throw e;
            }
        }
        List<VariableInfo> infos = new ArrayList<>(width);
        for (int k = 0; k < width; k++) {
            double count = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double mean = 0;
            double squares = 0;
            for (double[][] s : stats) {
                double[] t = s[k];
                double total = count + t[0];
                double delta = t[3] - mean;
                squares += t[4] + delta * delta * count * t[0] / total;
                mean += delta * t[0] / total;
                count = total;
                min = Math.min(min, t[1]);
                max = Math.max(max, t[2]);
            }
            infos.add(new RealInfo(names.get(k), n, max, min, mean, squares));
        }
        ImmutableFeatureMap features = new ImmutableFeatureMap(infos);
        return labelled(values, n, width, features, labels,
                "propensity FeatureTable, " + n + " rows");
    }

    /** Native bytes a training row of {@code width} inputs takes at the peak (off-heap values, XGBoost's copy). */
    static long bytesPerRow(int width) {
        // 4 bytes a value off the heap, 8 in XGBoost's sparse page, 1 in its histogram index; labels, weights,
        // gradients and predictions about 64 a row
        return 13L * width + 64;
    }

    /**
     * Refuses a table whose training matrix needs more native memory than the system has available, in one line,
     * before anything is copied or trained.
     *
     * @param trainer the trainer's name
     * @param rows    the training rows
     * @param width   the model inputs
     * @throws IllegalArgumentException when it does not fit
     */
    static void checkMemory(String trainer, int rows, int width) {
        checkMemory(trainer, rows, width, availableBytes());
    }

    /** {@link #checkMemory(String, int, int)} against a given number of available bytes (negative: unknown). */
    static void checkMemory(String trainer, int rows, int width, long available) {
        long need = rows * bytesPerRow(width);
        if (available >= 0 && need > available) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s needs about %,d MB outside "
                    + "the Java heap for %,d rows of %d inputs (XGBoost's copy of the matrix), and the system has "
                    + "%,d MB available; use --model logistic, or fewer rows", trainer, need >> 20, rows, width,
                    available >> 20));
        }
    }

    /** MemAvailable of /proc/meminfo in bytes, or -1 where it cannot be read. */
    private static long availableBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The data of a Tribuo dataset (for the Tribuo {@code Trainer} API): one column per feature of the dataset's
     * feature map; a feature absent from an example is 0 (Tribuo's own XGBoost trainer leaves it missing; an
     * encoded Propensity row never lacks one).
     *
     * @param dataset a dataset labelled {@code true} / {@code false}
     * @return the data
     */
    static Data of(org.tribuo.Dataset<Label> dataset) {
        ImmutableFeatureMap features = dataset.getFeatureIDMap();
        int n = dataset.size();
        int width = features.size();
        checkMemory("XGBoostForestTrainer", n, width);
        XGBoostNative.load();
        BigDenseMatrix values = new BigDenseMatrix(n, width);
        boolean[] labels = new boolean[n];
        int i = 0;
        try {
            for (Example<Label> e : dataset) {
                String l = e.getOutput().getLabel();
                if (!l.equals(TribuoLinear.PURCHASE.getLabel()) && !l.equals(TribuoLinear.NO_PURCHASE.getLabel())) {
                    throw new IllegalArgumentException("example " + i + " has the label '" + l + "'; this trainer "
                            + "takes the labels true and false");
                }
                labels[i] = l.equals(TribuoLinear.PURCHASE.getLabel());
                for (Feature f : e) {
                    VariableIDInfo info = features.get(f.getName());
                    if (info != null) {
                        values.set(i, info.getID(), (float) f.getValue());
                    }
                }
                i++;
            }
        } catch (RuntimeException e) {
            values.dispose();
            throw e;
        }
        return labelled(values, n, width, features, labels, dataset.getSourceDescription());
    }

    /** The label domain observed in row order (as a Tribuo dataset builds it), and the rows' label ids. */
    private static Data labelled(BigDenseMatrix values, int n, int width, ImmutableFeatureMap features, boolean[] labels,
                                 String description) {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        for (boolean b : labels) {
            info.observe(b ? TribuoLinear.PURCHASE : TribuoLinear.NO_PURCHASE);
        }
        ImmutableOutputInfo<Label> outputs = info.generateImmutableOutputInfo();
        int yes = outputs.getID(TribuoLinear.PURCHASE);
        int no = outputs.getID(TribuoLinear.NO_PURCHASE);
        float[] ids = new float[n];
        float[] purchases = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = labels[i] ? yes : no;
            purchases[i] = labels[i] ? 1f : 0f;
        }
        return new Data(values, n, width, features, outputs, ids, purchases, description);
    }

    /**
     * Gradient-boosted trees with the parameters Tribuo 4.3's {@code XGBoostClassificationTrainer} passes XGBoost
     * for these settings: {@code multi:softprob} over the two labels, histogram trees, L1 penalty 0, no evaluation
     * set, every row of weight 1.
     *
     * @param c       the settings
     * @param data    the training data (its values are handed to XGBoost)
     * @param threads XGBoost's threads, at least 1 (the same trees on any number)
     * @return the Tribuo model, its provenance naming Tribuo's trainer with these settings
     */
    static XGBoostModel<Label> boost(XGBoostConfig c, Data data, int threads) {
        Map<String, Object> params = new HashMap<>();
        params.put("eta", c.eta());
        params.put("gamma", c.gamma());
        params.put("max_depth", c.maxDepth());
        params.put("min_child_weight", c.minChildWeight());
        params.put("subsample", c.subsample());
        params.put("colsample_bytree", c.columnSample());
        params.put("lambda", c.lambda());
        params.put("alpha", 0.0);
        params.put("nthread", threads);
        params.put("seed", c.seed());
        params.put("verbosity", 0);
        params.put("booster", "gbtree");
        params.put("tree_method", "hist");
        params.put("objective", "multi:softprob");
        params.put("num_class", data.outputs.size());
        TrainerProvenance trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, c.rounds(), c.eta(), c.gamma(), c.maxDepth(), c.minChildWeight(),
                c.subsample(), c.columnSample(), c.lambda(), 0.0, c.threads(),
                XGBoostTrainer.LoggingVerbosity.SILENT, c.seed()).getProvenance();
        float[] weights = new float[data.rows];
        Arrays.fill(weights, 1f);
        return wrap(train(data, data.labelIds, weights, params, c.rounds()), data, trainer,
                new XGBoostClassificationConverter());
    }

    /**
     * A random forest grown by XGBoost: {@code trees} regression trees on the purchase indicator in one round
     * ({@code num_parallel_tree}), each on a {@code subsample} of the rows drawn without replacement and choosing
     * each split among a {@code featureFraction} of the inputs, learning rate 1, no leaf penalty, starting from 0.
     * With a unit hessian per row, a leaf's value is the share of purchases among the in-bag rows that reach it,
     * the squared-error gain of a split is its Gini gain (for a 0/1 target the two are proportional), and XGBoost
     * averages the trees of a round, so the output is the forest's average purchase share, read by
     * {@link ForestConverter}.
     *
     * @param trainer the forest trainer (its settings and provenance)
     * @param data    the training data (its values are handed to XGBoost)
     * @param threads XGBoost's threads, at least 1 (the same trees on any number)
     * @return the Tribuo model
     */
    static XGBoostModel<Label> forest(XGBoostForestTrainer trainer, Data data, int threads) {
        Map<String, Object> params = new HashMap<>();
        params.put("booster", "gbtree");
        params.put("tree_method", "hist");
        params.put("objective", "reg:squarederror");
        params.put("base_score", 0.0);
        params.put("eta", 1.0);
        params.put("num_parallel_tree", trainer.trees());
        params.put("max_depth", trainer.maxDepth());
        params.put("min_child_weight", trainer.minChildWeight());
        params.put("subsample", trainer.subsample());
        params.put("colsample_bynode", trainer.featureFraction());
        params.put("lambda", 0.0);
        params.put("alpha", 0.0);
        params.put("gamma", 0.0);
        params.put("nthread", threads);
        params.put("seed", trainer.seed());
        params.put("verbosity", 0);
        return wrap(train(data, data.purchases, null, params, 1), data, trainer.getProvenance(),
                new ForestConverter());
    }

    /** Trains a booster on the data with the given label column and weights ({@code null}: none). */
    private static Booster train(Data data, float[] labels, float[] weights, Map<String, Object> params,
                                 int rounds) {
        XGBoostNative.load();
        DMatrix m = null;
        try {
            m = data.matrix();
            m.setLabel(labels);
            if (weights != null) {
                m.setWeight(weights);
            }
            return XGBoost.train(m, params, rounds, Map.of(), null, null);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to train on " + data.rows + " rows: " + e.getMessage(),
                    e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }

    /**
     * The booster as a Tribuo {@link XGBoostModel}, read from Tribuo's protobuf form: the data's feature and label
     * domains, a provenance naming the trainer and the data, and the converter of the booster's outputs.
     */
    private static XGBoostModel<Label> wrap(Booster booster, Data data, TrainerProvenance trainer,
                                            XGBoostOutputConverter<Label> converter) {
        byte[] bytes;
        try {
            bytes = booster.toByteArray();
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to write its booster: " + e.getMessage(), e);
        } finally {
            booster.dispose();
        }
        ModelProvenance provenance = new ModelProvenance(XGBoostModel.class.getName(), OffsetDateTime.now(),
                new LbfgsLogisticTrainer.ColumnsDatasetProvenance(new SimpleDataSourceProvenance(data.description,
                        new LabelFactory()), data.rows, data.features.size()), trainer, Map.of());
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>(MODEL_NAME, provenance, data.features,
                data.outputs, converter.generatesProbabilities(), Tribuo.VERSION);
        XGBoostModelProto proto = XGBoostModelProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setConverter(converter.serialize())
                .addModels(ByteString.copyFrom(bytes))
                .build();
        ModelProto model = ModelProto.newBuilder()
                .setVersion(XGBoostModel.CURRENT_VERSION)
                .setClassName(XGBoostModel.class.getName())
                .setSerializedData(Any.pack(proto))
                .build();
        @SuppressWarnings("unchecked")
        XGBoostModel<Label> m = (XGBoostModel<Label>) Model.deserialize(model);
        return m;
    }
}
