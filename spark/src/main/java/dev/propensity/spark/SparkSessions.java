package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.Sessionizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Groups event rows into sessions with the {@link Sessionizer}'s rules, inside the executors.
 *
 * <p>Events are grouped ({@code groupByKey}) by what the sessionizer keys an open session by: the shop's session
 * id when the sessionizer uses session ids and the event has one (or the event has no user id), else the user id.
 * Each group's events are put in time order (ties in input order, as the single-machine read sees them) and run
 * through a fresh {@link Sessionizer.Run} of the same configuration, which splits a user's events at inactivity
 * gaps, names the sessions and keeps the first value of each attribute, exactly as on one machine.
 *
 * <p>Two differences follow from grouping before sessionizing, and are the only ones: the events of a group are
 * sorted, so input out of order by more than the tolerance is sessionized as if it had been sorted (one machine
 * stops at it, strict, or counts it, lenient); and a session id's idle timeout is measured against that session's
 * own later events rather than against every event of the file (the same result unless one session id pauses for
 * longer than the idle timeout, 2 hours by default, with no other event of the file in between).
 */
final class SparkSessions {
    /** The session row: id, user_id, attributes, events (event rows without attributes). */
    static final StructType SCHEMA = new StructType(new StructField[]{
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("user_id", DataTypes.StringType, true),
        DataTypes.createStructField("attributes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
        DataTypes.createStructField("events", DataTypes.createArrayType(EventRows.SCHEMA, false), false),
    });

    private SparkSessions() {
    }

    /**
     * The sessions of event rows.
     *
     * @param events  event rows ({@link EventRows#SCHEMA})
     * @param options the read options whose sessionizer applies
     * @return session rows ({@link #SCHEMA})
     */
    static Dataset<Row> sessionize(Dataset<Row> events, PortableOptions options) {
        return events.groupByKey(new Key(options.sessionizer().usesSessionIds()), Encoders.STRING())
                .flatMapGroups(new Group(options), Encoders.row(SCHEMA));
    }

    /** The session of a session row. */
    static Session session(Row r) {
        List<Row> rows = r.getList(3);
        List<Event> events = new ArrayList<>(rows.size());
        for (Row e : rows) {
            events.add(EventRows.event(e));
        }
        Map<String, String> attributes = r.isNullAt(2) ? Map.of() : r.getJavaMap(2);
        boolean purchased = false;
        for (Event e : events) {
            purchased |= e.type().isPurchase();
        }
        return new Session(r.getString(0), r.getString(1), events, attributes, events.get(0).time(),
                events.get(events.size() - 1).time(), purchased);
    }

    /** The sessions of session rows, converted as they are pulled. */
    static Iterator<Session> sessions(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Session next() {
                return session(rows.next());
            }
        };
    }

    /**
     * Event rows hash-partitioned by their sessionizer key and sorted by key, time and input position within each
     * partition: the plan {@code groupByKey} runs, kept as rows so that a partition's sessions can be streamed
     * through the feature engine in one call ({@link #sessions(Iterator, PortableOptions)}).
     *
     * @param events     event rows
     * @param options    the read options whose sessionizer applies
     * @param partitions the number of partitions
     * @return the event rows with a {@code _key} column, partitioned and sorted
     */
    static Dataset<Row> sorted(Dataset<Row> events, PortableOptions options, int partitions) {
        Column session = functions.col("session_id");
        Column user = functions.col("user_id");
        // the key of Sessionizer.Run.accept: the session id when used and present (or when there is no user id)
        Column bySession = options.sessionizer().usesSessionIds()
                ? session.isNotNull().or(user.isNull()) : user.isNull();
        Column key = functions.when(bySession, functions.concat(functions.lit("s"), session))
                .otherwise(functions.concat(functions.lit("u"), user));
        return events.withColumn("_key", key).repartition(partitions, functions.col("_key"))
                .sortWithinPartitions("_key", "time", "seq");
    }

    /**
     * The sessions of a partition of {@link #sorted} rows: each key's events, in time order, go through a fresh
     * run of the sessionizer; sessions are produced as they are pulled.
     *
     * @param rows    the partition's rows
     * @param options the read options whose sessionizer applies
     * @return the sessions
     */
    static Iterator<Session> sessions(Iterator<Row> rows, PortableOptions options) {
        Sessionizer sessionizer = options.sessionizer().withLateEvents(Sessionizer.LatePolicy.COUNT);
        int keyIndex = EventRows.SCHEMA.size();
        return new Iterator<>() {
            private final java.util.ArrayDeque<Session> ready = new java.util.ArrayDeque<>();
            private Row pending;

            private void fill() {
                while (ready.isEmpty() && (pending != null || rows.hasNext())) {
                    Row first = pending != null ? pending : rows.next();
                    pending = null;
                    String key = first.getString(keyIndex);
                    Sessionizer.Run run = sessionizer.start(ready::add);
                    run.accept(EventRows.event(first), EventRows.attributes(first));
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        if (!key.equals(r.getString(keyIndex))) {
                            pending = r;
                            break;
                        }
                        run.accept(EventRows.event(r), EventRows.attributes(r));
                    }
                    run.finish();
                }
            }

            @Override
            public boolean hasNext() {
                fill();
                return !ready.isEmpty();
            }

            @Override
            public Session next() {
                fill();
                if (ready.isEmpty()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** The key the sessionizer files an event under. */
    static final class Key implements MapFunction<Row, String> {
        private static final long serialVersionUID = 1L;
        private final boolean useSessionIds;

        Key(boolean useSessionIds) {
            this.useSessionIds = useSessionIds;
        }

        @Override
        public String call(Row r) {
            String session = r.getString(EventRows.SESSION_ID);
            String user = r.getString(EventRows.USER_ID);
            return useSessionIds && session != null || user == null ? "s" + session : "u" + user;
        }
    }

    /** Sessionizes one group's events with a fresh run of the configured sessionizer. */
    static final class Group implements FlatMapGroupsFunction<String, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final PortableOptions options;

        Group(PortableOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<Row> call(String key, Iterator<Row> rows) {
            List<Row> in = new ArrayList<>();
            rows.forEachRemaining(in::add);
            Row[] sorted = in.toArray(new Row[0]);
            Arrays.sort(sorted, Comparator.<Row>comparingLong(r -> r.getLong(EventRows.TIME))
                    .thenComparingLong(r -> r.getLong(EventRows.SEQ)));
            List<Row> out = new ArrayList<>();
            // sorted input has no late events; the run's policy does not matter, its grouping rules do
            Sessionizer.Run run = options.sessionizer().withLateEvents(Sessionizer.LatePolicy.COUNT)
                    .start(s -> out.add(row(s)));
            for (Row r : sorted) {
                run.accept(EventRows.event(r), EventRows.attributes(r));
            }
            run.finish();
            return out.iterator();
        }

        private static Row row(Session s) {
            Object[] events = new Object[s.events().size()];
            for (int i = 0; i < events.length; i++) {
                events[i] = EventRows.row(i, s.events().get(i), Map.of());
            }
            return RowFactory.create(s.id(), s.userId(),
                    s.attributes().isEmpty() ? null : CollectionConverters.asScala(s.attributes()),
                    CollectionConverters.asScala(Arrays.asList(events)).toSeq());
        }
    }
}
