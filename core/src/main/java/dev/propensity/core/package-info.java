/**
 * Session domain types, the streaming sessionizer and the seeded clickstream simulator; readers for each input
 * format live in {@link dev.propensity.core.io}.
 *
 * <p>Data enters here as {@link dev.propensity.core.Event}s (from event logs) grouped into
 * {@link dev.propensity.core.Session}s by a {@link dev.propensity.core.Sessionizer}, or as table sessions read
 * directly from a session table; everything downstream (features, model, metrics, viz) speaks these types.
 *
 * <ul>
 *   <li>{@link dev.propensity.core.Sessionizer}: {@code bySessionId()} (the default) or
 *       {@code byInactivity(gap)}, streaming, with an out-of-order tolerance and a late-event policy;</li>
 *   <li>{@link dev.propensity.core.SyntheticSessions} and {@link dev.propensity.core.SimulatorConfig}: seeded
 *       sessions ({@code generate(n, seed)}, {@code stream(...)}) and streaming writers of REES46-format and
 *       generic events CSV, calibrated to the UCI and REES46 data;</li>
 *   <li>{@link dev.propensity.core.SessionFacts}: columnar per-session facts for breakdowns.</li>
 * </ul>
 */
package dev.propensity.core;
