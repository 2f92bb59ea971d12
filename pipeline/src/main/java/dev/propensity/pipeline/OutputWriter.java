package dev.propensity.pipeline;

import dev.propensity.model.PurchaseModel;
import dev.propensity.pipeline.report.OutputFiles;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import dev.propensity.viz.Dashboard;
import dev.propensity.core.Workers;
import dev.propensity.core.io.SafeOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a dashboard run's files into one folder: {@code dashboard.png}, {@code dashboard.html},
 * {@code charts/NAME.svg} and {@code charts/NAME.png}, {@code predictions.csv}, {@code model.propensity} (when
 * there is a model) and, last, {@code report.json} with the render and write timings filled in. Every file of a
 * run is written here and nowhere else: each one atomically (a temporary file in the folder, then a rename), never
 * through a symbolic link, never over an input; what an earlier run left and this run did not write is removed,
 * and a non-empty folder that another program made is refused ({@link OutputFolder}).
 *
 * <pre>{@code
 * OutputWriter out = OutputWriter.into(Path.of("out"));   // checks the location first, creates nothing
 * OutputWriter.Written w = out.write(pipeline.run());
 * }</pre>
 */
public final class OutputWriter {
    private final Path dir;
    private final List<Path> inputs;
    private final Workers workers;

    private OutputWriter(Path dir, List<Path> inputs, Workers workers) {
        this.dir = dir;
        this.inputs = inputs;
        this.workers = workers;
    }

    /**
     * This writer with the predictions' text formatted on other workers (default {@link Workers#defaults()}): the
     * same files.
     *
     * @param value the workers
     * @return a new writer into the same folder
     */
    public OutputWriter workers(Workers value) {
        return new OutputWriter(dir, inputs, Objects.requireNonNull(value, "workers"));
    }

    /**
     * A writer into a folder, checked now so that a wrong location is refused before any work: nothing is
     * created until {@link #write}.
     *
     * @param dir the folder (created, with its parents, when written)
     * @return the writer
     * @throws OutputLocationException when a file stands where the folder or one of its parents must go
     */
    public static OutputWriter into(Path dir) {
        return into(dir, new Path[0]);
    }

    /**
     * A writer into a folder that must not replace the run's inputs, checked now so that a wrong location is
     * refused before any work: nothing is created until {@link #write}. An existing folder must be empty, or hold
     * an earlier run's outputs (marked with {@value OutputFolder#MARKER}, or only the names a run writes); no
     * symbolic link or directory may stand where an output goes.
     *
     * @param dir    the folder (created, with its parents, when written)
     * @param inputs the run's input files ({@code null} entries ignored)
     * @return the writer
     * @throws OutputLocationException when a file stands where the folder or one of its parents must go
     * @throws dev.propensity.core.io.OutputRefusedException when the folder is another program's, or an output
     *                                 would go through a link, over a directory or over an input
     */
    public static OutputWriter into(Path dir, Path... inputs) {
        List<Path> in = new ArrayList<>();
        for (Path p : inputs) {
            if (p != null) {
                in.add(p);
            }
        }
        OutputWriter w = new OutputWriter(checkDirectory(dir), List.copyOf(in), Workers.defaults());
        w.checkExisting();
        return w;
    }

