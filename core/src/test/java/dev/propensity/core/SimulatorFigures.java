package dev.propensity.core;

import java.util.List;

/**
 * Prints the simulator's calibration figures (conversion, events a session, pre-purchase logistic AUC) and its
 * generation speed. Not a test: run by hand with the test class path.
 */
public final class SimulatorFigures {
    private SimulatorFigures() {
    }

    /**
     * Prints the figures.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        for (SimulatorConfig cfg : new SimulatorConfig[] {SimulatorConfig.defaults(), SimulatorConfig.rees46()}) {
            int n = cfg.meanProductViews() > 10 ? 20_000 : 100_000;
            long t0 = System.nanoTime();
            List<Session> s = SyntheticSessions.generate(n, 42, cfg);
            double sec = (System.nanoTime() - t0) / 1e9;
            long events = s.stream().mapToLong(x -> x.events().size()).sum();
            double conv = s.stream().filter(Session::purchased).count() / (double) n;
            double single = s.stream().filter(x -> x.events().size() == 1).count() / (double) n;
            double[] durations = s.stream().mapToDouble(x -> x.duration().orElseThrow().getSeconds()).sorted().toArray();
            System.out.printf("%s: %d sessions, %d events (%.2f a session, %.0f%% single-event), conversion %.4f, "
                    + "median duration %.0f s, pre-purchase logistic holdout AUC %.3f, generate %.2f M events/s%n",
                    cfg.meanProductViews() > 10 ? "defaults" : "rees46", n, events, events / (double) n, single * 100,
                    conv, durations[n / 2], SyntheticSessionsTest.holdoutAuc(s), events / 1e6 / sec);
        }
    }
}
