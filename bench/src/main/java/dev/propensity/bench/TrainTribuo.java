package dev.propensity.bench;

import java.io.IOException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Tribuo-as-shipped side of the training benchmark, in a JVM of its own: the rows of
 * {@link SyntheticLogistic} as a {@code MutableDataset} of {@code ArrayExample}s, fitted with
 * {@code LogisticRegressionTrainer}'s defaults (AdaGrad, 5 epochs, minibatch 1), then scored in one
 * {@code predict(List)} call.
 *
 * <p>Arguments: {@code ROWS FEATURES DIR} (DIR caches the rows NumPy writes). Reports {@code build_seconds}, {@code fit_seconds},
 * {@code score_ns_per_row}, {@code auc}, {@code rss}, {@code heap}.
 */
public final class TrainTribuo {
    private TrainTribuo() {
    }

    /**
     * Builds, fits and scores.
     *
     * @param args {@code ROWS FEATURES DIR} (DIR caches the rows NumPy writes)
     * @throws IOException when the cached rows cannot be read
     */
    public static void main(String[] args) throws IOException {
        Probe.quietTribuo();
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        SyntheticLogistic data = SyntheticLogistic.peerRowsOrGenerated(Path.of(args[2]), n, d);
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = SyntheticLogistic.name(j);
        }
        LabelFactory factory = new LabelFactory();
        Label yes = new Label("1");
        Label no = new Label("0");

        long t0 = System.nanoTime();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("synthetic", factory), factory);
        double[] values = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                values[j] = data.columns[j][i];
            }
            dataset.add(new ArrayExample<>(data.labels[i] ? yes : no, names, values));
        }
        double build = Probe.secondsSince(t0);

        long t1 = System.nanoTime();
        Model<Label> model = new LogisticRegressionTrainer().train(dataset);
        double fit = Probe.secondsSince(t1);

        List<Example<Label>> examples = new ArrayList<>(n);
        for (Example<Label> e : dataset) {
            examples.add(e);
        }
        long t2 = System.nanoTime();
        List<Prediction<Label>> predictions = model.predict(examples);
        double score = Probe.secondsSince(t2);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = predictions.get(i).getOutputScores().get("1").getScore();
        }
        Probe.emit("build_seconds", build);
        Probe.emit("fit_seconds", fit);
        Probe.emit("score_ns_per_row", score * 1e9 / n);
        Probe.emit("auc", SyntheticLogistic.auc(data.labels, p));
        Probe.emitMemory();
    }
}
