package dev.propensity.core.io;

import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the simulator's write speed and the REES46 reader's speed (scan, events, sessions) on a generated
 * file. Not a test: run it by hand, for example
 * {@code java -Xmx256m -cp core/target/classes:core/target/test-classes:JACKSON dev.propensity.core.io.IngestMeasure
 * /tmp/sim-rees46.csv 2300000}.
 */
public final class IngestMeasure {
    private IngestMeasure() {
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Runs the measurement.
     *
     * @param args the file to write and read, the number of sessions (default 2,300,000, about 1 GB), and
     *             optionally {@code skip-write}
     * @throws IOException when I/O fails
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/sim-rees46.csv");
        long sessions = args.length > 1 ? Long.parseLong(args[1]) : 2_300_000L;
        String only = args.length > 2 ? args[2] : "all";
        boolean write = only.equals("all") || only.equals("write");
        if (write) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            SyntheticSessions.WriteSummary w = SyntheticSessions.writeRees46(file, sessions, 1,
                    SimulatorConfig.rees46());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  [cpu %.2f s]%n", (cpu() - c0) / 1e9);
            System.out.printf("write: %d sessions, %d events, %d buyers, %.1f MB in %.2f s = %.0f MB/s, %.2f M events/s%n",
                    w.sessions(), w.events(), w.purchasedSessions(), w.bytes() / 1e6, s, w.bytes() / 1e6 / s,
                    w.events() / 1e6 / s);
        }
        double mb = Files.size(file) / 1e6;
        if (only.equals("write")) {
            return;
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            double s;
            long[] rows = new long[1];
            if (!only.equals("all") && !only.equals("scan") && !only.equals("read")) {
                rows[0] = -1;
            } else {
            try (Rees46Reader r = Rees46Reader.open(file, ReadOptions.defaults())) {
                r.scan((row, ms, type, price) -> rows[0]++);
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  [cpu %.2f s]%n", (cpu() - c0) / 1e9);
            System.out.printf("scan (visitor): %d rows, %.1f MB in %.2f s = %.0f MB/s, %.2f M events/s%n", rows[0],
                    mb, s, mb / s, rows[0] / 1e6 / s);
            }
            if (only.equals("events") || only.equals("all") || only.equals("read")) {

            t0 = System.nanoTime();
            c0 = cpu();
            long events = 0;
            try (EventReader r = Inputs.events(file, InputFormat.REES46, ReadOptions.defaults())) {
                while (r.next() != null) {
                    events++;
                }
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  [cpu %.2f s]%n", (cpu() - c0) / 1e9);
            System.out.printf("events: %d events in %.2f s = %.0f MB/s, %.2f M events/s%n", events, s, mb / s,
                    events / 1e6 / s);
            }
            if (!only.equals("sessions") && !only.equals("all") && !only.equals("read")) {
                continue;
            }

            t0 = System.nanoTime();
            c0 = cpu();
            long n = 0;
            long buyers = 0;
            long ev = 0;
            try (SessionReader r = Inputs.sessions(file, null, ReadOptions.defaults())) {
                for (Session x = r.next(); x != null; x = r.next()) {
                    n++;
                    ev += x.events().size();
                    buyers += x.purchased() ? 1 : 0;
                }
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  [cpu %.2f s]%n", (cpu() - c0) / 1e9);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("sessions: %d sessions (%d buyers, %d events) in %.2f s = %.0f MB/s, %.2f M events/s;"
                    + " max heap %d MB, used now %d MB%n", n, buyers, ev, s, mb / s, ev / 1e6 / s,
                    rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}
