package dev.propensity.model.tribuo;

import dev.propensity.model.linear.LogisticSolver;
import dev.propensity.model.design.TrainingData;
import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Measures logistic regression on the peer's synthetic shape (2M x 20 in the issue): fit time (whole
 * {@code train} call, and its phases), AUC, scoring speed and peak heap. Not a test. Run from the repository root
 * after {@code mvn -pl model -am test-compile}, with the test classpath in {@code CP}:
 * <pre>
 * java -Xmx1g -cp "$CP" dev.propensity.model.tribuo.LogisticBenchMain 2000000 20 lbfgs 3
 * </pre>
 * Arguments: rows, features, optimiser ({@code lbfgs} or {@code tribuo-sgd}), repetitions.
 */
public final class LogisticBenchMain {
    private LogisticBenchMain() {
    }

    /**
     * Runs the measurement.
     *
     * @param args rows, features, optimiser, repetitions
     */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        String optimiser = args.length > 2 ? args[2] : "lbfgs";
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        FeatureTable table = SyntheticTables.gaussian(n, d, 7);
        long afterData = usedHeap();
        LogisticConfig config = LogisticConfig.defaults()
                .withOptimiser(LogisticConfig.Optimiser.parse(optimiser))
                .withEncoder(EncoderConfig.defaults());
        ModelTrainer trainer = Trainers.logisticRegression(config);
        PurchaseModel model = null;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            model = trainer.train(table);
            double fit = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            double[] p = model.predict(table);
            double batch = (System.nanoTime() - t1) / 1e9;
            double auc = ClassificationMetrics.rocAuc(table.labels(), p);
            System.out.printf(Locale.ROOT, "%s n=%d d=%d train=%.2fs batch_score=%.3fs (%.0f ns/session) auc=%.4f%n",
                    optimiser, n, d, fit, batch, batch / n * 1e9, auc);
            if (config.optimiser() != LogisticConfig.Optimiser.TRIBUO_SGD) {
                phases(table, config);
            }
        }
        double[] row = table.row(0);
        double sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += model.probability(row);
        }
        int single = 2_000_000;
        long t2 = System.nanoTime();
        for (int i = 0; i < single; i++) {
            row[0] = i * 1e-7;
            sink += model.probability(row);
        }
        double per = (System.nanoTime() - t2) / 1e3 / single;
        System.out.printf(Locale.ROOT, "single_score=%.3f us (sink %.1f)%n", per, sink);
        System.out.printf(Locale.ROOT, "heap: data %.0f MB, peak (sum of pool peaks) %.0f MB, max %.0f MB%n",
                afterData / 1e6, peakHeap() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static void phases(FeatureTable table, LogisticConfig config) {
        long t0 = System.nanoTime();
        FittedEncoding enc = FittedEncoding.fit(table, config.encoder());
        long t1 = System.nanoTime();
        float[][] cols = TrainingData.encodeDesign(enc, table, "bench", dev.propensity.core.Workers.defaults()).toDense();
        long t2 = System.nanoTime();
        boolean[] labels = table.labels();
        LogisticSolver.Solution s = new LogisticSolver(cols, labels, 1, 1, config.l2(), dev.propensity.core.Workers.defaults())
                .solve(config.maxIterations(), config.tolerance(), config.seed());
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "  phases: fit encoding %.3fs, encode %.3fs, solve %.3fs (%d iterations, %d"
                        + " evaluations, converged %s)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                s.iterations(), s.evaluations(), s.converged());
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
