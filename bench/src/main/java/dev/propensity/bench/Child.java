package dev.propensity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measured side in a process of its own and collects what it reports: its {@code RESULT key=value}
 * lines, its whole standard output, and its wall time. Standard error goes to the suite's standard error.
 */
final class Child {
    private static final long TIMEOUT_MINUTES = 30;

    /** What a finished child reported. */
    static final class Outcome {
        final Map<String, String> results = new LinkedHashMap<>();
        final List<String> lines = new ArrayList<>();
        int exitCode;
        double wallSeconds;

        /** Whether the process ended normally. */
        boolean ok() {
            return exitCode == 0;
        }

        /** A reported figure as a number, or NaN when absent. */
        double number(String key) {
            String v = results.get(key);
            if (v == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** The whole standard output, one string. */
        String output() {
            return String.join("\n", lines);
        }
    }

    private Child() {
    }

    /**
     * Runs {@code mainClass} of this classpath in a new JVM.
     *
     * @param jvmOptions options such as {@code -Xmx512m}
     * @param mainClass  the class whose main runs
     * @param args       its arguments
     * @return what it reported
     */
    static Outcome java(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        return run(cmd);
    }

    /**
     * Runs a Python script with {@code /usr/bin/python3}; the wrapper adds a {@code RESULT rss=} line with the
     * process's peak resident set (from {@code getrusage}), so it compares with the JVMs' {@code VmHWM}.
     */
    static Outcome python(Path script, List<String> args) {
        String wrapper = "import resource, runpy, sys\n"
                + "sys.argv = sys.argv[1:]\n"
                + "runpy.run_path(sys.argv[0], run_name='__main__')\n"
                + "print('" + Probe.PREFIX + "rss=%d' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))\n";
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", wrapper, script.toString()));
        cmd.addAll(args);
        return run(cmd);
    }

    /** Runs a command and collects its output. */
    static Outcome run(List<String> cmd) {
        Outcome out = new Outcome();
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.lines.add(line);
                    if (line.startsWith(Probe.PREFIX)) {
                        String kv = line.substring(Probe.PREFIX.length());
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            out.results.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    } else {
                        System.err.println("    | " + line);
                    }
                }
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                out.exitCode = -1;
            } else {
                out.exitCode = p.exitValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.exitCode = -1;
        }
        out.wallSeconds = Probe.secondsSince(t0);
        return out;
    }
}
