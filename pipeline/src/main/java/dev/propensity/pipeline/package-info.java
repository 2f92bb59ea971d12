/**
 * The dashboard pipeline as a library: read, features, evaluation, figures, report, and the files of a run.
 *
 * <ul>
 *   <li>{@link dev.propensity.pipeline.InputSource}: what to read (a file in a known format, a feature CSV,
 *       simulated sessions);</li>
 *   <li>{@link dev.propensity.pipeline.DashboardPipeline}: the run, with typed settings (cutoff, evaluation
 *       protocol, trainer factory, seed, read options, workers) and injected
 *       {@link dev.propensity.pipeline.Progress} and {@link dev.propensity.pipeline.Warnings};</li>
 *   <li>{@link dev.propensity.pipeline.DashboardResult}: what a run produced, for every front end to render: the
 *       typed, versioned {@link dev.propensity.pipeline.report.Report}, the
 *       {@link dev.propensity.pipeline.Figures}, the {@link dev.propensity.pipeline.Predictions} and the
 *       model;</li>
 *   <li>the steps, usable on their own: {@link dev.propensity.pipeline.FeatureInputs} (read and features),
 *       {@link dev.propensity.pipeline.SmallData} (the fold policy on small data),
 *       {@link dev.propensity.pipeline.PermutationBudget}, {@link dev.propensity.pipeline.Figures#of},
 *       {@link dev.propensity.pipeline.Dashboards} (render);</li>
 *   <li>{@link dev.propensity.pipeline.OutputWriter}: the one writer of a run's files.</li>
 * </ul>
 *
 * The library writes nothing to the console and starts no threads of its own: parallel work runs on the
 * {@link dev.propensity.core.Workers} it is given.
 */
package dev.propensity.pipeline;
