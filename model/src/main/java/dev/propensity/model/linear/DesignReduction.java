package dev.propensity.model.linear;

import dev.propensity.core.Workers;
import dev.propensity.model.design.Design;
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
public final class DesignReduction {
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
     * Finds the distinct non-zero columns of dense columns.
     *
     * @param cols    the design's columns, all of one length
     * @param workers where the columns are hashed
     * @return the reduction
     */
    public static DesignReduction of(float[][] cols, Workers workers) {
        return of(Design.dense(cols), workers);
    }

    /**
     * Finds the distinct non-zero columns.
     *
     * @param design  the design
     * @param workers where the columns are hashed
     * @return the reduction
     */
    public static DesignReduction of(Design design, Workers workers) {
        int d = design.width();
        long[] hash = new long[d];
        boolean[] zero = new boolean[d];
        workers.forBlocks(d, d, (j, from, to) -> {
            if (design.sparse(j)) {
                int[] o = design.ones(j);
                hash[j] = Arrays.hashCode(o) * 31L + 7;
                zero[j] = o.length == 0;
                return;
            }
            float[] c = design.dense(j);
            // four interleaved hashes (independent chains run in parallel on the CPU), combined at the end
            long h0 = 1125899906842597L;
            long h1 = h0;
            long h2 = h0;
            long h3 = h0;
            int any = 0;
            int i = 0;
            for (; i + 3 < c.length; i += 4) {
                int b0 = Float.floatToIntBits(c[i] + 0f);
                int b1 = Float.floatToIntBits(c[i + 1] + 0f);
                int b2 = Float.floatToIntBits(c[i + 2] + 0f);
                int b3 = Float.floatToIntBits(c[i + 3] + 0f);
                any |= b0 | b1 | b2 | b3;
                h0 = 31 * h0 + b0;
                h1 = 31 * h1 + b1;
                h2 = 31 * h2 + b2;
                h3 = 31 * h3 + b3;
            }
            for (; i < c.length; i++) {
                int b = Float.floatToIntBits(c[i] + 0f);
                any |= b;
                h0 = 31 * h0 + b;
            }
            hash[j] = ((h0 * 31 + h1) * 31 + h2) * 31 + h3;
            zero[j] = any == 0;
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
                if (equal(design, keptList.get(r), j)) {
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

    /** Whether two columns are equal as numbers ({@code -0} equals {@code 0}). */
    private static boolean equal(Design design, int j, int k) {
        if (design.sparse(j) || design.sparse(k)) {
            return design.sparse(j) && design.sparse(k) && Arrays.equals(design.ones(j), design.ones(k));
        }
        float[] a = design.dense(j);
        float[] b = design.dense(k);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every column is kept as it is.
     *
     * @return whether nothing was dropped or merged
     */
    public boolean identity() {
        return kept.length == width;
    }

    /**
     * The reduced design: the kept columns (the same arrays, not copies).
     *
     * @param cols the design's columns
     * @return the kept columns
     */
    public float[][] columns(float[][] cols) {
        float[][] out = new float[kept.length][];
        for (int r = 0; r < kept.length; r++) {
            out[r] = cols[kept[r]];
        }
        return out;
    }

    /**
     * The reduced design: the kept columns (the same arrays, not copies).
     *
     * @param design the design
     * @return the kept columns
     */
    public Design columns(Design design) {
        return design.columns(kept);
    }

    /**
     * The penalty factor of each reduced column: one over the number of design columns it stands for.
     *
     * @return the factors
     */
    public double[] penalties() {
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
    public double[] expand(double[] reduced, boolean gated) {
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
