package dev.propensity.examples;

import dev.propensity.core.io.SafeOutput;
import dev.propensity.pipeline.OutputWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks and prepares the output file of the commands that write one file ({@code features}, {@code score},
 * {@code simulate}), so that a wrong {@code --out} is one clear line (exit code 2), given before any reading
 * starts, instead of an I/O error after minutes of work. The folder checks are the pipeline module's
 * ({@link OutputWriter#checkParents(Path)}), the same as for {@code dashboard --out DIR}.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Checks that a file can be put at this path, without creating anything.
     *
     * @param file   the file to be written
     * @param inputs the run's inputs, which the output must not replace
     * @return the file
     * @throws InputProblem when the file is a directory
     * @throws dev.propensity.core.io.OutputRefusedException when the file is one of the inputs
     * @throws dev.propensity.pipeline.OutputLocationException when a file stands where a parent directory must go
     */
    static Path checkFile(Path file, Path... inputs) {
        if (Files.isDirectory(file)) {
            throw new InputProblem(file + ": is a directory; --out needs a file name");
        }
        SafeOutput.check(file, inputs);
        return OutputWriter.checkParents(file);
    }

    /**
     * Checks the path, then makes the file's parent directories.
     *
     * @param file   the file to be written
     * @param inputs the run's inputs, which the output must not replace
     * @return the file
     * @throws InputProblem when the file is a directory
     * @throws dev.propensity.pipeline.OutputLocationException when a file stands where a parent directory must go
     * @throws IOException  when the directories cannot be made
     */
    static Path file(Path file, Path... inputs) throws IOException {
        checkFile(file, inputs);
        return OutputWriter.createParents(file);
    }
}
