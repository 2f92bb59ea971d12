package dev.propensity.model.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.classification.xgboost.XGBoostClassificationConverter;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.WeightedEnsembleModelProto;

/**
 * A purchase model backed by a Tribuo tree ensemble (XGBoost or random forest): a fitted encoding followed by the
 * Tribuo model. Neither usually scores through Tribuo's {@code Example} objects: a Tribuo {@code XGBoostModel} (the
 * XGBoost trainer's, and since the forest is grown by XGBoost the random forest trainer's) scores its booster
 * directly on a dense matrix of the encoded rows, laid out in the Tribuo model's feature order (the same float inputs
 * Tribuo would build, so the same probabilities), reading the purchase output (Tribuo's converter) or the forest's
 * one output ({@link ForestConverter}); a random forest of Tribuo CART trees (saved by earlier versions) walks its
 * trees copied into flat arrays, adding the leaves up as Tribuo does (the same doubles in the same order). Both avoid
 * an object per row and feature and a map lookup per feature and tree. A one-tree CART forest, and any Tribuo model
 * of another shape, is scored through Tribuo.
 */
final class TreePurchaseModel implements PurchaseModel {
    static final String XGBOOST = "xgboost";
    static final String RANDOM_FOREST = "random-forest";
    private static final int BLOCK = 8192;

    private final String kind;
    private final FittedEncoding encoding;
    private final Model<Label> model;
    private final ModelCard card;
    private final String[] names;
    /** The direct scorer, decided on first use: null until then, empty for models scored through Tribuo. */
    private volatile Optional<Scorer> direct;

