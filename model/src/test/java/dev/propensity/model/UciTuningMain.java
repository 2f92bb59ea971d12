package dev.propensity.model;

import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints pooled out-of-fold ROC AUC (stratified 10-fold CV, seed 42) on the UCI table for a grid of settings.
 * Not a test: {@code java -cp "$CP" dev.propensity.model.UciTuningMain [logistic|xgboost|random-forest]}.
 */
public final class UciTuningMain {
    private UciTuningMain() {
    }

    /**
     * Runs the grid.
     *
     * @param args which trainer family
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path csv = SharedData.find("uci/online_shoppers_intention.csv");
        FeatureTable t = SharedData.uci(csv);
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(10, 42);
        String which = args.length > 0 ? args[0] : "logistic";
        if (which.equals("default")) {
            run("logistic (defaults)", Trainers.logisticRegression(), t, cv);
            run("logistic (defaults, no gate)", Trainers.logisticRegression(LogisticConfig.defaults().withGate("")),
                    t, cv);
            run("logistic (defaults, 5 quantile bins)", Trainers.logisticRegression(LogisticConfig.defaults()
                    .withEncoder(EncoderConfig.defaults().withQuantileBins(5))), t, cv);
        } else if (which.equals("logistic")) {
            for (int bins : new int[] {0, 5, 10, 20}) {
                for (double l2 : new double[] {1e-5, 1e-4, 3e-4, 1e-3, 3e-3}) {
                    for (boolean log : new boolean[] {true}) {
                        LogisticConfig c = LogisticConfig.defaults().withL2(l2)
                                .withEncoder(EncoderConfig.defaults().withQuantileBins(bins).withLog1p(log));
                        run("logistic bins=" + bins + " l2=" + l2 + " log=" + log, Trainers.logisticRegression(c), t, cv);
                    }
                }
            }
        } else if (which.equals("xgboost")) {
            String[] grid = args.length > 1 ? args[1].split(";") : new String[] {"400,4,0.03,0.6"};
            for (String g : grid) {
                String[] v = g.split(",");
                XGBoostConfig c = XGBoostConfig.defaults().withRounds(Integer.parseInt(v[0]))
                        .withMaxDepth(Integer.parseInt(v[1])).withEta(Double.parseDouble(v[2]))
                        .withColumnSample(Double.parseDouble(v[3]));
                run("xgboost " + g, Trainers.xgboost(c), t, cv);
            }
        } else {
            run("random-forest default", Trainers.randomForest(TreeConfig.defaults()), t, cv);
        }
    }

    private static void run(String label, ModelTrainer trainer, FeatureTable t, EvaluationProtocol cv) {
        long t0 = System.nanoTime();
        Evaluation e = Evaluation.run(trainer, t, cv, false);
        System.out.printf(Locale.ROOT, "%-50s AUC=%.4f PR-AUC=%.4f logloss=%.4f (%.1fs)%n", label, e.rocAuc(),
                e.result().report().averagePrecision(), e.result().report().logLoss(), (System.nanoTime() - t0) / 1e9);
    }
}
