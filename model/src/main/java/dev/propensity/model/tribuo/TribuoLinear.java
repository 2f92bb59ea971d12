package dev.propensity.model.tribuo;

import com.google.protobuf.Any;
import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Tribuo;
import org.tribuo.VariableIDInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

/**
 * Moves weights between plain arrays and Tribuo's {@link LinearSGDModel}.
 *
 * <p>A binary {@code LinearSGDModel} trained with the log-loss objective holds one weight row per label (feature
 * weights, then the bias) and turns the two scores into probabilities with a softmax; the purchase probability is
 * therefore {@code sigmoid((w_true - w_false) . x + (b_true - b_false))}. A model is built by writing the solved
 * weights into the {@code true} row (the {@code false} row stays 0) and reading Tribuo's own protobuf form back
 * through {@link Model#deserialize(ModelProto)}: the result is an ordinary {@code LinearSGDModel}, with provenance,
 * that Tribuo can predict with, serialise and export.
 */
final class TribuoLinear {
    static final Label PURCHASE = new Label("true");
    static final Label NO_PURCHASE = new Label("false");

    private TribuoLinear() {
    }

    /** Weights extracted from a model, in the order of the given input names. */
    record Weights(double[] weights, double intercept) {
    }

    /** A feature domain holding exactly the given input names. */
    static ImmutableFeatureMap featureMap(List<String> names) {
        MutableFeatureMap m = new MutableFeatureMap();
        for (String name : names) {
            m.add(name, 1.0);
        }
        return new ImmutableFeatureMap(m);
    }

    /** The output domain {false, true}. */
    static ImmutableOutputInfo<Label> outputInfo() {
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        info.observe(NO_PURCHASE);
        info.observe(PURCHASE);
        return info.generateImmutableOutputInfo();
    }

    /**
     * A LinearSGDModel with the given weights.
     *
     * @param names      the input names, one per weight
     * @param weights    the weights
     * @param intercept  the intercept
     * @param provenance the model's provenance
     * @return the model
     */
    static LinearSGDModel build(List<String> names, double[] weights, double intercept, ModelProvenance provenance) {
        ImmutableFeatureMap features = featureMap(names);
        ImmutableOutputInfo<Label> outputs = outputInfo();
        int f = features.size();
        DenseMatrix matrix = new DenseMatrix(outputs.size(), f + 1);
        int row = outputs.getID(PURCHASE);
        for (int j = 0; j < names.size(); j++) {
            matrix.set(row, features.getID(names.get(j)), weights[j]);
        }
        matrix.set(row, f, intercept);
        ModelDataCarrier<Label> carrier = new ModelDataCarrier<>("propensity-logistic", provenance, features, outputs,
                true, Tribuo.VERSION);
        ClassificationLinearSGDProto data = ClassificationLinearSGDProto.newBuilder()
                .setMetadata(carrier.serialize())
                .setParams(new LinearParameters(matrix).serialize())
                .setNormalizer(new LogMulticlass().getNormalizer().serialize())
                .build();
        ModelProto proto = ModelProto.newBuilder()
                .setVersion(LinearSGDModel.CURRENT_VERSION)
                .setClassName(LinearSGDModel.class.getName())
                .setSerializedData(Any.pack(data))
                .build();
        return (LinearSGDModel) Model.deserialize(proto);
    }

    /**
     * The purchase weights of a binary model, in the order of {@code names}.
     *
     * @param model a model over labels {@code true} and {@code false}
     * @param names the input names
     * @return the weights and intercept
     * @throws IllegalArgumentException when the model's labels are not {@code true} and {@code false}
     */
    static Weights extract(LinearSGDModel model, List<String> names) {
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        int pos = outputs.getID(PURCHASE);
        int neg = outputs.getID(NO_PURCHASE);
        if (outputs.size() != 2 || pos < 0 || neg < 0) {
            throw new IllegalArgumentException("model must predict the labels true and false, has "
                    + outputs.getDomain());
        }
        ImmutableFeatureMap features = model.getFeatureIDMap();
        DenseMatrix m = model.getWeightsCopy();
        double[] w = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            VariableIDInfo info = features.get(names.get(j));
            // an input never seen non-zero in training may be absent from the model: its weight is 0
            w[j] = info == null ? 0.0 : m.get(pos, info.getID()) - m.get(neg, info.getID());
        }
        int bias = features.size();
        return new Weights(w, m.get(pos, bias) - m.get(neg, bias));
    }
}
