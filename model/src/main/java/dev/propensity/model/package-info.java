/**
 * Purchase models in the project's own types: {@link dev.propensity.model.ModelTrainer} trains a
 * {@link dev.propensity.model.PurchaseModel} on a {@link dev.propensity.features.FeatureTable}; {@link
 * dev.propensity.model.Trainers} names the built-in trainers (logistic regression, XGBoost, random forest) and
 * holds a registry for users' own; {@link dev.propensity.model.PurchaseModels} loads saved models;
 * {@link dev.propensity.model.Evaluation} produces out-of-fold predictions under an
 * {@link dev.propensity.metrics.EvaluationProtocol}.
 *
 * <p>Tribuo is used only by the implementations in {@link dev.propensity.model.tribuo}. Tribuo logs at INFO on
 * every training run; the trainers here lower the {@code java.util.logging} logger {@code org.tribuo} to WARNING
 * unless it already has a level set. To see Tribuo's messages again, set that logger's level before training,
 * e.g. {@code java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.INFO)} (keep a
 * reference to the logger so it is not garbage collected), or {@code org.tribuo.level = INFO} in a logging
 * properties file.
 */
package dev.propensity.model;
