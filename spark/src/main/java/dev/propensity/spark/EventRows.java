package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark row form of an {@link Event}: the event's fields, plus {@code seq} (its position in the input, which
 * breaks ties between events at the same time exactly as the single-machine reader's file order does) and the
 * session-level attributes of its input row.
 */
final class EventRows {
    static final int SEQ = 0;
    static final int SESSION_ID = 1;
    static final int USER_ID = 2;
    static final int TIME = 3;
    static final int TYPE = 4;
    static final int PRODUCT = 5;
    static final int CATEGORY = 6;
    static final int BRAND = 7;
    static final int PRICE = 8;
    static final int ATTRIBUTES = 9;

    /** The event schema: seq, session_id, user_id, time (epoch ms), type, product, category, brand, price, attributes. */
    static final StructType SCHEMA = new StructType(new StructField[]{
        DataTypes.createStructField("seq", DataTypes.LongType, false),
        DataTypes.createStructField("session_id", DataTypes.StringType, true),
        DataTypes.createStructField("user_id", DataTypes.StringType, true),
        DataTypes.createStructField("time", DataTypes.LongType, false),
        DataTypes.createStructField("type", DataTypes.StringType, false),
        DataTypes.createStructField("product", DataTypes.StringType, true),
        DataTypes.createStructField("category", DataTypes.StringType, true),
        DataTypes.createStructField("brand", DataTypes.StringType, true),
        DataTypes.createStructField("price", DataTypes.DoubleType, false),
        DataTypes.createStructField("attributes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
    });

    private EventRows() {
    }

    /** The row of an event at input position {@code seq}, with its row's attributes (may be empty). */
    static Row row(long seq, Event e, Map<String, String> attributes) {
        return RowFactory.create(seq, e.sessionId(), e.userId(), e.epochMillis(), e.type().name(), e.productId(),
                e.category(), e.brand(), e.price(),
                attributes.isEmpty() ? null : CollectionConverters.asScala(attributes));
    }

    /** The event of a row. */
    static Event event(Row r) {
        return new Event(r.getString(SESSION_ID), r.getString(USER_ID), Instant.ofEpochMilli(r.getLong(TIME)),
                EventType.valueOf(r.getString(TYPE)), r.getString(PRODUCT), r.getString(CATEGORY), r.getString(BRAND),
                r.getDouble(PRICE));
    }

    /** The attributes of a row (empty when none). */
    static Map<String, String> attributes(Row r) {
        if (r.isNullAt(ATTRIBUTES)) {
            return Map.of();
        }
        return new HashMap<>(r.getJavaMap(ATTRIBUTES));
    }

    /** The rows of events in input order, numbered from {@code firstSeq}. */
    static List<Row> rows(List<Event> events, long firstSeq) {
        Row[] out = new Row[events.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row(firstSeq + i, events.get(i), Map.of());
        }
        return List.of(out);
    }
}
