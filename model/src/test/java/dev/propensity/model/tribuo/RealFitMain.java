package dev.propensity.model.tribuo;

import dev.propensity.model.linear.LogisticSolver;
import dev.propensity.model.linear.Gate;
import dev.propensity.model.design.TrainingData;
import dev.propensity.core.Workers;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.features.FittedEncoding;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Splits;
import dev.propensity.model.LogisticConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures the logistic fit on a real REES46-format file's feature table, holdout 0.2 (seed 42): the phases of one
 * fit, the held-out AUC, and the loss gap to a tightly converged L-BFGS reference fit. Not a test. Arguments: the
 * events file, then {@code newton}, {@code lbfgs} or {@code both}.
 */
public final class RealFitMain {
    private RealFitMain() {
    }

    /**
     * Writes the encoded, gated design of the training and held-out rows for a peer: {@code train_X.f32} and
     * {@code test_X.f32} (row-major float32, little-endian, every input then every gated copy), {@code train_y.u8},
     * {@code test_y.u8}, and {@code shape.txt} (rows, columns, l2).
     */
    private static void export(FeatureTable train, FeatureTable held, Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        LogisticConfig config = LogisticConfig.defaults();
        FittedEncoding enc = FittedEncoding.fit(train, config.encoder());
        String gate = Gate.choose(config.gate(), train);
        int gtrain = writeDesign(enc, gate, train, dir.resolve("train_X.f32"), dir.resolve("train_y.u8"));
        writeDesign(enc, gate, held, dir.resolve("test_X.f32"), dir.resolve("test_y.u8"));
        java.nio.file.Files.writeString(dir.resolve("shape.txt"), train.rows() + " " + gtrain + " " + config.l2()
                + " " + held.rows() + "\n");
        System.out.println("exported " + train.rows() + " x " + gtrain + " (gate " + gate + ") to " + dir);
    }

    private static int writeDesign(FittedEncoding enc, String gate, FeatureTable t, Path xFile, Path yFile)
            throws java.io.IOException {
        float[][] cols = TrainingData.encodeDesign(enc, t, "export", Workers.defaults()).toDense();
        double[] g = gate == null ? null : t.columnArray(t.schema().indexOf(gate));
        int d = cols.length;
        int p = g == null ? d : 2 * d;
        java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(4 * p).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(xFile), 1 << 20)) {
            for (int i = 0; i < t.rows(); i++) {
                row.clear();
                boolean on = g != null && Gate.on(g[i]);
                for (int j = 0; j < d; j++) {
                    row.putFloat(cols[j][i]);
                }
                if (g != null) {
                    for (int j = 0; j < d; j++) {
                        row.putFloat(on ? cols[j][i] : 0f);
                    }
                }
                out.write(row.array());
            }
        }
        byte[] y = new byte[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (byte) (t.label(i) ? 1 : 0);
        }
        java.nio.file.Files.write(yFile, y);
        return p;
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * Runs the measurement.
     *
     * @param args the events file and the optimiser
     * @throws Exception when reading fails
     */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        FeatureTable all = FeatureTables.builder().build(Path.of(args[0]), InputFormat.REES46, ReadOptions.defaults())
                .table();
        System.out.printf(Locale.ROOT, "table %d rows x %d columns in %.2fs%n", all.rows(), all.columnCount(),
                (System.nanoTime() - t0) / 1e9);
        int[] assignment = Splits.assign(EvaluationProtocol.holdout(0.2, 42), all.facts());
        int[] test = Splits.testRows(assignment, Splits.folds(assignment)[0]);
        int[] trainRows = Splits.trainRows(assignment, Splits.folds(assignment)[0]);
        FeatureTable train = all.select(trainRows);
        FeatureTable held = all.select(test);
        String mode = args.length > 1 ? args[1] : "both";
        if (mode.equals("export")) {
            export(train, held, Path.of(args[2]));
            return;
        }
        LogisticConfig config = LogisticConfig.defaults();
        Workers workers = Workers.defaults();
        for (int rep = 0; rep < 2; rep++) {
            double ca = cpu();
            long a = System.nanoTime();
            FittedEncoding enc = FittedEncoding.fit(train, config.encoder());
            long b = System.nanoTime();
            dev.propensity.model.design.Design cols = TrainingData.encodeDesign(enc, train, "bench", workers);
            long c = System.nanoTime();
            String gate = Gate.choose(config.gate(), train);
            float[] mask = null;
            if (gate != null) {
                double[] g = train.columnArray(train.schema().indexOf(gate));
                mask = new float[g.length];
                for (int i = 0; i < g.length; i++) {
                    mask[i] = Gate.on(g[i]) ? 1f : 0f;
                }
            }
            long d = System.nanoTime();
            System.out.printf(Locale.ROOT, "cpu %.2fs: fit encoding %.2fs, encode %.2fs (%d inputs), gate %s %.2fs%n",
                    cpu() - ca, (b - a) / 1e9, (c - b) / 1e9, cols.width(), gate, (d - c) / 1e9);
            LogisticSolver solver = new LogisticSolver(cols, mask, train.labels(), null, 1, 1, config.l2(), null, workers);
            if (!mode.equals("lbfgs")) {
                double ce = cpu();
                long e = System.nanoTime();
                LogisticSolver.Solution s = solver.solve(config.maxIterations(), config.tolerance(), config.seed());
                System.out.printf(Locale.ROOT, "newton: cpu %.2fs, wall %.2fs, %d iterations, %d passes, objective %.10f, converged %s%n",
                        cpu() - ce, (System.nanoTime() - e) / 1e9, s.iterations(), s.evaluations(), s.objective(),
                        s.converged());
            }
            if (!mode.equals("newton")) {
                long e = System.nanoTime();
                LogisticSolver.Solution s = solver.solveLbfgs(config.maxIterations(), config.tolerance(), config.seed());
                System.out.printf(Locale.ROOT, "lbfgs: %.2fs, %d iterations, %d passes, objective %.10f, converged %s%n",
                        (System.nanoTime() - e) / 1e9, s.iterations(), s.evaluations(), s.objective(), s.converged());
            }
            if (rep == 0) {
                LogisticSolver.Solution ref = solver.solveLbfgs(5000, 1e-9, 1);
                LogisticSolver.Solution ours = solver.solve(config.maxIterations(), config.tolerance(), config.seed());
                System.out.printf(Locale.ROOT, "reference (lbfgs, tol 1e-9): objective %.12f, %d iterations, converged %s%n",
                        ref.objective(), ref.iterations(), ref.converged());
                System.out.printf(Locale.ROOT, "loss gap (default Newton fit minus reference): %.3g (relative %.3g)%n",
                        ours.objective() - ref.objective(), (ours.objective() - ref.objective()) / ref.objective());
            }
        }
        long f = System.nanoTime();
        var model = new LogisticTrainer(config).train(train);
        long g = System.nanoTime();
        double auc = ClassificationMetrics.rocAuc(held.labels(), model.predict(held));
        System.out.printf(Locale.ROOT, "whole train %.2fs, held-out AUC %.4f, %s%n", (g - f) / 1e9, auc,
                model.card().config());
    }
}
