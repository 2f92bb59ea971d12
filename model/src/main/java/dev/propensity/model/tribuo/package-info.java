/**
 * The Tribuo-backed trainers and models behind {@link dev.propensity.model.Trainers}: logistic regression whose
 * model is Tribuo's {@code LinearSGDModel} (fitted by {@link dev.propensity.model.tribuo.LbfgsLogisticTrainer} or by
 * Tribuo's own SGD trainer), XGBoost and random forests; and the model file format. The only package that
 * imports {@code org.tribuo}.
 */
package dev.propensity.model.tribuo;
