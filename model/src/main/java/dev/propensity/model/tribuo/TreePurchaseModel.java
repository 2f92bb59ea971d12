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
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A purchase model backed by a Tribuo tree ensemble (XGBoost or random forest): a fitted encoding followed by the
 * Tribuo model, which scores through Tribuo's {@code Example} objects.
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

    @Override
    public double[] predict(FeatureTable table) {
        schema().requireCompatible(table.schema());
        int n = table.rows();
        double[] out = new double[n];
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            int[] rows = new int[len];
            for (int k = 0; k < len; k++) {
                rows[k] = start + k;
            }
            List<Prediction<Label>> preds = model.predict(examples(names, encoding.encodeColumns(table, rows), null));
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
        return purchaseScore(model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, x)));
    }

    private static double purchaseScore(Prediction<Label> p) {
        Label l = p.getOutputScores().get(TribuoLinear.PURCHASE.getLabel());
        return l == null ? 0.0 : Math.min(1.0, Math.max(0.0, l.getScore()));
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
