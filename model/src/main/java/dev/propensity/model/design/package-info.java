/**
 * Training tables turned into model inputs: {@link dev.propensity.model.design.TrainingData} checks the labels and
 * encodes the rows (a fold's rows in place) into {@code float} or {@code double} columns, refusing non-finite
 * values with the feature, the row and the raw value. Used by the trainers; not a stable API.
 */
package dev.propensity.model.design;
