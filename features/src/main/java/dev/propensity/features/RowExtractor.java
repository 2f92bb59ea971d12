package dev.propensity.features;

import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a list of extractors over one session at a time into a reusable row: {@link #values} for numeric, count
 * and binary features, {@link #levels} for categorical ones. The standard extractors ({@link Extractors.Folded})
 * read one {@link SessionTally} folded once per session over the visible events; other extractors are called over
 * the visible events. Not thread-safe: one per thread.
 */
final class RowExtractor {
    final FeatureSchema declared;
    final double[] values;
    final String[] levels;
    private final FeatureExtractor[] extractors;
    /** By extractor: the row of a called extractor, null for a folded one. */
    private final Slot[] slots;
    /** By extractor: a folded extractor, null for a called one. */
    private final Extractors.Folded[] folded;
    /** By extractor: the index of its first feature. */
    private final int[] offsets;
    /** By extractor: the bits of the event fields it declares (what {@link #observed} lets it read). */
    private final int[] fields;
    /** The tally the folded extractors read; null when there is none. */
    final SessionTally tally;
    private final Cutoff cutoff;
    private final boolean[] categorical;
    /**
     * The indices of the categorical features: the only ones whose {@link #levels} are ever set (extractors are
     * checked for it, the standard ones write levels only there), so the only ones to clear between rows and to copy.
     */
    final int[] categoricalColumns;
    private final List<Map<String, Integer>> fixed;
    /** The fixed levels by feature, for a check by identity before the map (the extractors' own constants). */
    private final String[][] fixedArrays;
    /** The number of events visible in the last session extracted. */
    int visibleEvents;
    /** What the extractors see of the session being extracted, pointed at each session in turn. */
    private final ObservedSession observed = new ObservedSession();

    RowExtractor(List<FeatureExtractor> extractors, Cutoff cutoff) {
        this.extractors = extractors.toArray(new FeatureExtractor[0]);
        this.cutoff = cutoff;
        List<FeatureSpec> specs = new ArrayList<>();
        slots = new Slot[this.extractors.length];
        folded = new Extractors.Folded[this.extractors.length];
        offsets = new int[this.extractors.length];
        fields = new int[this.extractors.length];
        boolean anyFolded = false;
        boolean keys = false;
        for (int i = 0; i < this.extractors.length; i++) {
            List<FeatureSpec> f = this.extractors[i].features();
            if (f == null || f.isEmpty()) {
                throw new IllegalArgumentException("extractor " + this.extractors[i] + " declares no features");
            }
            offsets[i] = specs.size();
            fields[i] = ObservedSession.bits(Extractors.eventFields(this.extractors[i]));
            if (this.extractors[i] instanceof Extractors.Folded x) {
                folded[i] = x;
                anyFolded = true;
                keys |= x.keys;
            } else {
                slots[i] = new Slot(specs.size(), this.extractors[i]);
            }
            specs.addAll(f);
        }
        tally = anyFolded ? new SessionTally(keys) : null;
        declared = new FeatureSchema(specs);
        values = new double[specs.size()];
        levels = new String[specs.size()];
        categorical = new boolean[specs.size()];
        fixed = new ArrayList<>();
        fixedArrays = new String[specs.size()][];
        for (int j = 0; j < specs.size(); j++) {
            FeatureSpec f = specs.get(j);
            categorical[j] = f.kind() == FeatureKind.CATEGORICAL;
            Map<String, Integer> index = null;
            if (categorical[j] && !f.levels().isEmpty()) {
                index = new HashMap<>();
                for (int c = 0; c < f.levels().size(); c++) {
                    index.put(f.levels().get(c), c);
                }
            }
            fixed.add(index);
            if (index != null) {
                fixedArrays[j] = f.levels().toArray(new String[0]);
            }
        }
        categoricalColumns = indices(categorical);
    }

    private static int[] indices(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        int[] out = new int[n];
        n = 0;
        for (int j = 0; j < flags.length; j++) {
            if (flags[j]) {
                out[n++] = j;
            }
        }
        return out;
    }

    /**
     * A row extractor of the same extractors and cutoff as another, sharing everything that does not change from
     * row to row (schema, level indices), with a row of its own and no tally: it writes rows of live sessions,
     * which keep their own tallies ({@link #extractFolded}).
     *
     * @param layout the extractor to share with
     */
    RowExtractor(RowExtractor layout) {
        extractors = layout.extractors;
        cutoff = layout.cutoff;
        declared = layout.declared;
        categorical = layout.categorical;
        categoricalColumns = layout.categoricalColumns;
        fixed = layout.fixed;
        fixedArrays = layout.fixedArrays;
        folded = layout.folded;
        offsets = layout.offsets;
        fields = layout.fields;
        slots = new Slot[extractors.length];
        for (int i = 0; i < extractors.length; i++) {
            if (folded[i] == null) {
                slots[i] = new Slot(offsets[i], extractors[i]);
            }
        }
        tally = null; // a shared layout's rows are written from their sessions' tallies (extractFolded)
        values = new double[declared.size()];
        levels = new String[declared.size()];
    }

    /** Whether a feature has fixed levels. */
    boolean fixedLevels(int feature) {
        return fixed.get(feature) != null;
    }

    /** The code of a fixed level (already validated by {@link #extract}). */
    int fixedCode(int feature, String level) {
        String[] known = fixedArrays[feature];
        for (int c = 0; c < known.length; c++) {
            if (known[c] == level) {
                return c;
            }
        }
        return fixed.get(feature).get(level);
    }

    /**
     * Extracts one session's features into {@link #values} and {@link #levels}.
     *
     * @param session the session, all of its events (the cutoff is applied here)
     * @return the number of visible events
     */
    int extract(SessionView session) {
        ObservedSession observed = this.observed.reset(session, cutoff.limit(session));
        if (tally != null) {
            tally.fold(session, observed.size()); // the visible prefix, read from the source's view directly
        }
        return write(observed, tally);
    }

    /**
     * Writes the row of the first {@code visible} events of a session from a tally the caller keeps folded over
     * exactly those events (a live session adds each new event to it): the folded extractors read the tally, the
     * others run over the prefix.
     *
     * @param session the session
     * @param visible how many of its events are visible (they hold no purchase)
     * @param folded  the fold of those events
     * @return {@code visible}
     */
    int extractFolded(SessionView session, int visible, SessionTally folded) {
        return write(observed.reset(session, visible), folded);
    }

    private int write(ObservedSession observed, SessionTally tally) {
        Arrays.fill(values, Double.NaN);
        for (int j : categoricalColumns) {
            levels[j] = null;
        }
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            observed.readBy(extractors[i], fields[i]);
            if (slot == null) {
                folded[i].writer.write(tally, observed, values, levels, offsets[i]);
                continue;
            }
            slot.observed = observed;
            try {
                slot.extractor.extract(observed, slot);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalStateException("extractor " + slot.extractor + " failed on session " + observed.id()
                        + ": " + e, e);
            }
        }
        visibleEvents = observed.size();
        return visibleEvents;
    }

    /** Extracts a session object's features; see {@link #extract(SessionView)}. */
    int extract(Session session) {
        return extract(SessionView.of(session));
    }

    /** The row one extractor writes into: its indices shifted by its offset. */
    private final class Slot implements FeatureExtractor.FeatureRow {
        final int offset;
        final int size;
        final FeatureExtractor extractor;
        /** A standard extractor: its indices, kinds and levels are right by construction, not checked per row. */
        final boolean trusted;
        ObservedSession observed;

        Slot(int offset, FeatureExtractor extractor) {
            this.offset = offset;
            this.extractor = extractor;
            this.size = extractor.features().size();
            this.trusted = Extractors.isStandard(extractor);
        }

        @Override
        public void set(int feature, double value) {
            if (trusted) {
                values[offset + feature] = value;
                return;
            }
            int j = index(feature);
            if (categorical[j]) {
                throw new IllegalArgumentException("session " + observed.id() + ": feature " + declared.get(j).name()
                        + " is categorical; set it with setLevel, not set(" + value + ")");
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("session " + observed.id() + ": feature " + declared.get(j).name()
                        + " must be finite or NaN (missing), was " + value);
            }
            values[j] = value;
        }

        @Override
        public void setLevel(int feature, String level) {
            if (trusted) {
                levels[offset + feature] = level;
                return;
            }
            int j = index(feature);
            if (!categorical[j]) {
                throw new IllegalArgumentException("session " + observed.id() + ": feature " + declared.get(j).name()
                        + " is " + declared.get(j).kind() + ", not categorical; set it with set, not setLevel(\""
                        + level + "\")");
            }
            if (level != null && fixedArrays[j] != null && !known(fixedArrays[j], level)
                    && !fixed.get(j).containsKey(level)) {
                throw new IllegalArgumentException("session " + observed.id() + ": feature " + declared.get(j).name()
                        + ": level '" + level + "' is not one of its levels " + declared.get(j).levels());
            }
            levels[j] = level;
        }

        private boolean known(String[] levels, String level) {
            for (String l : levels) {
                if (l == level) {
                    return true;
                }
            }
            return false;
        }

        private int index(int feature) {
            if (feature < 0 || feature >= size) {
                throw new IndexOutOfBoundsException("extractor " + extractor + " has " + size
                        + " features, it wrote feature index " + feature);
            }
            return offset + feature;
        }
    }
}
