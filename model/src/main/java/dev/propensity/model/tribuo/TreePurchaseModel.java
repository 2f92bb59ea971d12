package dev.propensity.model.tribuo;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;

/**
 * A purchase model backed by a Tribuo tree ensemble (XGBoost or random forest): a fitted encoding followed by the
 * Tribuo model. A random forest scores through Tribuo's {@code Example} objects; an XGBoost model scores its
 * booster directly on a dense matrix of the encoded rows, laid out in the Tribuo model's feature order (the same
 * float inputs Tribuo would build, so the same probabilities, without an object per row and feature).
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
    /** XGBoost's direct scorer, built on first use; null until then and for random forests. */
    private volatile Direct direct;

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

    /** The booster of an XGBoost model, where its inputs go in a dense row, and which output is a purchase. */
    private static final class Direct {
        final Booster booster;
        final int[] column;
        final int width;
        final int purchase;

        Direct(Booster booster, int[] column, int width, int purchase) {
            this.booster = booster;
            this.column = column;
            this.width = width;
            this.purchase = purchase;
        }

        /** Purchase probabilities of encoded rows {@code cols[k][i]}. */
        double[] score(double[][] cols, int rows) {
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
     * The direct scorer of an XGBoost model with one booster and a purchase output, or null (random forests, and
     * any model Tribuo would score otherwise: those go through Tribuo).
     */
    private Direct direct() {
        Direct d = direct;
        if (d != null || !(model instanceof XGBoostModel<?> xgb)) {
            return d;
        }
        List<Booster> boosters = xgb.getInnerModels();
        int purchase = model.getOutputIDInfo().getID(TribuoLinear.PURCHASE);
        if (boosters.size() != 1 || purchase < 0) {
            return null;
        }
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        int[] column = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            column[k] = fmap.getID(names[k]);
        }
        d = new Direct(boosters.get(0), column, fmap.size(), purchase);
        direct = d;
        return d;
    }

    @Override
    public double[] predict(FeatureTable table) {
        return predict(table, direct());
    }

    /** Scores through Tribuo's {@code Example} objects, whatever the model (the reference the direct path matches). */
    double[] predictThroughTribuo(FeatureTable table) {
        return predict(table, null);
    }

    /** Scores a block of rows at a time, directly when {@code d} is given, otherwise through Tribuo. */
    private double[] predict(FeatureTable table, Direct d) {
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
        Direct d = direct();
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
