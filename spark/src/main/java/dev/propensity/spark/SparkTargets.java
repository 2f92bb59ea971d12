package dev.propensity.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Output locations of the Spark jobs: a local path (or {@code file:} URI), or a URI of any Hadoop file system. One
 * {@code .csv} file is written by the driver (locally with {@code java.nio}, elsewhere through the FileSystem API); a
 * directory's parts are written by Spark's writers, which take either.
 */
final class SparkTargets {
    private SparkTargets() {
    }

    /** Whether the location is one {@code .csv} file (a name ending in .csv that is not an existing directory). */
    static boolean isCsvFile(Configuration conf, String out) throws IOException {
        if (!out.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        Path local = Locations.localPath(out);
        if (local != null) {
            return !Files.isDirectory(local);
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = p.getFileSystem(conf);
        return !fs.exists(p) || !fs.getFileStatus(p).isDirectory();
    }

    /** Creates (or replaces) one file, its parent directories made. */
    static OutputStream create(Configuration conf, String file) throws IOException {
        Path local = Locations.localPath(file);
        if (local != null) {
            Path parent = local.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newOutputStream(local);
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
        return p.getFileSystem(conf).create(p, true);
    }

    /** The location of {@code name} inside the directory {@code dir}; a local directory is made. */
    static String child(String dir, String name) throws IOException {
        Path local = Locations.localPath(dir);
        if (local != null) {
            return Files.createDirectories(local).resolve(name).toString();
        }
        return dir.replaceAll("/+$", "") + "/" + name;
    }
}
