package dev.propensity.features;

import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures streaming a file into feature rows (not a test; run by hand):
 * {@code java -Xmx300m -cp ... dev.propensity.features.FeatureThroughput FILE [read|csv|table] [CUTOFF] [OUT]}.
 * {@code read} only reads sessions (the floor); {@code csv} streams rows to OUT (default: discarded) without a table; {@code table} builds the table.
 * {@code -Dprefetch=true} reads on a background thread. Prints bytes, seconds, MB/s, sessions/s, peak heap used and peak RSS.
 */
public final class FeatureThroughput {
    private FeatureThroughput() {
    }

    /**
     * Runs the measurement.
     *
     * @param args FILE [read|csv|table] [CUTOFF] [OUT]
     * @throws IOException when reading fails
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "csv";
        Cutoff cutoff = Cutoffs.parse(args.length > 2 ? args[2] : "before-purchase");
        long bytes = Files.size(file);
        long t0 = System.nanoTime();
        BuildReport report;
        String extra = "";
        try (SessionReader in = Inputs.sessions(file, null, ReadOptions.defaults())) {
            FeatureTables.Builder b = FeatureTables.builder().cutoff(cutoff)
                    .prefetch(Boolean.getBoolean("prefetch"));
            if (mode.equals("read")) {
                FeatureTables.Counts c = new FeatureTables.Counts();
                for (dev.propensity.core.Session x = in.next(); x != null; x = in.next()) {
                    c.sessionsIn++;
                    c.rows++;
                    c.eventsIn += x.events().size();
                }
                report = c.report(cutoff, java.util.List.of(), t0);
            } else if (mode.equals("table")) {
                FeatureTables.Result r = b.buildWithReport(in.stream().iterator());
                report = r.report();
                FeatureTable t = r.table();
                System.gc();
                long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                extra = String.format("%ntable: %d rows x %d features; heap used after GC with the table %.1f MB"
                        + " = %.0f bytes per row (%.1f per value)", t.rows(), t.columnCount(), used / 1e6,
                        (double) used / t.rows(), (double) used / t.rows() / t.columnCount());
            } else {
                try (OutputStream out = args.length > 3 ? Files.newOutputStream(Path.of(args[3]))
                        : OutputStream.nullOutputStream()) {
                    report = FeatureCsv.stream(in.stream().iterator(), b, out);
                }
            }
            extra += "\nread report: " + in.report();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                peakHeap += p.getPeakUsage().getUsed();
            }
        }
        String rss = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                rss = line.replaceAll("\\s+", " ");
            }
        }
        System.out.printf("%s%s %s cutoff=%s: %.1f MB in %.2f s = %.1f MB/s; %d sessions = %.0f sessions/s; rows %d;"
                        + " main thread CPU %.2f s = %.1f MB/CPU-s, %.0f sessions/CPU-s; max heap %d MB, peak heap used (sum of pool peaks) %.0f MB; %s%n%s%s%n",
                mode, Boolean.getBoolean("prefetch") ? " (prefetch)" : "", file, cutoff.name(), bytes / 1e6, s, bytes / 1e6 / s, report.sessionsIn(),
                report.sessionsIn() / s, report.rows(), cpu, bytes / 1e6 / cpu, report.sessionsIn() / cpu, Runtime.getRuntime().maxMemory() >> 20, peakHeap / 1e6, rss,
                report, extra);
    }
}
