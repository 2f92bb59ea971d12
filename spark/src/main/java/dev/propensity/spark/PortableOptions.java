package dev.propensity.spark;

import dev.propensity.core.EventType;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.io.EventMapping;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.TimeFormat;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ReadOptions} in a form Spark can ship to the executors (the project's option types are not
 * {@link Serializable}, by design); {@link #readOptions()} rebuilds the same options there.
 */
final class PortableOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean lenient;
    private final int bufferSize;
    private final boolean useSessionIds;
    private final long gapMs;
    private final long idleMs;
    private final long toleranceMs;
    private final String latePolicy;
    private final String time;
    private final String timeKind;
    private final String timePattern;
    private final String timeZone;
    private final String type;
    private final LinkedHashMap<String, String> typeValues;
    private final String sessionId;
    private final String userId;
    private final String product;
    private final String category;
    private final String brand;
    private final String price;
    private final ArrayList<String> attributes;
    private final boolean optionalColumns;

    private PortableOptions(ReadOptions o) {
        this.lenient = o.lenient();
        this.bufferSize = o.bufferSize();
        Sessionizer s = o.sessionizer();
        this.useSessionIds = s.usesSessionIds();
        this.gapMs = s.gap().toMillis();
        this.idleMs = s.idleTimeout().toMillis();
        this.toleranceMs = s.outOfOrderTolerance().toMillis();
        this.latePolicy = s.latePolicy().name();
        EventMapping m = o.mapping();
        this.time = m.time();
        TimeFormat tf = m.timeFormat();
        this.timeKind = tf.kind().name();
        this.timePattern = tf.pattern();
        this.timeZone = tf.zone().getId();
        this.type = m.type();
        this.typeValues = new LinkedHashMap<>();
        for (Map.Entry<String, EventType> e : m.typeValues().entrySet()) {
            typeValues.put(e.getKey(), e.getValue().name());
        }
        this.sessionId = m.sessionId();
        this.userId = m.userId();
        this.product = m.product();
        this.category = m.category();
        this.brand = m.brand();
        this.price = m.price();
        this.attributes = new ArrayList<>(m.attributes());
        this.optionalColumns = m.optionalColumns();
    }

    /** The portable form of options. */
    static PortableOptions of(ReadOptions options) {
        return new PortableOptions(options);
    }

    /** The sessionizer the options name (its late-event policy as given). */
    Sessionizer sessionizer() {
        Sessionizer s = useSessionIds ? Sessionizer.bySessionId().withGap(Duration.ofMillis(gapMs))
                : Sessionizer.byInactivity(Duration.ofMillis(gapMs));
        return s.withIdleTimeout(Duration.ofMillis(idleMs)).withOutOfOrderTolerance(Duration.ofMillis(toleranceMs))
                .withLateEvents(Sessionizer.LatePolicy.valueOf(latePolicy));
    }

    /** The options, rebuilt. */
    ReadOptions readOptions() {
        Map<String, EventType> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : typeValues.entrySet()) {
            values.put(e.getKey(), EventType.valueOf(e.getValue()));
        }
        TimeFormat tf = new TimeFormat(TimeFormat.Kind.valueOf(timeKind), timePattern, ZoneId.of(timeZone));
        EventMapping m = EventMapping.builder().time(time, tf).type(type, values).sessionId(sessionId).userId(userId)
                .product(product).category(category).brand(brand).price(price)
                .attributes(attributes.toArray(new String[0])).optionalColumns(optionalColumns).build();
        return new ReadOptions(lenient, sessionizer(), m, bufferSize);
    }

    /** The attribute columns of the mapping. */
    List<String> attributeColumns() {
        return List.copyOf(attributes);
    }
}