    /** Checks an existing folder's contents (a missing one is made by the write). */
    private void checkExisting() {
        if (Files.isDirectory(dir)) {
            try {
                OutputFolder.check(dir, inputs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Checks that a folder can be made at this path, without creating anything.
     *
     * @param dir the folder
     * @return the folder
     * @throws OutputLocationException when a file stands where the folder or one of its parents must go
     */
    public static Path checkDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        check(dir.toAbsolutePath(), dir);
        return dir;
    }

    /**
     * Checks the path, then makes the folder and its parents.
     *
     * @param dir the folder
     * @return the folder
     * @throws OutputLocationException when a file stands where the folder or one of its parents must go
     * @throws IOException             when the folders cannot be made
     */
    public static Path createDirectory(Path dir) throws IOException {
        checkDirectory(dir);
        create(dir.toAbsolutePath(), dir);
        return dir;
    }

    /**
     * Checks that the folders a file goes in can be made, without creating anything (for commands that write one
     * file; whether the file itself may be replaced is theirs to decide).
     *
     * @param file the file to be written
     * @return the file
     * @throws OutputLocationException naming the file, when a file stands where one of its folders must go
     */
    public static Path checkParents(Path file) {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            check(parent, file);
        }
        return file;
    }

    /**
     * Checks the path, then makes the folders a file goes in.
     *
     * @param file the file to be written
     * @return the file
     * @throws OutputLocationException naming the file, when a file stands where one of its folders must go
     * @throws IOException             when the folders cannot be made
     */
    public static Path createParents(Path file) throws IOException {
        checkParents(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            create(parent, file);
        }
        return file;
    }

    /** Refuses a file at {@code dir} or any of its parents, naming {@code given}. */
    private static void check(Path dir, Path given) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new OutputLocationException(given, p);
            }
        }
    }

    private static void create(Path dir, Path given) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) { // a file appeared there after the check
            throw new OutputLocationException(given, Path.of(e.getFile()));
        }
    }

    /** The folder written into. */
    public Path dir() {
        return dir;
    }

    /**
     * What was written: the report as written (its timings complete) and the paths.
     *
     * @param report         the report written to {@code report.json}
     * @param dir            the folder
     * @param dashboardPng   the composed image
     * @param dashboardHtml  the self-contained page
     * @param chartsDir      the folder of chart files
     * @param reportJson     the report file
     * @param predictionsCsv the predictions file
     * @param modelFile      the saved model, or {@code null} when the run has no model
     */
    public record Written(Report report, Path dir, Path dashboardPng, Path dashboardHtml, Path chartsDir,
                          Path reportJson, Path predictionsCsv, Path modelFile) {
        /** Validates. */
        public Written {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(dir, "dir");
        }

        /** Whether a model file was written. */
        public boolean hasModel() {
            return modelFile != null;
        }
    }

    /**
     * Writes every file of a result, showing no progress.
     *
     * @param result the run's result
     * @return what was written
     * @throws IOException when a file cannot be written
     */
    public Written write(DashboardResult result) throws IOException {
        return write(result, Progress.none());
    }

    /**
     * Writes every file of a result: the dashboard (phase {@code render}), the predictions and the model (phase
     * {@code write}), then the report with the times of both phases.
     *
     * @param result   the run's result
     * @param progress where the phases are shown
     * @return what was written
     * @throws IOException             when a file cannot be written
     * @throws OutputLocationException when a file stands where the folder must go
     */
    public Written write(DashboardResult result, Progress progress) throws IOException {
        Objects.requireNonNull(result, "result");
        PhaseClock clock = new PhaseClock(progress);
        createDirectory(dir);
        OutputFolder.check(dir, inputs); // again: the folder may have changed while the pipeline ran
        OutputFolder.mark(dir);
        List<Path> written = new ArrayList<>();

        clock.start("render");
        Dashboard dashboard = result.dashboard();
        written.addAll(dashboard.writeAll(dir));
        clock.end();

        clock.start("write");
        OutputFiles names = result.report().outputs();
        Path predictions = dir.resolve(names.predictions());
        try (SafeOutput out = SafeOutput.create(predictions, inputs.toArray(new Path[0]))) {
            Writer w = new BufferedWriter(out.writer(), 1 << 16);
            PredictionsCsv.write(result.predictions(), w, workers);
            w.flush();
            out.commit();
        }
        written.add(predictions);
        Path modelFile = null;
        PurchaseModel model = result.model();
        if (model != null && names.model() != null) {
            modelFile = dir.resolve(names.model());
            // saved beside, then renamed: a failed save leaves no half model that score would try to load
            SafeOutput.check(modelFile, inputs.toArray(new Path[0]));
            Path temp = SafeOutput.tempBeside(modelFile);
            try {
                model.save(temp);
                Files.move(temp, modelFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(modelFile);
        }
        clock.end();

        Report report = result.report().withTimings(
                result.report().timings().withOutputs(clock.seconds("render"), clock.seconds("write")));
        if (modelFile == null && report.outputs().model() != null) {
            report = report.withOutputs(report.outputs().withoutModel()); // list only files that exist
        }
        Path reportJson = dir.resolve(OutputFiles.REPORT);
        SafeOutput.write(reportJson, ReportJson.toBytes(report), inputs.toArray(new Path[0]));
        written.add(reportJson);
        OutputFolder.removeStale(dir, written);
        return new Written(report, dir, dir.resolve(names.dashboardPng()), dir.resolve(names.dashboardHtml()),
                dir.resolve("charts"), reportJson, predictions, modelFile);
    }
}
