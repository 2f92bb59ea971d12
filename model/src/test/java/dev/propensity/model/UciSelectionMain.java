package dev.propensity.model;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Model selection on the UCI table without touching the reported seed: pooled out-of-fold ROC AUC of stratified
 * 10-fold CV for each of the given CV seeds (default 1, 2, 3) and their mean. Not a test:
 * {@code java -cp "$CP" dev.propensity.model.UciSelectionMain xgboost|logistic|stack [seeds, e.g. 1,2,3]}.
 */
public final class UciSelectionMain {
    private UciSelectionMain() {
    }

    /**
     * Runs the selection.
     *
     * @param args the trainer name, then optionally comma-separated CV seeds
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path csv = SharedData.find("uci/online_shoppers_intention.csv");
        FeatureTable t = SharedData.uci(csv);
        String which = args.length > 0 ? args[0] : "stack";
        String[] seeds = (args.length > 1 ? args[1] : "1,2,3").split(",");
        double sum = 0;
        for (String s : seeds) {
            long seed = Long.parseLong(s.trim());
            long t0 = System.nanoTime();
            Evaluation e = Evaluation.run(Trainers.byName(which, seed), t, EvaluationProtocol.crossValidation(10, seed),
                    false);
            sum += e.rocAuc();
            System.out.printf(Locale.ROOT, "%s cv:10 seed %d: ROC AUC %.4f PR AUC %.4f (%.1f s) model %s%n", which,
                    seed, e.rocAuc(), e.result().report().averagePrecision(), (System.nanoTime() - t0) / 1e9,
                    e.model());
        }
        System.out.printf(Locale.ROOT, "%s mean over seeds %s: %.4f%n", which, String.join(",", seeds),
                sum / seeds.length);
    }
}
