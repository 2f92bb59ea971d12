package dev.propensity.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical feature's transform: one-hot over the kept levels, then {@code (other)} (rare and unseen levels,
 * always present), then {@code (missing)} when enough training rows lacked the value.
 *
 * @param input        the raw feature's index
 * @param offset       the first output's index
 * @param kept         the kept level names, in output order
 * @param missingLevel whether a {@code (missing)} output follows {@code (other)}
 * @param schemaSlots  the slot of each level code of the encoding's input schema
 */
record CategoricalTransform(int input, int offset, List<String> kept, boolean missingLevel, int[] schemaSlots)
        implements ColumnTransform {

    /** Copies the levels. */
    CategoricalTransform {
        kept = List.copyOf(kept);
    }

    /**
     * A transform whose level codes are those of the given levels.
     *
     * @param input        the raw feature's index
     * @param offset       the first output's index
     * @param kept         the kept levels
     * @param missingLevel whether there is a {@code (missing)} output
     * @param schemaLevels the input schema's levels of the feature
     * @return the transform
     */
    static CategoricalTransform of(int input, int offset, List<String> kept, boolean missingLevel,
                                   List<String> schemaLevels) {
        return new CategoricalTransform(input, offset, kept, missingLevel, slots(kept, schemaLevels));
    }

    /** The slot (output relative to {@link #offset()}) of each level code of a list of levels. */
    static int[] slots(List<String> kept, List<String> levels) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            pos.put(kept.get(i), i);
        }
        int[] s = new int[levels.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = pos.getOrDefault(levels.get(c), kept.size());
        }
        return s;
    }

    /** The slots of another table's level codes. */
    int[] slotsOf(List<String> levels) {
        return slots(kept, levels);
    }

    @Override
    public int width() {
        return kept.size() + 1 + (missingLevel ? 1 : 0);
    }

    @Override
    public CategoricalTransform at(int newOffset) {
        return new CategoricalTransform(input, newOffset, kept, missingLevel, schemaSlots);
    }

    int otherSlot() {
        return kept.size();
    }

    int missingSlot() {
        return missingLevel ? kept.size() + 1 : kept.size();
    }

    /** The slot of a raw value ({@code NaN} missing, unknown codes other). */
    int slot(double v, int[] codeSlot) {
        if (Double.isNaN(v)) {
            return missingSlot();
        }
        int code = (int) v;
        return code >= 0 && code < codeSlot.length ? codeSlot[code] : otherSlot();
    }

    @Override
    public void emit(double v, int[] codeSlot, Sink sink) {
        sink.put(offset + slot(v, codeSlot), 1.0);
    }

    @Override
    public void addLinear(double[] src, int from, int n, int[] codeSlot, double[] weights, double[] z) {
        double[] w = new double[codeSlot.length];
        for (int c = 0; c < codeSlot.length; c++) {
            w[c] = weights[offset + codeSlot[c]];
        }
        double wMissing = weights[offset + missingSlot()];
        double wOther = weights[offset + otherSlot()];
        for (int i = 0; i < n; i++) {
            double v = src[from + i];
            if (Double.isNaN(v)) {
                z[i] += wMissing;
            } else {
                int code = (int) v;
                z[i] += code >= 0 && code < w.length ? w[code] : wOther;
            }
        }
    }

    /** Equal when every parameter is, the slots by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalTransform t && input == t.input && offset == t.offset && kept.equals(t.kept)
                && missingLevel == t.missingLevel && java.util.Arrays.equals(schemaSlots, t.schemaSlots);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(input, offset, kept, missingLevel) + 31 * java.util.Arrays.hashCode(schemaSlots);
    }
}
