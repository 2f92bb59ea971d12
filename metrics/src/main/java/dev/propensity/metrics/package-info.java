/**
 * Everything computed from labels, scores and session facts: classification metrics and curves, business KPIs,
 * breakdowns with Wilson intervals, the funnel, feature importance, evaluation protocols and insights. No model
 * is needed.
 */
package dev.propensity.metrics;
