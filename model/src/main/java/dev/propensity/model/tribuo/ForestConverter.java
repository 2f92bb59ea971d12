package dev.propensity.model.tribuo;

import com.google.protobuf.Any;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostOutputConverter;
import org.tribuo.common.xgboost.protos.XGBoostOutputConverterProto;

/**
 * Turns the one output of an XGBoost random forest ({@link NativeBooster#forest}) into a Tribuo label prediction.
 *
 * <p>The forest is a regression forest on the purchase indicator: each leaf holds the share of purchases among the
 * in-bag training rows that reach it, and the booster's output is the average of those shares over the trees, the
 * forest's purchase probability. This converter gives the label {@code true} that probability (clamped to [0, 1])
 * and {@code false} the rest, so a Tribuo {@code XGBoostModel} holding such a booster predicts, saves and loads as
 * any Tribuo model does. Tribuo's own {@code XGBoostClassificationConverter} expects one output per class and cannot
 * read it.
 */
public final class ForestConverter implements XGBoostOutputConverter<Label> {
    private static final long serialVersionUID = 1L;
    /** The protobuf version this class writes and reads. */
    public static final int CURRENT_VERSION = 0;

    /** A converter (it has no state). */
    public ForestConverter() {
    }

    /**
     * Reads a converter from its protobuf form (Tribuo calls this when it loads a model).
     *
     * @param version   the serialized version
     * @param className the class name
     * @param message   the (empty) serialized data
     * @return a converter
     * @throws IllegalArgumentException for a version newer than {@link #CURRENT_VERSION}
     */
    public static ForestConverter deserializeFromProto(int version, String className, Any message) {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("unknown version " + version + ", this class reads up to "
                    + CURRENT_VERSION);
        }
        return new ForestConverter();
    }

    @Override
    public boolean generatesProbabilities() {
        return true;
    }

    @Override
    public Prediction<Label> convertOutput(ImmutableOutputInfo<Label> info, List<float[]> outputs,
                                           int numValidFeatures, Example<Label> example) {
        if (outputs.size() != 1 || outputs.get(0).length != 1) {
            throw new IllegalArgumentException("a random forest booster has one output, was given " + outputs.size()
                    + " boosters of " + (outputs.isEmpty() ? 0 : outputs.get(0).length) + " outputs");
        }
        return prediction(info, outputs.get(0)[0], numValidFeatures, example);
    }

    @Override
    public List<Prediction<Label>> convertBatchOutput(ImmutableOutputInfo<Label> info, List<float[][]> outputs,
                                                      int[] numValidFeatures, Example<Label>[] examples) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("a random forest has one booster, was given " + outputs.size());
        }
        float[][] out = outputs.get(0);
        List<Prediction<Label>> list = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i].length != 1) {
                throw new IllegalArgumentException("a random forest booster has one output, row " + i + " has "
                        + out[i].length);
            }
            list.add(prediction(info, out[i][0], numValidFeatures[i], examples[i]));
        }
        return list;
    }

    /** The purchase probability (the booster's output, clamped to [0, 1]) as a prediction over both labels. */
    private static Prediction<Label> prediction(ImmutableOutputInfo<Label> info, float output, int numValidFeatures,
                                                Example<Label> example) {
        double p = probability(output);
        Map<String, Label> scores = new LinkedHashMap<>();
        Label best = null;
        for (int id = 0; id < info.size(); id++) {
            String name = info.getOutput(id).getLabel();
            double s = name.equals(TribuoLinear.PURCHASE.getLabel()) ? p
                    : name.equals(TribuoLinear.NO_PURCHASE.getLabel()) ? 1.0 - p : 0.0;
            Label l = new Label(name, s);
            scores.put(name, l);
            if (best == null || s > best.getScore()) {
                best = l;
            }
        }
        return new Prediction<>(best, scores, numValidFeatures, example, true);
    }

    /** A forest output as a probability: the average of leaf shares, clamped against rounding to [0, 1]. */
    static double probability(float output) {
        return Math.min(1.0, Math.max(0.0, output));
    }

    @Override
    public XGBoostOutputConverterProto serialize() {
        return XGBoostOutputConverterProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(ForestConverter.class.getName()).build();
    }

    @Override
    public Class<Label> getTypeWitness() {
        return Label.class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForestConverter;
    }

    @Override
    public int hashCode() {
        return ForestConverter.class.hashCode();
    }

    @Override
    public String toString() {
        return "ForestConverter()";
    }
}
