/**
 * Session domain types, readers for event and session formats, the streaming sessionizer and the seeded
 * clickstream simulator.
 *
 * <p>Data enters here as {@link dev.propensity.core.Event}s (from event logs) grouped into
 * {@link dev.propensity.core.Session}s, or as table sessions read directly from a session table; everything
 * downstream (features, model, metrics, viz) speaks these types.
 */
package dev.propensity.core;
