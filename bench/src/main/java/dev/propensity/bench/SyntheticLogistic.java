package dev.propensity.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training benchmark's data, the same shape and generator as the scikit-learn peer
 * ({@code sklearn_train.py}): {@code n} rows of {@code d} standard normal features, true weights drawn from
 * N(0, 1/d), and labels drawn as Bernoulli(sigmoid(2 x.w - 2)).
 *
 * <p>{@link #numpy} has NumPy write the very rows of the peer script (same seed, same calls) to a file that
 * {@link #load} reads, so that both sides fit the same rows and their AUCs compare exactly; {@link #generate}
 * draws rows of the same distribution in Java (other random streams, other true weights) where NumPy is absent
 * and for the scoring benchmark.
 */
final class SyntheticLogistic {
    /** Feature values by column: {@code columns[j][i]} is feature j of row i. */
    final double[][] columns;
    /** Labels, 1 for a purchase. */
    final boolean[] labels;

    private SyntheticLogistic(double[][] columns, boolean[] labels) {
        this.columns = columns;
        this.labels = labels;
    }

    /** Rows. */
    int rows() {
        return labels.length;
    }

    /** Features. */
    int features() {
        return columns.length;
    }

    /**
     * Generates the data.
     *
     * @param n    rows
     * @param d    features
     * @param seed the seed
     * @return the data
     */
    static SyntheticLogistic generate(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = rnd.nextGaussian() / Math.sqrt(d);
        }
        double[][] x = new double[d][n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                double v = rnd.nextGaussian();
                x[j][i] = v;
                z += v * w[j];
            }
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(z * 2 - 2)));
        }
        return new SyntheticLogistic(x, y);
    }

    /**
     * Has NumPy write the scikit-learn peer's rows ({@code default_rng(7)}, as in {@code sklearn_train.py}) to a
     * file: {@code n * d} little-endian doubles column after column, then {@code n} label bytes. Cached.
     *
     * @param dir the cache folder
     * @param n   rows
     * @param d   features
     * @return the file, or {@code null} when NumPy could not write it
     * @throws IOException when the folder cannot be made
     */
    static Path numpy(Path dir, int n, int d) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("sklearn-rows-" + n + "x" + d + ".bin");
        if (Files.isRegularFile(file) && Files.size(file) == (long) n * d * 8 + n) {
            return file;
        }
        String script = "import sys, numpy as np\n"
                + "n, d, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]\n"
                + "rng = np.random.default_rng(7); X = rng.standard_normal((n, d)); w = rng.standard_normal(d) / np.sqrt(d)\n"
                + "y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w * 2 - 2)))).astype(np.uint8)\n"
                + "with open(out, 'wb') as f:\n"
                + "    f.write(np.ascontiguousarray(X.T).astype('<f8').tobytes()); f.write(y.tobytes())\n";
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Child.Outcome o = Child.run(List.of("/usr/bin/python3", "-c", script, Integer.toString(n),
                Integer.toString(d), tmp.toString()));
        if (!o.ok() || !Files.isRegularFile(tmp)) {
            return null;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Reads a file written by {@link #numpy}.
     *
     * @param file the file
     * @param n    rows
     * @param d    features
     * @return the data
     * @throws IOException when the file cannot be read or has the wrong size
     */
    static SyntheticLogistic load(Path file, int n, int d) throws IOException {
        long expected = (long) n * d * 8 + n;
        if (Files.size(file) != expected) {
            throw new IOException(file + ": expected " + expected + " bytes for " + n + " x " + d + ", found "
                    + Files.size(file));
        }
        double[][] x = new double[d][n];
        boolean[] y = new boolean[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(n * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < d; j++) {
                buf.clear();
                readFully(ch, buf);
                buf.flip();
                buf.asDoubleBuffer().get(x[j]);
            }
            ByteBuffer labels = ByteBuffer.allocate(n);
            readFully(ch, labels);
            byte[] b = labels.array();
            for (int i = 0; i < n; i++) {
                y[i] = b[i] != 0;
            }
        }
        return new SyntheticLogistic(x, y);
    }

    /**
     * The peer's rows when NumPy can write them, else rows of the same distribution drawn in Java.
     *
     * @param dir the cache folder
     * @param n   rows
     * @param d   features
     * @return the data and where it came from
     * @throws IOException when a file cannot be read
     */
    static SyntheticLogistic peerRowsOrGenerated(Path dir, int n, int d) throws IOException {
        Path f = numpy(dir, n, d);
        return f != null ? load(f, n, d) : generate(n, d, 7L);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** The name of feature j: {@code f00}, {@code f01}, ... */
    static String name(int j) {
        return String.format("f%02d", j);
    }

    /**
     * The ROC AUC of scores against labels (ties count one half), by sorting.
     *
     * @param labels the labels
     * @param scores the scores, higher meaning more likely positive
     * @return the AUC, NaN when one class is absent
     */
    static double auc(boolean[] labels, double[] scores) {
        int n = labels.length;
        // the Mann-Whitney statistic: each positive's rank among all scores, ties ranked by their mean position
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        long pos = 0;
        for (boolean b : labels) {
            pos += b ? 1 : 0;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        // rank of each score = average 1-based position of its value among the sorted scores
        double rankSumPos = 0;
        for (int i = 0; i < n; i++) {
            if (!labels[i]) {
                continue;
            }
            int lo = lowerBound(sorted, scores[i]);
            int hi = upperBound(sorted, scores[i]);
            rankSumPos += (lo + 1 + hi) / 2.0;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
