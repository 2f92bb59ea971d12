package dev.propensity.pipeline;

import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Splits;
import dev.propensity.model.Evaluation;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import java.util.Arrays;

/**
 * Evaluates a trainer trained on prefix rows ({@link PrefixRows}) with folds split by session: all rows of one
 * session are in the fold of its session row, so no session is trained on and tested in the same fold. Each fold's
 * model scores the fold's sessions on their whole-session rows (every event before the first purchase), so the
 * figures compare with whole-session training's; the final model trains on every prefix row.
 */
final class PrefixEvaluation {
    private PrefixEvaluation() {
    }

    static Evaluation run(ModelTrainer trainer, FeatureTable sessions, FeatureTable prefixes,
                          EvaluationProtocol protocol) {
        int[] assignment = Splits.assign(protocol, sessions.facts());
        int[] rowFolds = PrefixRows.foldsBySession(prefixes, sessions, assignment);
        int[] testFolds = Splits.folds(assignment);
        double[] probabilities = new double[sessions.rows()];
        Arrays.fill(probabilities, Double.NaN);
        double[] seconds = new double[testFolds.length];
        for (int f = 0; f < testFolds.length; f++) {
            long t0 = System.nanoTime();
            PurchaseModel m;
            try {
                m = trainer.train(prefixes.select(Splits.trainRows(rowFolds, testFolds[f])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + testFolds[f] + " of " + protocol.describe()
                        + " (prefix rows): " + e.getMessage(), e);
            }
            int[] test = Splits.testRows(assignment, testFolds[f]);
            double[] p = m.predict(sessions.select(test));
            for (int i = 0; i < test.length; i++) {
                probabilities[test[i]] = p[i];
            }
            seconds[f] = (System.nanoTime() - t0) / 1e9;
        }
        PurchaseModel model = trainer.train(prefixes);
        EvaluationResult result = EvaluationResult.of(protocol, sessions.labels(), probabilities, assignment, 0.5);
        return new Evaluation(probabilities, assignment, result, model, seconds);
    }
}
