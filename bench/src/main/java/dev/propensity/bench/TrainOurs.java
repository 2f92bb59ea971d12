package dev.propensity.bench;

import java.io.IOException;
import java.nio.file.Path;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;

/**
 * Our side of the training benchmark, in a JVM of its own: {@link SyntheticLogistic} rows as a
 * {@link FeatureTable}, fitted with our logistic regression configured as the scikit-learn peer
 * ({@link OursApi#trainLogistic}) twice (the first fit in a fresh JVM, then again once the code is compiled), then
 * scored in one {@code predict(table)} call.
 *
 * <p>Arguments: {@code ROWS FEATURES DIR [TOL]} (DIR caches the rows NumPy writes; TOL the gradient tolerance,
 * default scikit-learn's 1e-4). Reports {@code fit_seconds}, {@code warm_fit_seconds}, {@code score_ns_per_row}, {@code auc},
 * {@code rss}, {@code heap}.
 */
public final class TrainOurs {
    private TrainOurs() {
    }

    /**
     * Builds, fits and scores.
     *
     * @param args {@code ROWS FEATURES DIR [TOL]}
     * @throws IOException when the cached rows cannot be read
     */
    public static void main(String[] args) throws IOException {
        Probe.quietTribuo();
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        FeatureTable table = OursApi.table(SyntheticLogistic.peerRowsOrGenerated(Path.of(args[2]), n, d));
        double tol = args.length > 3 ? Double.parseDouble(args[3]) : 1e-4;
        long t0 = System.nanoTime();
        PurchaseModel model = OursApi.trainLogistic(table, tol);
        double fit = Probe.secondsSince(t0);
        // again, now that the code is compiled: what each fit after the first costs (cross-validation, refits)
        long tw = System.nanoTime();
        model = OursApi.trainLogistic(table, tol);
        double warm = Probe.secondsSince(tw);
        long t1 = System.nanoTime();
        double[] p = model.predict(table);
        double score = Probe.secondsSince(t1);
        Probe.emit("fit_seconds", fit);
        Probe.emit("warm_fit_seconds", warm);
        Probe.emit("score_ns_per_row", score * 1e9 / n);
        Probe.emit("auc", SyntheticLogistic.auc(table.labels(), p));
        Probe.emitMemory();
    }
}
