package dev.propensity.features;

import java.util.List;
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
