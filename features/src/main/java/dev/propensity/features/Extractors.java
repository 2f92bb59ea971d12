package dev.propensity.features;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Small building blocks for extractors of one value. */
final class Extractors {
    private Extractors() {
    }

    /** An extractor of one numeric, count or binary value. */
    static FeatureExtractor single(FeatureSpec spec, ToDoubleFunction<ObservedSession> value) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(value, "value");
        if (spec.kind() == FeatureKind.CATEGORICAL) {
            throw new IllegalArgumentException("feature " + spec.name() + " is categorical; use a level extractor");
        }
        List<FeatureSpec> specs = List.of(spec);
        return new FeatureExtractor() {
            @Override
            public List<FeatureSpec> features() {
                return specs;
            }

            @Override
            public void extract(ObservedSession session, FeatureRow out) {
                out.set(0, value.applyAsDouble(session));
            }

            @Override
            public String toString() {
                return "extractor " + spec.name();
            }
        };
    }

    /** An extractor of one categorical level (null = missing). */
    static FeatureExtractor level(FeatureSpec spec, java.util.function.Function<ObservedSession, String> level) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(level, "level");
        if (spec.kind() != FeatureKind.CATEGORICAL) {
            throw new IllegalArgumentException("feature " + spec.name() + " is " + spec.kind() + ", not categorical");
        }
        List<FeatureSpec> specs = List.of(spec);
        return new FeatureExtractor() {
            @Override
            public List<FeatureSpec> features() {
                return specs;
            }

            @Override
            public void extract(ObservedSession session, FeatureRow out) {
                out.setLevel(0, level.apply(session));
            }

            @Override
            public String toString() {
                return "extractor " + spec.name();
            }
        };
    }
}
