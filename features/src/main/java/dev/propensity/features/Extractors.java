package dev.propensity.features;

import dev.propensity.core.EventField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Small building blocks for extractors. */
final class Extractors {
    private Extractors() {
    }

    /**
     * An extractor of the given features whose values {@code body} writes.
     *
     * @param name  what {@code toString} names after "extractor "
     * @param specs the features, in the order {@code body} addresses them
     * @param body  writes one session's values
     * @return the extractor
     */
    static FeatureExtractor of(String name, List<FeatureSpec> specs,
                               BiConsumer<ObservedSession, FeatureExtractor.FeatureRow> body) {
        return new Simple(Objects.requireNonNull(name, "name"), List.copyOf(specs), Objects.requireNonNull(body, "body"));
    }

    /**
     * Whether an extractor is one of {@link StandardExtractors}': they read only a view's times, types, prices, keys
     * and attributes (never events as objects) and write valid values by construction.
     */
    static boolean isStandard(FeatureExtractor e) {
        return e instanceof Folded;
    }

    /**
     * The event fields a set of extractors reads: the union of their {@link FeatureExtractor#eventFields()}.
     *
     * @param extractors the extractors
     * @return the fields (a new set)
     * @throws IllegalArgumentException when an extractor returns no set
     */
    static Set<EventField> eventFields(List<FeatureExtractor> extractors) {
        EnumSet<EventField> out = EnumSet.noneOf(EventField.class);
        for (FeatureExtractor e : extractors) {
            out.addAll(eventFields(e));
        }
        return out;
    }

    /** One extractor's {@link FeatureExtractor#eventFields()}, checked. */
    static Set<EventField> eventFields(FeatureExtractor e) {
        Set<EventField> f = e.eventFields();
        if (f == null) {
            throw new IllegalArgumentException("extractor " + e + " returns no eventFields(); return the fields it"
                    + " reads, or EventField.all()");
        }
        return f;
    }

    /**
     * A standard extractor read from the {@link SessionTally} of the visible events (see {@link Folded}).
     *
     * @param name   what {@code toString} names after "extractor "
     * @param specs  the features, in the order {@code writer} writes them
     * @param keys   whether it reads the tally's product and category keys
     * @param writer writes the values from the tally
     * @return the extractor
     */
    static FeatureExtractor folded(String name, List<FeatureSpec> specs, boolean keys, TallyWriter writer) {
        return new Folded(Objects.requireNonNull(name, "name"), List.copyOf(specs), keys,
                Objects.requireNonNull(writer, "writer"));
    }

    /** One standard extractor's values read off a session's tally. */
    interface TallyWriter {
        /**
         * Writes the values.
         *
         * @param tally   the fold of the visible events
         * @param session the visible events (for attributes)
         * @param values  the row's numeric values; this extractor's first feature is at {@code at}
         * @param levels  the row's categorical levels, indexed as {@code values}
         * @param at      the offset of this extractor's first feature
         */
        void write(SessionTally tally, ObservedSession session, double[] values, String[] levels, int at);
    }

    /**
     * A standard extractor defined on the running {@link SessionTally}: the row engine folds one tally per session
     * and lets every folded extractor read it (one pass over the events for the whole standard set), and a live
     * session keeps its tally up to date event by event. The attribute features are folded extractors too: their
     * writer reads the session's attributes, so that every standard feature is written by the one call the row
     * engine makes per extractor. Called on its own, {@link #extract} folds a tally of its own.
     */
    static final class Folded implements FeatureExtractor {
        /** What the tally reads of each event. */
        private static final Set<EventField> TALLY = java.util.Collections.unmodifiableSet(
                EnumSet.of(EventField.TIME, EventField.TYPE, EventField.PRICE));
        /** What the tally reads of each event with product and category keys. */
        private static final Set<EventField> TALLY_KEYS = java.util.Collections.unmodifiableSet(
                EnumSet.of(EventField.TIME, EventField.TYPE, EventField.PRICE, EventField.PRODUCT, EventField.CATEGORY));
        private final String name;
        private final List<FeatureSpec> specs;
        final boolean keys;
        final TallyWriter writer;

        Folded(String name, List<FeatureSpec> specs, boolean keys, TallyWriter writer) {
            this.name = name;
            this.specs = specs;
            this.keys = keys;
            this.writer = writer;
        }

        /** The fields the tally reads: times, types, prices, and products and categories when it keeps keys. */
        @Override
        public Set<EventField> eventFields() {
            return keys ? TALLY_KEYS : TALLY;
        }

        @Override
        public List<FeatureSpec> features() {
            return specs;
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            SessionTally t = new SessionTally(keys);
            t.fold(session, session.size());
            double[] values = new double[specs.size()];
            String[] levels = new String[specs.size()];
            java.util.Arrays.fill(values, Double.NaN);
            writer.write(t, session, values, levels, 0);
            for (int j = 0; j < specs.size(); j++) {
                if (specs.get(j).kind() == FeatureKind.CATEGORICAL) {
                    out.setLevel(j, levels[j]);
                } else {
                    out.set(j, values[j]);
                }
            }
        }

        @Override
        public String toString() {
            return "extractor " + name;
        }
    }

    /** An extractor of one numeric, count or binary value. */
    static FeatureExtractor single(FeatureSpec spec, ToDoubleFunction<ObservedSession> value) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(value, "value");
        if (spec.kind() == FeatureKind.CATEGORICAL) {
            throw new IllegalArgumentException("feature " + spec.name() + " is categorical; use a level extractor");
        }
        return of(spec.name(), List.of(spec), (session, out) -> out.set(0, value.applyAsDouble(session)));
    }

    /** An extractor of one categorical level (null = missing). */
    static FeatureExtractor level(FeatureSpec spec, Function<ObservedSession, String> level) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(level, "level");
        if (spec.kind() != FeatureKind.CATEGORICAL) {
            throw new IllegalArgumentException("feature " + spec.name() + " is " + spec.kind() + ", not categorical");
        }
        return of(spec.name(), List.of(spec), (session, out) -> out.setLevel(0, level.apply(session)));
    }

    /** The extractor {@link #of} returns. */
    private static final class Simple implements FeatureExtractor {
        private final String name;
        private final List<FeatureSpec> specs;
        private final BiConsumer<ObservedSession, FeatureRow> body;

        Simple(String name, List<FeatureSpec> specs, BiConsumer<ObservedSession, FeatureRow> body) {
            this.name = name;
            this.specs = specs;
            this.body = body;
        }

        @Override
        public List<FeatureSpec> features() {
            return specs;
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            body.accept(session, out);
        }

        @Override
        public String toString() {
            return "extractor " + name;
        }
    }
}
