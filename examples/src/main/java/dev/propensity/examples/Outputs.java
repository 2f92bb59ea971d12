package dev.propensity.examples;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks and prepares the commands' output paths, so that a wrong {@code --out} is one clear line (exit code 2),
 * given before any reading starts, instead of an I/O error after minutes of work.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Checks that a file can be put at this path, without creating anything.
     *
     * @param file the file to be written
     * @return the file
     * @throws InputProblem when the file is a directory, or a file stands where a parent directory must go
     */
    static Path checkFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputProblem(file + ": is a directory; --out needs a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            checkDirectory(parent, file);
        }
        return file;
    }

    /**
     * Checks the path, then makes the file's parent directories.
     *
     * @param file the file to be written
     * @return the file
     * @throws InputProblem when the file is a directory, or a file stands where a parent directory must go
     * @throws IOException  when the directories cannot be made
     */
    static Path file(Path file) throws IOException {
        checkFile(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            create(parent, file);
        }
        return file;
    }

    /**
     * Checks that a directory can be made at this path, without creating anything.
     *
     * @param dir the directory to write into
     * @return the directory
     * @throws InputProblem when a file stands where the directory or one of its parents must go
     */
    static Path checkDirectory(Path dir) {
        checkDirectory(dir.toAbsolutePath(), dir);
        return dir;
    }

    /**
     * Checks the path, then makes the directory and its parents.
     *
     * @param dir the directory to write into
     * @return the directory
     * @throws InputProblem when a file stands where the directory or one of its parents must go
     * @throws IOException  when the directories cannot be made
     */
    static Path directory(Path dir) throws IOException {
        checkDirectory(dir);
        create(dir.toAbsolutePath(), dir);
        return dir;
    }

    private static void checkDirectory(Path dir, Path given) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new InputProblem("cannot write " + given + ": " + p + " is a file, not a directory");
            }
        }
    }

    private static void create(Path dir, Path given) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) { // a file appeared there after the check
            throw new InputProblem("cannot write " + given + ": " + e.getFile() + " is a file, not a directory");
        }
    }
}
