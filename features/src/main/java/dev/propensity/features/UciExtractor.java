package dev.propensity.features;

import dev.propensity.core.EventField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Features of a UCI Online Shoppers session table row ({@code Session.summary} with the attributes under the UCI
 * header names): the numeric attributes as numbers ({@code Administrative}, {@code Informational} and
 * {@code ProductRelated} as counts), {@code Month}, {@code OperatingSystems}, {@code Browser}, {@code Region},
 * {@code TrafficType} and {@code VisitorType} as categories with levels discovered from the data, and
 * {@code Weekend} as 0/1. Feature names are the UCI header names. A missing or empty attribute is a missing
 * value; a value that is not a number (or not true/false for {@code Weekend}) is an error naming the session.
 *
 * <p>Note: {@code PageValues} and {@code ExitRates} summarise the whole session (Google Analytics metrics), so
 * in this table even the raw attributes carry some of the outcome; that is the dataset's design.
 */
public final class UciExtractor implements FeatureExtractor {
    /** The UCI visitor type attribute name. */
    public static final String VISITOR_TYPE = "VisitorType";
    /** The numeric UCI attributes, in header order. */
    public static final List<String> NUMERIC = List.of("Administrative", "Administrative_Duration", "Informational",
            "Informational_Duration", "ProductRelated", "ProductRelated_Duration", "BounceRates", "ExitRates",
            "PageValues", "SpecialDay");
    /** The categorical UCI attributes, in header order. */
    public static final List<String> CATEGORICAL = List.of("Month", "OperatingSystems", "Browser", "Region",
            "TrafficType", VISITOR_TYPE);
    /** The binary UCI attribute. */
    public static final String WEEKEND = "Weekend";

    private static final List<String> DESCRIPTIONS = List.of(
            "administrative pages visited", "seconds on administrative pages",
            "informational pages visited", "seconds on informational pages",
            "product pages visited", "seconds on product pages",
            "mean bounce rate of the pages visited", "mean exit rate of the pages visited",
            "mean page value of the pages visited (Google Analytics)", "closeness to a special day (0..1)");
    private static final List<String> CATEGORICAL_DESCRIPTIONS = List.of("month of the visit", "operating system",
            "browser", "region", "traffic type", "visitor type");

    private final List<FeatureSpec> specs;

    /** The extractor. */
    public UciExtractor() {
        List<FeatureSpec> s = new ArrayList<>();
        for (int i = 0; i < NUMERIC.size(); i++) {
            String n = NUMERIC.get(i);
            boolean count = n.equals("Administrative") || n.equals("Informational") || n.equals("ProductRelated");
            s.add(count ? FeatureSpec.count(n, DESCRIPTIONS.get(i)) : FeatureSpec.numeric(n, DESCRIPTIONS.get(i)));
        }
        for (int i = 0; i < CATEGORICAL.size(); i++) {
            s.add(FeatureSpec.categorical(CATEGORICAL.get(i), CATEGORICAL_DESCRIPTIONS.get(i)));
        }
        s.add(FeatureSpec.binary(WEEKEND, "visit on a weekend"));
        specs = List.copyOf(s);
    }

    /** None: a table row has no events, only attributes. */
    @Override
    public Set<EventField> eventFields() {
        return Set.of();
    }

    @Override
    public List<FeatureSpec> features() {
        return specs;
    }

    @Override
    public void extract(ObservedSession session, FeatureRow out) {
        int k = 0;
        for (String n : NUMERIC) {
            out.set(k++, StandardExtractors.number(session, n));
        }
        for (String c : CATEGORICAL) {
            String v = session.attributes().get(c);
            out.setLevel(k++, v == null || v.isBlank() ? null : v.trim());
        }
        out.set(k, StandardExtractors.bool(session, WEEKEND));
    }

    @Override
    public String toString() {
        return "UciExtractor[" + specs.size() + " features]";
    }
}
