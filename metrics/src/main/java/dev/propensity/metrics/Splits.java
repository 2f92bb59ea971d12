package dev.propensity.metrics;

import dev.propensity.core.SessionFacts;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Assigns rows to test folds for an {@link EvaluationProtocol}. The result holds, for each row, the fold in which
 * that row is <em>tested</em>: a cross-validation runner trains on the rows whose fold differs from f and tests on
 * the rows whose fold is f, for each f in {@link #folds(int[])}; rows marked {@link #TRAIN_ONLY} are never tested.
 *
 * <ul>
 *   <li>cross-validation with K folds: every row gets a fold in 0..K-1; within each class the rows are shuffled
 *       with the protocol's seed and dealt round-robin, continuing the deal from one class to the next, so every
 *       fold has the class ratio of the whole (to within one row per class) and fold sizes differ by at most one;</li>
 *   <li>holdout with test fraction F: round(F x class size) rows of each class, chosen by the seeded shuffle, get 0
 *       (test), the others -1 (train only);</li>
 *   <li>time with test fraction F: the latest round(F x n) rows by start time get 0, the others -1; ties in start
 *       time are broken by row order, later rows counting as later. Needs every start time.</li>
 * </ul>
 * The same protocol (including its seed) and the same labels always give the same assignment.
 */
public final class Splits {
    /** The fold of a row that is only ever trained on (holdout and time splits). */
    public static final int TRAIN_ONLY = -1;

    private Splits() {
    }

    /**
     * The test fold of every row of {@code facts} under {@code protocol}.
     *
     * @param protocol the protocol
     * @param facts    the sessions (labels for stratification, start times for a time split)
     * @return one fold per row, in row order
     * @throws IllegalArgumentException for a time split when some start time is unknown (e.g. the UCI table), or
     *                                  when there are fewer rows than folds
     */
    public static int[] assign(EvaluationProtocol protocol, SessionFacts facts) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(facts, "facts");
        if (protocol.kind() == EvaluationProtocol.Kind.TIME) {
            long[] starts = new long[facts.size()];
            for (int i = 0; i < starts.length; i++) {
                if (!facts.hasStart(i)) {
                    throw new IllegalArgumentException("a time split needs the start time of every session, but session '"
                            + facts.id(i) + "' (row " + (i + 1) + ") has none; use cv:K or holdout:F for session tables");
                }
                starts[i] = facts.startMillis(i);
            }
            return byTime(starts, protocol.fraction());
        }
        return assign(protocol, facts.labels());
    }

    /**
     * The test fold of every row for cross-validation or holdout, stratified by the labels.
     *
     * @param protocol a cross-validation or holdout protocol
     * @param labels   the labels, at least as many as the folds
     * @return one fold per row
     * @throws IllegalArgumentException for a time protocol (it needs start times: use the {@link SessionFacts} form)
     */
    public static int[] assign(EvaluationProtocol protocol, boolean[] labels) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(labels, "labels");
        switch (protocol.kind()) {
            case CROSS_VALIDATION:
                return stratifiedFolds(labels, protocol.folds(), protocol.seed());
            case HOLDOUT:
                return stratifiedHoldout(labels, protocol.fraction(), protocol.seed());
            default:
                throw new IllegalArgumentException("a time split needs start times, not only labels; "
                        + "call assign(protocol, facts)");
        }
    }

    /**
     * Stratified K-fold assignment (see the class description).
     *
     * @param labels the labels; at least {@code k} rows
     * @param k      the number of folds, at least 2
     * @param seed   the shuffle seed
     * @return folds in 0..k-1
     */
    public static int[] stratifiedFolds(boolean[] labels, int k, long seed) {
        Objects.requireNonNull(labels, "labels");
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + k);
        }
        if (labels.length < k) {
            throw new IllegalArgumentException(k + "-fold cross-validation needs at least " + k + " rows, got "
                    + labels.length);
        }
        int[] folds = new int[labels.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        int next = 0;
        // the minority class first would be equally valid; positives first keeps them spread evenly
        for (boolean cls : new boolean[] {true, false}) {
            int[] rows = shuffledRowsOf(labels, cls, rnd);
            for (int row : rows) {
                folds[row] = next;
                next = (next + 1) % k;
            }
        }
        return folds;
    }

    /**
     * Stratified random holdout: 0 for test rows, {@link #TRAIN_ONLY} for the others.
     *
     * @param labels       the labels, at least 2 rows
     * @param testFraction in (0, 1)
     * @param seed         the shuffle seed
     * @return the assignment; both the test and the training part are non-empty
     */
    public static int[] stratifiedHoldout(boolean[] labels, double testFraction, long seed) {
        Objects.requireNonNull(labels, "labels");
        checkFraction(testFraction);
        if (labels.length < 2) {
            throw new IllegalArgumentException("a holdout needs at least 2 rows, got " + labels.length);
        }
        int[] folds = new int[labels.length];
        Arrays.fill(folds, TRAIN_ONLY);
        SplittableRandom rnd = new SplittableRandom(seed);
        int tested = 0;
        for (boolean cls : new boolean[] {true, false}) {
            int[] rows = shuffledRowsOf(labels, cls, rnd);
            long take = Math.round(testFraction * rows.length);
            for (int i = 0; i < take; i++) {
                folds[rows[i]] = 0;
                tested++;
            }
        }
        // keep both sides non-empty on tiny inputs
        if (tested == 0) {
            folds[0] = 0;
        } else if (tested == labels.length) {
            folds[labels.length - 1] = TRAIN_ONLY;
        }
        return folds;
    }

    /**
     * Time split: the latest {@code round(testFraction x n)} rows by start get 0 (at least one, at most n - 1), the
     * others {@link #TRAIN_ONLY}.
     *
     * @param startMillis  start of each row in epoch milliseconds
     * @param testFraction in (0, 1)
     * @return the assignment
     */
    public static int[] byTime(long[] startMillis, double testFraction) {
        Objects.requireNonNull(startMillis, "startMillis");
        checkFraction(testFraction);
        int n = startMillis.length;
        if (n < 2) {
            throw new IllegalArgumentException("a time split needs at least 2 rows, got " + n);
        }
        long test = Math.min(n - 1, Math.max(1, Math.round(testFraction * n)));
        long[] sorted = startMillis.clone();
        Arrays.sort(sorted);
        long cut = sorted[(int) (n - test)]; // the earliest start among the test rows
        long strictlyLater = 0;
        for (long s : startMillis) {
            strictlyLater += s > cut ? 1 : 0;
        }
        long fromTies = test - strictlyLater; // rows starting exactly at cut that are tested: the last ones in row order
        int[] folds = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            if (startMillis[i] > cut) {
                folds[i] = 0;
            } else if (startMillis[i] == cut && fromTies > 0) {
                folds[i] = 0;
                fromTies--;
            } else {
                folds[i] = TRAIN_ONLY;
            }
        }
        return folds;
    }

    /**
     * The distinct test folds (values &gt;= 0) of an assignment, increasing.
     *
     * @param assignment folds per row as returned by {@link #assign}
     * @return e.g. {0, 1, ..., K-1} for cross-validation, {0} for holdout and time splits
     */
    public static int[] folds(int[] assignment) {
        Objects.requireNonNull(assignment, "assignment");
        return Arrays.stream(assignment).filter(f -> f >= 0).distinct().sorted().toArray();
    }

    /**
     * The rows whose fold equals {@code fold} (the test rows of that fold), increasing.
     *
     * @param assignment folds per row
     * @param fold       the fold
     * @return row indices
     */
    public static int[] testRows(int[] assignment, int fold) {
        Objects.requireNonNull(assignment, "assignment");
        int[] rows = new int[assignment.length];
        int k = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] == fold) {
                rows[k++] = i;
            }
        }
        return Arrays.copyOf(rows, k);
    }

    /**
     * The rows whose fold differs from {@code fold} (the training rows of that fold), increasing.
     *
     * @param assignment folds per row
     * @param fold       the fold
     * @return row indices
     */
    public static int[] trainRows(int[] assignment, int fold) {
        Objects.requireNonNull(assignment, "assignment");
        int[] rows = new int[assignment.length];
        int k = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] != fold) {
                rows[k++] = i;
            }
        }
        return Arrays.copyOf(rows, k);
    }

    private static int[] shuffledRowsOf(boolean[] labels, boolean cls, SplittableRandom rnd) {
        int count = 0;
        for (boolean b : labels) {
            count += b == cls ? 1 : 0;
        }
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cls) {
                rows[k++] = i;
            }
        }
        for (int i = rows.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), was " + f);
        }
    }
}