    TreePurchaseModel(String kind, FittedEncoding encoding, Model<Label> model, ModelCard card) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.model = Objects.requireNonNull(model, "model");
        this.card = Objects.requireNonNull(card, "card");
        this.names = encoding.outputNames().toArray(new String[0]);
    }

    /** Tribuo examples of encoded rows, all values kept (zeros included) so XGBoost never sees them as missing. */
    static List<Example<Label>> examples(String[] names, double[][] cols, boolean[] labels) {
        int n = cols.length == 0 ? (labels == null ? 0 : labels.length) : cols[0].length;
        List<Example<Label>> list = new ArrayList<>(n);
        double[] values = new double[cols.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols.length; j++) {
                values[j] = cols[j][i];
            }
            Label label = labels == null ? LabelFactory.UNKNOWN_LABEL
                    : labels[i] ? TribuoLinear.PURCHASE : TribuoLinear.NO_PURCHASE;
            list.add(new ArrayExample<>(label, names, values));
        }
        return list;
    }

    @Override
    public FeatureSchema schema() {
        return encoding.inputSchema();
    }

    /** Scores encoded rows {@code cols[k][i]} (k: the encoding's output, i: the row) without Tribuo's objects. */
    private interface Scorer {
        /** Purchase probabilities of the first {@code rows} encoded rows. */
        double[] score(double[][] cols, int rows);
    }

    /**
     * The booster of an XGBoost model, where its inputs go in a dense row, and which of its outputs is the purchase
     * probability.
     */
    private static final class BoosterScorer implements Scorer {
        final Booster booster;
        final int[] column;
        final int width;
        final int purchase;

        BoosterScorer(Booster booster, int[] column, int width, int purchase) {
            this.booster = booster;
            this.column = column;
            this.width = width;
            this.purchase = purchase;
        }

        @Override
        public double[] score(double[][] cols, int rows) {
            float[] data = new float[rows * width];
            java.util.Arrays.fill(data, Float.NaN);
            for (int k = 0; k < cols.length; k++) {
                int c = column[k];
                if (c < 0) {
                    continue;
                }
                double[] src = cols[k];
                for (int i = 0; i < rows; i++) {
                    data[i * width + c] = (float) src[i];
                }
            }
            DMatrix m = null;
            try {
                m = new DMatrix(data, rows, width, Float.NaN);
                float[][] p = booster.predict(m);
                double[] out = new double[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = clamp(p[i][purchase]);
                }
                return out;
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost failed to score " + rows + " rows: " + e.getMessage(), e);
            } finally {
                if (m != null) {
                    m.dispose();
                }
            }
        }
    }

    /**
     * A random forest's trees as flat arrays, scored as Tribuo's {@link WeightedEnsembleModel} with a
     * {@link FullyWeightedVotingCombiner} scores them: each tree's leaf distribution, weighted, summed in the same
     * order, and the purchase share of the total. Same doubles, so the same probabilities, without a map lookup per
     * feature, tree and row.
     */
    private static final class ForestScorer implements Scorer {
        /** Per tree and node: the encoding output a split reads, -1 for a leaf, -2 for a feature never given (0). */
        final int[][] column;
        final double[][] split;
        final int[][] greater;
        final int[][] lessOrEqual;
        /** Per tree and leaf node: the leaf's scores in Tribuo's order, and which of them are a purchase. */
        final double[][][] scores;
        final boolean[][][] purchase;
        final float[] weights;

        private ForestScorer(int trees, float[] weights) {
            column = new int[trees][];
            split = new double[trees][];
            greater = new int[trees][];
            lessOrEqual = new int[trees][];
            scores = new double[trees][][];
            purchase = new boolean[trees][][];
            this.weights = weights;
        }

        /** The scorer of a forest of Tribuo trees, or null when one member is not a tree. */
        static ForestScorer of(List<Model<Label>> members, float[] weights, Map<String, Integer> outputIndex) {
            ForestScorer f = new ForestScorer(members.size(), weights);
            for (int t = 0; t < members.size(); t++) {
                if (!(members.get(t) instanceof TreeModel<Label> tree)) {
                    return null;
                }
                ImmutableFeatureMap fmap = tree.getFeatureIDMap();
                List<Node<Label>> nodes = new ArrayList<>();
                nodes.add(tree.getRoot());
                List<int[]> children = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) { // breadth first: children are appended as they are met
                    if (nodes.get(n) instanceof SplitNode<Label> sp) {
                        children.add(new int[] {nodes.size(), nodes.size() + 1});
                        nodes.add(sp.getGreaterThan());
                        nodes.add(sp.getLessThanOrEqual());
                    } else {
                        children.add(null);
                    }
                }
                int size = nodes.size();
                f.column[t] = new int[size];
                f.split[t] = new double[size];
                f.greater[t] = new int[size];
                f.lessOrEqual[t] = new int[size];
                f.scores[t] = new double[size][];
                f.purchase[t] = new boolean[size][];
                for (int n = 0; n < size; n++) {
                    Node<Label> node = nodes.get(n);
                    if (node instanceof SplitNode<Label> sp) {
                        Integer k = outputIndex.get(fmap.get(sp.getFeatureID()).getName());
                        f.column[t][n] = k == null ? -2 : k;
                        f.split[t][n] = sp.splitValue();
                        f.greater[t][n] = children.get(n)[0];
                        f.lessOrEqual[t][n] = children.get(n)[1];
                    } else if (node instanceof LeafNode<Label> leaf) {
                        f.column[t][n] = -1;
                        Map<String, Label> dist = leaf.getDistribution();
                        f.scores[t][n] = new double[dist.size()];
                        f.purchase[t][n] = new boolean[dist.size()];
                        int e = 0;
                        for (Label l : dist.values()) {
                            f.scores[t][n][e] = l.getScore();
                            f.purchase[t][n][e] = TribuoLinear.PURCHASE.getLabel().equals(l.getLabel());
                            e++;
                        }
                    } else {
                        return null;
                    }
                }
            }
            return f;
        }

        @Override
        public double[] score(double[][] cols, int rows) {
            double[] out = new double[rows];
            int trees = column.length;
            for (int i = 0; i < rows; i++) {
                double sum = 0.0;
                double bought = 0.0;
                for (int t = 0; t < trees; t++) {
                    int[] col = column[t];
                    int n = 0;
                    while (col[n] != -1) {
                        double v = col[n] >= 0 ? cols[col[n]][i] : 0.0;
                        n = v > split[t][n] ? greater[t][n] : lessOrEqual[t][n];
                    }
                    double[] s = scores[t][n];
                    boolean[] isPurchase = purchase[t][n];
                    for (int e = 0; e < s.length; e++) {
                        double cur = weights[t] * s[e];
                        sum += cur;
                        if (isPurchase[e]) {
                            bought += cur;
                        }
                    }
                }
                out[i] = clamp(bought / sum);
            }
            return out;
        }
    }

    /**
     * The direct scorer: of an XGBoost model with one booster and a purchase output, or of a forest of Tribuo
     * trees combined by {@link FullyWeightedVotingCombiner}; null for anything else (scored through Tribuo).
     */
    private Scorer direct() {
        Optional<Scorer> d = direct;
        if (d == null) { // decided once: a model that cannot be scored directly is not looked at again
            d = Optional.ofNullable(buildDirect());
            direct = d;
        }
        return d.orElse(null);
    }

    private Scorer buildDirect() {
        int purchase = model.getOutputIDInfo().getID(TribuoLinear.PURCHASE);
        if (purchase < 0) {
            return null;
        }
        if (model instanceof XGBoostModel<?> xgb) {
            List<Booster> boosters = xgb.getInnerModels();
            if (boosters.size() != 1) {
                return null;
            }
            // which output is the purchase probability: Tribuo's converter has one per label (softprob), a forest
            // grown by XGBoost one, the probability itself
            int output;
            String converter = converterClass(xgb);
            if (XGBoostClassificationConverter.class.getName().equals(converter)) {
                output = purchase;
            } else if (ForestConverter.class.getName().equals(converter)) {
                output = 0;
            } else {
                return null;
            }
            ImmutableFeatureMap fmap = model.getFeatureIDMap();
            int[] column = new int[names.length];
            for (int k = 0; k < names.length; k++) {
                column[k] = fmap.getID(names[k]);
            }
            return new BoosterScorer(boosters.get(0), column, fmap.size(), output);
        }
        if (model instanceof WeightedEnsembleModel<Label> forest) {
            return forestScorer(forest);
        }
        return null;
    }

    /** The class name of an XGBoost model's output converter (from its protobuf), or null when unreadable. */
    private static String converterClass(XGBoostModel<?> xgb) {
        try {
            return xgb.serialize().getSerializedData().unpack(XGBoostModelProto.class).getConverter().getClassName();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** A forest's scorer when its combiner is Tribuo's fully weighted vote (the weights come from its protobuf). */
    private ForestScorer forestScorer(WeightedEnsembleModel<Label> forest) {
        WeightedEnsembleModelProto proto;
        try {
            proto = forest.serialize().getSerializedData().unpack(WeightedEnsembleModelProto.class);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        if (!FullyWeightedVotingCombiner.class.getName().equals(proto.getCombiner().getClassName())
                || proto.getWeightsCount() != forest.getNumModels()) {
            return null;
        }
        float[] weights = new float[proto.getWeightsCount()];
        for (int t = 0; t < weights.length; t++) {
            weights[t] = proto.getWeights(t);
        }
        Map<String, Integer> outputIndex = new HashMap<>();
        for (int k = 0; k < names.length; k++) {
            outputIndex.put(names[k], k);
        }
        return ForestScorer.of(forest.getModels(), weights, outputIndex);
    }

    @Override
    public double[] predict(FeatureTable table) {
        return predict(table, direct());
    }

    /** Whether {@link #predict} skips Tribuo's objects (for tests: the direct path is taken). */
    boolean scoresDirectly() {
        return direct() != null;
    }

    /** Scores through Tribuo's {@code Example} objects, whatever the model (the reference the direct path matches). */
    double[] predictThroughTribuo(FeatureTable table) {
        return predict(table, null);
    }

    /** Scores a block of rows at a time, directly when {@code d} is given, otherwise through Tribuo. */
    private double[] predict(FeatureTable table, Scorer d) {
        schema().requireCompatible(table.schema());
        int n = table.rows();
        double[] out = new double[n];
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            int[] rows = new int[len];
            for (int k = 0; k < len; k++) {
                rows[k] = start + k;
            }
            double[][] cols = encoding.encodeColumns(table, rows);
            if (d != null) {
                System.arraycopy(d.score(cols, len), 0, out, start, len);
                continue;
            }
            List<Prediction<Label>> preds = model.predict(examples(names, cols, null));
            for (int k = 0; k < len; k++) {
                out[start + k] = purchaseScore(preds.get(k));
            }
        }
        return out;
    }

    @Override
    public double probability(double[] rawRow) {
        double[] x = new double[encoding.width()];
        encoding.encodeRow(rawRow, x);
        Scorer d = direct();
        if (d != null) {
            double[][] cols = new double[x.length][];
            for (int k = 0; k < x.length; k++) {
                cols[k] = new double[] {x[k]};
            }
            return d.score(cols, 1)[0];
        }
        return purchaseScore(model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, x)));
    }

    private static double purchaseScore(Prediction<Label> p) {
        Label l = p.getOutputScores().get(TribuoLinear.PURCHASE.getLabel());
        return l == null ? 0.0 : clamp(l.getScore());
    }

    /** A score as a probability in [0, 1]. */
    private static double clamp(double score) {
        return Math.min(1.0, Math.max(0.0, score));
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public PurchaseModel withCard(ModelCard newCard) {
        return new TreePurchaseModel(kind, encoding, model, newCard);
    }

    @Override
    public void save(Path file) throws IOException {
        ModelFile.write(file, kind, encoding, null, card, model);
    }

    @Override
    public String toString() {
        return "TreePurchaseModel[" + kind + ", " + schema().size() + " features, trained on " + card.trainingRows()
                + " rows]";
    }
}
