package dev.propensity.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the stacked trainer ({@link Trainers#stack(StackConfig)}): a logistic regression and XGBoost
 * trained on the same rows, whose probabilities are averaged with learned weights. The weights are learned on
 * out-of-fold predictions of the training rows only: the training rows are split into {@code innerFolds}
 * stratified folds, each member is trained on all but one fold and predicts that fold, and the weights (multiples
 * of {@code 1 / weightSteps} summing to 1) that give those predictions the highest ROC AUC are kept (ties go to
 * the first in grid order, which favours the first member); the members are then trained again on every training
 * row. Test rows never take part in choosing the weights. Above 200,000 training rows the inner cross-validation
 * runs on a stratified, seeded sample of 200,000 of them (the members are still trained on every row): at 2 million
 * sessions this spares most of the inner folds' training without changing what a 21-point weight grid can tell.
 *
 * @param logistic   the logistic member's settings
 * @param xgboost    the XGBoost member's settings
 * @param innerFolds the number of inner cross-validation folds that produce the meta model's training data,
 *                   {@code >= 2}
 * @param weightSteps the weight grid: weights are multiples of {@code 1 / weightSteps}, {@code >= 1}
 * @param seed       the seed of the inner folds; {@link #withSeed(long)} also seeds both members
 */
public record StackConfig(LogisticConfig logistic, XGBoostConfig xgboost, int innerFolds, int weightSteps,
                          long seed) {

    /** Validates; see the parameters. */
    public StackConfig {
        Objects.requireNonNull(logistic, "logistic");
        Objects.requireNonNull(xgboost, "xgboost");
        if (innerFolds < 2) {
            throw new IllegalArgumentException("innerFolds must be >= 2, was " + innerFolds);
        }
        if (weightSteps < 1 || weightSteps > 1000) {
            throw new IllegalArgumentException("weightSteps must be in [1, 1000], was " + weightSteps);
        }
    }

    /**
     * The members with their defaults ({@link LogisticConfig#defaults()}, {@link XGBoostConfig#defaults()}), 5
     * inner folds, weights in steps of 0.05, seed 42.
     */
    public static StackConfig defaults() {
        return new StackConfig(LogisticConfig.defaults(), XGBoostConfig.defaults(), 5, 20, 42L);
    }

    /** This configuration with other logistic member settings. */
    public StackConfig withLogistic(LogisticConfig c) {
        return new StackConfig(c, xgboost, innerFolds, weightSteps, seed);
    }

    /** This configuration with other XGBoost member settings. */
    public StackConfig withXGBoost(XGBoostConfig c) {
        return new StackConfig(logistic, c, innerFolds, weightSteps, seed);
    }

    /** This configuration with another number of inner folds. */
    public StackConfig withInnerFolds(int k) {
        return new StackConfig(logistic, xgboost, k, weightSteps, seed);
    }

    /** This configuration with another weight grid. */
    public StackConfig withWeightSteps(int n) {
        return new StackConfig(logistic, xgboost, innerFolds, n, seed);
    }

    /** This configuration with another seed, given to the inner folds and to both members. */
    public StackConfig withSeed(long s) {
        return new StackConfig(logistic.withSeed(s), xgboost.withSeed(s), innerFolds, weightSteps, s);
    }

    /** The settings by name, for model cards: the stack's own, then each member's prefixed by its name. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("members", "logistic,xgboost");
        m.put("innerFolds", Integer.toString(innerFolds));
        m.put("weightSteps", Integer.toString(weightSteps));
        m.put("seed", Long.toString(seed));
        logistic.describe().forEach((k, v) -> m.put("logistic." + k, v));
        xgboost.describe().forEach((k, v) -> m.put("xgboost." + k, v));
        return m;
    }
}
