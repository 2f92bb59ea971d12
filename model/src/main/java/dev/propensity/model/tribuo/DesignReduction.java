package dev.propensity.model.tribuo;

import dev.propensity.core.Workers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * The distinct, non-zero columns of a logistic design. An encoded session table carries columns that are zero on
 * every training row (a level that never occurs, the missing indicator of a feature that is never missing) and
 * columns that are identical (the missing indicators of features that are missing together). Under an L2 penalty
 * the solution gives a zero column the weight 0 and splits the weight of k identical columns equally, so the
 * problem on the distinct columns, each penalised by {@code 1/k}, has the same solution, expanded by
 * {@link #expand}: the same model, solved on fewer columns.
 */
final class DesignReduction {
    /** For each reduced column, the design column it keeps. */
    private final int[] kept;
    /** For each design column, its reduced column, or -1 when it is zero on every row. */
    private final int[] reducedOf;
    /** For each reduced column, how many design columns it stands for. */
    private final int[] multiplicity;
    private final int width;

    private DesignReduction(int[] kept, int[] reducedOf, int[] multiplicity, int width) {
        this.kept = kept;
        this.reducedOf = reducedOf;
        this.multiplicity = multiplicity;
        this.width = width;
    }

    /**
     * Finds the distinct non-zero columns.
     *
     * @param cols    the design's columns, all of one length
     * @param workers where the columns are hashed
     * @return the reduction
     */
    static DesignReduction of(float[][] cols, Workers workers) {
        int d = cols.length;
        long[] hash = new long[d];
        boolean[] zero = new boolean[d];
        workers.forBlocks(d, d, (j, from, to) -> {
            float[] c = cols[j];
            long h = 1125899906842597L;
            boolean z = true;
            for (float v : c) {
                int bits = Float.floatToIntBits(v == 0f ? 0f : v);
                z &= bits == 0;
                h = 31 * h + bits;
            }
            hash[j] = h;
            zero[j] = z;
        });
        int[] reducedOf = new int[d];
        List<Integer> keptList = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Map<Long, List<Integer>> byHash = new HashMap<>();
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                reducedOf[j] = -1;
                continue;
            }
            List<Integer> same = byHash.computeIfAbsent(hash[j], k -> new ArrayList<>());
            int match = -1;
            for (int r : same) {
                if (equal(cols[keptList.get(r)], cols[j])) {
                    match = r;
                    break;
                }
            }
            if (match < 0) {
                match = keptList.size();
                keptList.add(j);
                counts.add(0);
                same.add(match);
            }
            reducedOf[j] = match;
            counts.set(match, counts.get(match) + 1);
        }
        return new DesignReduction(keptList.stream().mapToInt(Integer::intValue).toArray(), reducedOf,
                counts.stream().mapToInt(Integer::intValue).toArray(), d);
    }

    private static boolean equal(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every column is kept as it is. */
    boolean identity() {
        return kept.length == width;
    }

    /** The reduced design: the kept columns (the same arrays, not copies). */
    float[][] columns(float[][] cols) {
        float[][] out = new float[kept.length][];
        for (int r = 0; r < kept.length; r++) {
            out[r] = cols[kept[r]];
        }
        return out;
    }

    /** The penalty factor of each reduced column: one over the number of design columns it stands for. */
    double[] penalties() {
        double[] f = new double[kept.length];
        for (int r = 0; r < f.length; r++) {
            f[r] = 1.0 / multiplicity[r];
        }
        return f;
    }

    /**
     * The design's weights from the reduced problem's: zero columns get 0, identical columns an equal share.
     *
     * @param reduced the reduced weights ({@code w}, then with a gate {@code v}), length {@code k} or {@code 2k}
     * @param gated   whether the weights include gated copies
     * @return the design's weights, length {@code d} or {@code 2d}
     */
    double[] expand(double[] reduced, boolean gated) {
        int k = kept.length;
        double[] out = new double[gated ? 2 * width : width];
        for (int j = 0; j < width; j++) {
            int r = reducedOf[j];
            if (r < 0) {
                continue;
            }
            out[j] = reduced[r] / multiplicity[r];
            if (gated) {
                out[width + j] = reduced[k + r] / multiplicity[r];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "DesignReduction[" + width + " columns -> " + kept.length + " distinct non-zero, kept "
                + Arrays.toString(kept) + "]";
    }
}
