/**
 * The logistic model's fitting, without Tribuo: {@link dev.propensity.model.linear.LogisticSolver} (Newton steps
 * with a subsampled Hessian, and L-BFGS as the reference, on {@code float} columns with an unmaterialised segment
 * gate), {@link dev.propensity.model.linear.DesignReduction} (zero and identical columns solved once, exactly) and
 * {@link dev.propensity.model.linear.Gate} (the segment gate's choice and indicator). Used by the trainers in
 * {@code dev.propensity.model.tribuo}; not a stable API.
 */
package dev.propensity.model.linear;
