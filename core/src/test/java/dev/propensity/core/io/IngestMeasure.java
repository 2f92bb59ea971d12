package dev.propensity.core.io;

import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the simulator's REES46 writer and the REES46 read paths (raw visitor scan, events, sessions) on a
 * generated file, printing wall and CPU time. Not a test: run it by hand, for example
 * <pre>
 * java -Xmx256m -cp core/target/classes:core/target/test-classes:JACKSON_CORE_JAR \
 *     dev.propensity.core.io.IngestMeasure /tmp/sim-rees46-1g.csv 2750000 all 1
 * </pre>
 * Arguments: the file, the number of sessions to write, the phases ({@code all}, {@code write}, {@code read},
 * {@code scan}, {@code events}, {@code sessions}), the number of read rounds.
 */
public final class IngestMeasure {
    private IngestMeasure() {
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void print(String what, long t0, long c0, double mb, long events, String extra) {
        double s = (System.nanoTime() - t0) / 1e9;
        double c = (cpu() - c0) / 1e9;
        System.out.printf("%s: %.1f MB, %d events in %.2f s wall (%.0f MB/s, %.2f M events/s), %.2f s cpu "
                + "(%.0f MB/s)%s%n", what, mb, events, s, mb / s, events / 1e6 / s, c, mb / c, extra);
    }

    /**
     * Runs the measurement.
     *
     * @param args file, sessions, phases, rounds (see the class description)
     * @throws IOException when I/O fails
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/sim-rees46-1g.csv");
        long sessions = args.length > 1 ? Long.parseLong(args[1]) : 2_750_000L;
        String phases = args.length > 2 ? args[2] : "all";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        boolean all = phases.equals("all");
        boolean read = all || phases.equals("read");
        if (all || phases.equals("write")) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            SyntheticSessions.WriteSummary w = SyntheticSessions.writeRees46(file, sessions, 1,
                    SimulatorConfig.rees46());
            print("write", t0, c0, w.bytes() / 1e6, w.events(), ", " + w.sessions() + " sessions, "
                    + w.purchasedSessions() + " with a purchase");
        }
        double mb = Files.size(file) / 1e6;
        for (int round = 0; round < rounds; round++) {
            if (read || phases.equals("scan")) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                long[] rows = new long[1];
                try (Rees46Reader r = Rees46Reader.open(file, ReadOptions.defaults())) {
                    r.scan((row, ms, type, price) -> rows[0]++);
                }
                print("scan (visitor)", t0, c0, mb, rows[0], "");
            }
            if (read || phases.equals("events")) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                long events = 0;
                try (EventReader r = Inputs.events(file, InputFormat.REES46, ReadOptions.defaults())) {
                    while (r.next() != null) {
                        events++;
                    }
                }
                print("events", t0, c0, mb, events, "");
            }
            if (read || phases.equals("sessions")) {
                long t0 = System.nanoTime();
                long c0 = cpu();
                long n = 0;
                long buyers = 0;
                long events = 0;
                try (SessionReader r = Inputs.sessions(file, null, ReadOptions.defaults())) {
                    for (Session x = r.next(); x != null; x = r.next()) {
                        n++;
                        events += x.events().size();
                        buyers += x.purchased() ? 1 : 0;
                    }
                }
                Runtime rt = Runtime.getRuntime();
                print("sessions", t0, c0, mb, events, ", " + n + " sessions, " + buyers + " with a purchase; max heap "
                        + (rt.maxMemory() >> 20) + " MB");
            }
        }
    }
}
