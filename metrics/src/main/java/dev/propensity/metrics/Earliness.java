package dev.propensity.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects (label, probability) pairs per {@link Checkpoint} and computes an {@link EarlinessPoint} for each: "how
 * early can we tell?". Fed by the dashboard pipeline (batch scores at each checkpoint) and by the replay of an event
 * log through the live scorer ({@link EarlinessTracker}). Not thread-safe.
 *
 * <pre>{@code
 * Earliness e = new Earliness(Checkpoint.reportEvents());
 * e.add(0, true, 0.31);                 // a session that buys, scored 0.31 after its first event
 * List<EarlinessPoint> points = e.points();
 * }</pre>
 */
public final class Earliness {
    /** Bins of the expected calibration error. */
    public static final int ECE_BINS = 10;

    private final List<Checkpoint> checkpoints;
    private final boolean[][] labels;
    private final double[][] scores;
    private final int[] sizes;

    /**
     * A collector for these checkpoints.
     *
     * @param checkpoints the checkpoints, in the order {@link #points()} gives them
     */
    public Earliness(List<Checkpoint> checkpoints) {
        this.checkpoints = List.copyOf(checkpoints);
        if (this.checkpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one checkpoint is needed, the list was empty");
        }
        labels = new boolean[this.checkpoints.size()][16];
        scores = new double[this.checkpoints.size()][16];
        sizes = new int[this.checkpoints.size()];
    }

    /** The checkpoints, in order. */
    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /**
     * Adds one session's score at one checkpoint.
     *
     * @param checkpoint  the checkpoint's index in {@link #checkpoints()}
     * @param purchased   whether the session goes on to buy
     * @param probability its predicted probability there, in [0, 1]
     */
    public void add(int checkpoint, boolean purchased, double probability) {
        Objects.checkIndex(checkpoint, sizes.length);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + probability + " at "
                    + checkpoints.get(checkpoint));
        }
        int n = sizes[checkpoint];
        if (n == labels[checkpoint].length) {
            labels[checkpoint] = Arrays.copyOf(labels[checkpoint], 2 * n);
            scores[checkpoint] = Arrays.copyOf(scores[checkpoint], 2 * n);
        }
        labels[checkpoint][n] = purchased;
        scores[checkpoint][n] = probability;
        sizes[checkpoint] = n + 1;
    }

    /** The labels collected at a checkpoint (a copy). */
    public boolean[] labels(int checkpoint) {
        return Arrays.copyOf(labels[checkpoint], sizes[checkpoint]);
    }

    /** The probabilities collected at a checkpoint (a copy). */
    public double[] probabilities(int checkpoint) {
        return Arrays.copyOf(scores[checkpoint], sizes[checkpoint]);
    }

    /** One point per checkpoint, in order. */
    public List<EarlinessPoint> points() {
        List<EarlinessPoint> out = new ArrayList<>(sizes.length);
        for (int c = 0; c < sizes.length; c++) {
            out.add(point(checkpoints.get(c).name(), labels(c), probabilities(c)));
        }
        return List.copyOf(out);
    }

    /**
     * The figures of one checkpoint.
     *
     * @param checkpoint    its name
     * @param labels        whether each session goes on to buy
     * @param probabilities each session's probability there
     * @return the point (figures NaN where undefined, see {@link EarlinessPoint})
     */
    public static EarlinessPoint point(String checkpoint, boolean[] labels, double[] probabilities) {
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException("labels and probabilities differ in length: " + labels.length + " vs "
                    + probabilities.length);
        }
        int n = labels.length;
        int pos = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            pos += labels[i] ? 1 : 0;
            sum += probabilities[i];
        }
        if (n == 0) {
            return new EarlinessPoint(checkpoint, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double auc = pos == 0 || pos == n ? Double.NaN : ClassificationMetrics.rocAuc(labels, probabilities);
        double ap = pos == 0 ? Double.NaN : ClassificationMetrics.averagePrecision(labels, probabilities);
        double ll = ClassificationMetrics.logLoss(labels, probabilities);
        double ece = Curves.calibration(labels, probabilities, ECE_BINS).expectedCalibrationError();
        return new EarlinessPoint(checkpoint, n, pos, auc, ap, ll, ece, sum / n, (double) pos / n);
    }
}
