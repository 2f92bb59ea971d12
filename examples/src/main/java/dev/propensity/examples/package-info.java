/**
 * The thin {@code propensity} command ({@link dev.propensity.examples.PropensityCommand}: picocli options parsed
 * once into the library's types, then the pipeline module's {@code DashboardPipeline} and {@code OutputWriter}),
 * and one example program per task: {@link dev.propensity.examples.QuickStart},
 * {@link dev.propensity.examples.UciDashboard}, {@link dev.propensity.examples.EventLogDashboard},
 * {@link dev.propensity.examples.CustomFeatureExtractor} and {@link dev.propensity.examples.CustomTrainer}. Not a
 * library: nothing depends on this package.
 */
package dev.propensity.examples;
