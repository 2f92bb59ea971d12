package dev.propensity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a child process reports back: {@code RESULT key=value} lines on standard output, and its own peak memory.
 * Package-private helper of the benchmark mains.
 */
final class Probe {
    /** The prefix of every line the suite reads back from a child. */
    static final String PREFIX = "RESULT ";

    /** Held so that the logger, and its level, are not garbage collected. */
    private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");

    private Probe() {
    }

    /** Turns Tribuo's INFO logging (a line per thousand SGD steps) down to warnings. */
    static void quietTribuo() {
        TRIBUO.setLevel(java.util.logging.Level.WARNING);
    }

    /** Prints one figure for the suite to read. */
    static void emit(String key, Object value) {
        String v = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%.6g", ((Number) value).doubleValue())
                : String.valueOf(value);
        System.out.println(PREFIX + key + "=" + v);
        System.out.flush();
    }

    /**
     * The peak resident set size of this process in bytes ({@code VmHWM} of {@code /proc/self/status}), or -1
     * where that file does not exist.
     */
    static long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The sum of the peak usage of every heap pool (an upper bound of the peak live heap), in bytes. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Emits the peak RSS and peak heap as {@code rss} and {@code heap}, in bytes, and the process's CPU time so
     * far as {@code cpu_seconds}.
     */
    static void emitMemory() {
        emit("heap", peakHeapBytes());
        emit("rss", peakRssBytes());
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            emit("cpu_seconds", ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9);
        }
    }

    /** Seconds since {@code startNanos}. */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
