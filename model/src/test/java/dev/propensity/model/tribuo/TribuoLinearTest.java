package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.model.ClassWeighting;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import java.util.ArrayList;
import java.util.List;
import dev.propensity.model.linear.Gate;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class TribuoLinearTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(3000, 21);

    @Test
    void builtModelIsAnOrdinaryLinearSgdModelThatPredictsLikeTheFastPath() {
        LinearPurchaseModel m = (LinearPurchaseModel) Trainers.logisticRegression().train(MIXED);
        LinearSGDModel tribuo = m.tribuoModel();
        assertThat(tribuo.generatesProbabilities()).isTrue();
        assertThat(tribuo.getProvenance().getTrainerProvenance().getClassName())
                .isEqualTo(LbfgsLogisticTrainer.class.getName());
        FittedEncoding enc = FittedEncoding.fit(MIXED, dev.propensity.features.EncoderConfig.defaults());
        List<String> names = LinearPurchaseModel.inputNames(enc, m.gate());
        double[] fast = m.predict(MIXED);
        double[] x = new double[enc.width()];
        for (int row = 0; row < 200; row++) {
            enc.encodeRow(MIXED, row, x);
            double g = Gate.on(MIXED.value(row, m.gate())) ? 1 : 0;
            double[] values = new double[names.size()];
            for (int k = 0; k < x.length; k++) {
                values[k] = x[k];
                values[x.length + k] = g * x[k];
            }
            Prediction<Label> p = tribuo.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL,
                    names.toArray(new String[0]), values));
            assertThat(p.getOutputScores().get("true").getScore()).isCloseTo(fast[row], within(1e-9));
        }
    }

    @Test
    void weightsSurviveTheRoundTripThroughTribuo() {
        List<String> names = List.of("b", "a", "c=x");
        double[] w = {0.5, -1.25, 3.0};
        LinearSGDModel model = TribuoLinear.build(names, w, -0.75, provenance());
        TribuoLinear.Weights back = TribuoLinear.extract(model, names);
        assertThat(back.weights()).containsExactly(w);
        assertThat(back.intercept()).isEqualTo(-0.75);
    }

    @Test
    void lbfgsTrainerAlsoTrainsOnATribuoDataset() {
        LabelFactory f = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            boolean y = r.nextDouble() < 1 / (1 + Math.exp(-(2 * a - b)));
            examples.add(new ArrayExample<>(new Label(Boolean.toString(y)), new String[] {"a", "b"},
                    new double[] {a, b}));
        }
        MutableDataset<Label> data = new MutableDataset<>(examples, new SimpleDataSourceProvenance("test", f), f);
        LinearSGDModel m = new LbfgsLogisticTrainer(1e-4, 100, 1e-7, ClassWeighting.NONE, 1, 1).train(data);
        TribuoLinear.Weights w = TribuoLinear.extract(m, List.of("a", "b"));
        assertThat(w.weights()[0]).isCloseTo(2.0, within(0.3));
        assertThat(w.weights()[1]).isCloseTo(-1.0, within(0.3));
    }

    private static org.tribuo.provenance.ModelProvenance provenance() {
        LbfgsLogisticTrainer t = new LbfgsLogisticTrainer(0, 1, 1e-6, ClassWeighting.NONE, 1, 1);
        return new org.tribuo.provenance.ModelProvenance(LinearSGDModel.class.getName(),
                java.time.OffsetDateTime.now(), new LbfgsLogisticTrainer.ColumnsDatasetProvenance(
                new SimpleDataSourceProvenance("test", new LabelFactory()), 0, 3), t.getProvenance());
    }
}
