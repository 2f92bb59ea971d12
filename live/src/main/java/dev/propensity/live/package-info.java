/**
 * Live scoring: {@link dev.propensity.live.LiveScorer} takes events as they arrive and returns each open session's
 * current purchase probability ({@link dev.propensity.live.LiveScore}) with its top
 * {@link dev.propensity.live.Driver}s, computed by the same feature extractors as the batch path, with bounded
 * memory ({@link dev.propensity.live.LiveStats}).
 */
package dev.propensity.live;
