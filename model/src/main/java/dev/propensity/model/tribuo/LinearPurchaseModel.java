package dev.propensity.model.tribuo;

import dev.propensity.model.linear.Gate;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.Explanation;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * A logistic regression purchase model: a fitted encoding, an optional segment gate, and a Tribuo
 * {@link LinearSGDModel} over the encoded inputs (followed, with a gate, by the same inputs multiplied by the
 * gate indicator).
 *
 * <p>The Tribuo model is what is saved (built from the solved weights on first use, then kept); its weights are
 * held in primitive arrays, and scoring sums
 * weighted encoded values column by column ({@link FittedEncoding#addLinear}) without Tribuo's {@code Example}
 * objects and without materialising the encoded table.
 */
final class LinearPurchaseModel implements PurchaseModel, LinearExplainable {
    static final String KIND = "logistic";
    private static final int BLOCK = 4096;

    private final FittedEncoding encoding;
    private final String gate;
    private final int gateIndex;
    private final List<String> inputNames;
    private final double[] base;
    private final double[] gated;
    private final double[] gatedSum;
    private final double intercept;
    private final ModelCard card;
    private final Supplier<LinearSGDModel> builder;
    private volatile LinearSGDModel tribuoModel;

    /** A model read from a Tribuo model (a saved file, or Tribuo's own SGD trainer). */
    LinearPurchaseModel(FittedEncoding encoding, String gate, LinearSGDModel tribuoModel, ModelCard card) {
        this(encoding, gate, TribuoLinear.extract(tribuoModel, inputNames(encoding, gate)), () -> tribuoModel, card);
        this.tribuoModel = tribuoModel;
    }

    /**
     * A model from solved weights; the Tribuo model carrying them is built by {@code builder} when first needed
     * (saving, {@link #tribuoModel()}), so that models that are only scored (cross-validation folds) skip it.
     */
    LinearPurchaseModel(FittedEncoding encoding, String gate, TribuoLinear.Weights w,
                        Supplier<LinearSGDModel> builder, ModelCard card) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.card = Objects.requireNonNull(card, "card");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.gate = gate;
        this.gateIndex = gate == null ? -1 : encoding.inputSchema().indexOf(gate);
        if (gate != null && gateIndex < 0) {
            throw new IllegalArgumentException("gate feature '" + gate + "' is not in the schema "
                    + encoding.inputSchema().names());
        }
        this.inputNames = inputNames(encoding, gate);
        if (w.weights().length != inputNames.size()) {
            throw new IllegalArgumentException(inputNames.size() + " inputs but " + w.weights().length + " weights");
        }
        int width = encoding.width();
        this.base = Arrays.copyOf(w.weights(), width);
        if (gate == null) {
            this.gated = null;
            this.gatedSum = null;
        } else {
            this.gated = Arrays.copyOfRange(w.weights(), width, 2 * width);
            this.gatedSum = new double[width];
            for (int k = 0; k < width; k++) {
                gatedSum[k] = base[k] + gated[k];
            }
        }
        this.intercept = w.intercept();
    }

    private LinearPurchaseModel(LinearPurchaseModel m, ModelCard card) {
        this.encoding = m.encoding;
        this.gate = m.gate;
        this.gateIndex = m.gateIndex;
        this.inputNames = m.inputNames;
        this.base = m.base;
        this.gated = m.gated;
        this.gatedSum = m.gatedSum;
        this.intercept = m.intercept;
        this.card = Objects.requireNonNull(card, "card");
        this.builder = m::tribuoModel;
    }

    /** The model inputs: the encoding's outputs, then (with a gate) the gated copies. */
    static List<String> inputNames(FittedEncoding encoding, String gate) {
        List<String> names = new ArrayList<>(encoding.outputNames());
        if (gate != null) {
            for (String n : encoding.outputNames()) {
                names.add(Gate.gatedName(gate, n));
            }
        }
        return List.copyOf(names);
    }

    /** The Tribuo model carrying this model's weights (built on first use). */
    LinearSGDModel tribuoModel() {
        LinearSGDModel m = tribuoModel;
        if (m == null) {
            synchronized (this) {
                m = tribuoModel;
                if (m == null) {
                    m = builder.get();
                    tribuoModel = m;
                }
            }
        }
        return m;
    }

    /** The gate feature, or {@code null}. */
    String gate() {
        return gate;
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
        double[] z = new double[Math.min(BLOCK, n)];
        double[] zg = gate == null ? null : new double[z.length];
        double[] g = gate == null ? null : table.columnArray(table.schema().indexOf(gate));
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            Arrays.fill(z, 0, len, intercept);
            encoding.addLinear(table, start, start + len, base, z);
            if (gate != null) {
                Arrays.fill(zg, 0, len, 0.0);
                encoding.addLinear(table, start, start + len, gated, zg);
                for (int k = 0; k < len; k++) {
                    if (Gate.on(g[start + k])) {
                        z[k] += zg[k];
                    }
                }
            }
            for (int k = 0; k < len; k++) {
                out[start + k] = sigmoid(z[k]);
            }
        }
        return out;
    }

    @Override
    public double probability(double[] rawRow) {
        double[] w = gate != null && Gate.on(rawRow[gateIndex]) ? gatedSum : base;
        return sigmoid(intercept + encoding.dotRow(rawRow, w));
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public PurchaseModel withCard(ModelCard newCard) {
        return new LinearPurchaseModel(this, newCard);
    }

    @Override
    public void save(Path file) throws IOException {
        ModelFile.write(file, KIND, encoding, gate, card, tribuoModel());
    }

    @Override
    public Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        int width = encoding.width();
        for (int k = 0; k < width; k++) {
            m.put(inputNames.get(k), base[k]);
        }
        if (gate != null) {
            for (int k = 0; k < width; k++) {
                m.put(inputNames.get(width + k), gated[k]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String sourceFeature(String input) {
        int k = inputNames.indexOf(input);
        if (k < 0) {
            throw new IllegalArgumentException("no model input '" + input + "'");
        }
        return encoding.inputSchema().get(encoding.sourceFeature(k % encoding.width())).name();
    }

    @Override
    public double intercept() {
        return intercept;
    }

    @Override
    public Explanation explain(FeatureTable table, int row) {
        schema().requireCompatible(table.schema());
        double[] x = new double[encoding.width()];
        encoding.encodeRow(table, row, x);
        boolean on = gate != null && Gate.on(table.value(row, gate));
        double[] w = on ? gatedSum : base;
        FeatureSchema s = schema();
        double[] perFeature = new double[s.size()];
        double z = intercept;
        for (int k = 0; k < w.length; k++) {
            double c = w[k] * x[k];
            perFeature[encoding.sourceFeature(k)] += c;
            z += c;
        }
        List<Explanation.Contribution> list = new ArrayList<>(s.size());
        for (int f = 0; f < s.size(); f++) {
            list.add(new Explanation.Contribution(s.get(f).name(), perFeature[f]));
        }
        return new Explanation(intercept, list, z, sigmoid(z));
    }

    @Override
    public String toString() {
        return "LinearPurchaseModel[" + schema().size() + " features, " + inputNames.size() + " inputs"
                + (gate == null ? "" : ", gate " + gate) + ", trained on " + card.trainingRows() + " rows]";
    }
}
