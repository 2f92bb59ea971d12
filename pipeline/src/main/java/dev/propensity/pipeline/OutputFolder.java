package dev.propensity.pipeline;

import dev.propensity.core.io.OutputRefusedException;
import dev.propensity.core.io.SafeOutput;
import dev.propensity.pipeline.report.OutputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of a dashboard output folder: which folder may be written (empty, marked as written by this program,
 * or holding only the names a run writes), that no symbolic link inside it is followed and no directory stands
 * where a file goes, that no output replaces an input, and that what an earlier run left and this run did not write
 * is removed.
 */
final class OutputFolder {
    /** The marker file that says a folder holds a run's outputs and may be replaced by the next run. */
    static final String MARKER = ".propensity-output";
    private static final String CHARTS_DIR = "charts";
    private static final Set<String> OWN_NAMES = Set.of(MARKER, OutputFiles.DASHBOARD_PNG,
            OutputFiles.DASHBOARD_HTML, CHARTS_DIR, OutputFiles.PREDICTIONS, OutputFiles.MODEL, OutputFiles.REPORT);

    private OutputFolder() {
    }

    /**
     * Checks an existing folder before a run writes into it.
     *
     * @param dir    the folder (it exists)
     * @param inputs the run's inputs, never to be replaced or removed
     * @throws OutputRefusedException when the folder is not this program's, or a symbolic link or a directory
     *                                stands where an output goes, or an output is an input
     * @throws IOException            when the folder cannot be listed
     */
    static void check(Path dir, Collection<Path> inputs) throws IOException {
        List<String> foreign = new ArrayList<>();
        boolean marked = Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!OWN_NAMES.contains(name) && !isOwnTemp(name)) {
                    foreign.add(name);
                }
            }
        }
        if (!marked && !foreign.isEmpty()) {
            throw new OutputRefusedException(dir, "is not empty and was not written by propensity (it holds "
                    + foreign.size() + " other entr" + (foreign.size() == 1 ? "y" : "ies") + ", such as '"
                    + foreign.get(0) + "'); give a new or empty folder");
        }
        for (String name : OWN_NAMES) {
            Path p = dir.resolve(name);
            if (Files.isSymbolicLink(p)) {
                throw new OutputRefusedException(p, "is a symbolic link; an output is never written through a link"
                        + " (remove it)");
            }
            boolean wantsDir = name.equals(CHARTS_DIR);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) != wantsDir) {
                throw new OutputRefusedException(p, wantsDir ? "is a file where the charts folder goes (remove it)"
                        : "is a directory where an output file goes (remove it)");
            }
            for (Path in : inputs) {
                if (!wantsDir) {
                    SafeOutput.check(p, in);
                } else if (in.toAbsolutePath().normalize().startsWith(p.toAbsolutePath().normalize())) {
                    throw new OutputRefusedException(p, "holds the input " + in + "; refusing to replace it");
                }
            }
        }
        Path charts = dir.resolve(CHARTS_DIR);
        if (Files.isDirectory(charts, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(charts)) {
                for (Path e : entries) {
                    if (Files.isSymbolicLink(e) || Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                        throw new OutputRefusedException(e, "is a " + (Files.isSymbolicLink(e) ? "symbolic link"
                                : "directory") + " in the charts folder; outputs are never written through links"
                                + " or over folders (remove it)");
                    }
                }
            }
        }
    }

    /** Marks a folder as holding a run's outputs. */
    static void mark(Path dir) throws IOException {
        SafeOutput.write(dir.resolve(MARKER), ("This folder holds the outputs of 'propensity dashboard'. The next run "
                + "into it replaces them and removes what it did not write.\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes what an earlier run left that this run did not write: the model file when there is no model now, and
     * chart files of charts this run did not draw. Links are removed, never followed.
     *
     * @param dir     the folder
     * @param written every path this run wrote
     * @return the paths removed
     * @throws IOException when a file cannot be removed
     */
    static List<Path> removeStale(Path dir, Collection<Path> written) throws IOException {
        Set<Path> keep = new HashSet<>();
        for (Path p : written) {
            keep.add(p.toAbsolutePath().normalize());
        }
        List<Path> removed = new ArrayList<>();
        for (String name : OWN_NAMES) {
            Path p = dir.resolve(name);
            if (!name.equals(CHARTS_DIR) && !name.equals(MARKER) && !keep.contains(p.toAbsolutePath().normalize())
                    && Files.deleteIfExists(p)) {
                removed.add(p);
            }
        }
        Path charts = dir.resolve(CHARTS_DIR);
        if (Files.isDirectory(charts, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> stale = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(charts)) {
                for (Path e : entries) {
                    String n = e.getFileName().toString().toLowerCase(Locale.ROOT);
                    boolean chartFile = n.endsWith(".svg") || n.endsWith(".png") || isOwnTemp(n);
                    if (chartFile && !keep.contains(e.toAbsolutePath().normalize())) {
                        stale.add(e);
                    }
                }
            }
            for (Path e : stale) {
                if (Files.deleteIfExists(e)) {
                    removed.add(e);
                }
            }
        }
        return removed;
    }

    /** A temporary file of {@link SafeOutput} left by a run that was killed. */
    private static boolean isOwnTemp(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }
}
