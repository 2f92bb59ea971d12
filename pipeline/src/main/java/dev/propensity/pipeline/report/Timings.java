package dev.propensity.pipeline.report;

/**
 * Wall-clock seconds per phase of a run. Phases may overlap (see {@link Report#timingsNote()}): the final model
 * trains alongside the evaluation's folds, so {@code evaluate} includes it and {@code train} is its own time; when a
 * file is read straight into feature rows, reading and feature extraction are one step, timed under {@code read}.
 *
 * @param read     reading the input (simulating it, for simulated sessions), in seconds, &gt;= 0
 * @param features computing the feature rows, in seconds, &gt;= 0 (0 when fused into {@code read})
 * @param evaluate the evaluation protocol, the final model included, in seconds, &gt;= 0
 * @param train    the final model's own training time, in seconds, &gt;= 0 (0 without a model)
 * @param metrics  computing the figures (KPIs, breakdowns, importance, insights), in seconds, &gt;= 0
 * @param render   drawing the dashboard and its charts and writing them, in seconds, &gt;= 0 (0 until written)
 * @param write    writing the predictions and the model, in seconds, &gt;= 0 (0 until written)
 * @param total    the whole run, in seconds, &gt;= 0
 */
public record Timings(double read, double features, double evaluate, double train, double metrics, double render,
                      double write, double total) {

    /** Validates that every time is finite and not negative. */
    public Timings {
        check("read", read);
        check("features", features);
        check("evaluate", evaluate);
        check("train", train);
        check("metrics", metrics);
        check("render", render);
        check("write", write);
        check("total", total);
    }

    private static void check(String name, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(name + " seconds must be finite and >= 0, was " + seconds);
        }
    }

    /**
     * These timings once the outputs are written: the render and write phases set, and the total grown by them.
     *
     * @param renderSeconds the render phase, in seconds
     * @param writeSeconds  the write phase, in seconds
     * @return the completed timings
     */
    public Timings withOutputs(double renderSeconds, double writeSeconds) {
        return new Timings(read, features, evaluate, train, metrics, renderSeconds, writeSeconds,
                total + renderSeconds + writeSeconds);
    }
}
