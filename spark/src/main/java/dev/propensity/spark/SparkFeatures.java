package dev.propensity.spark;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureKind;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureSpec;
import dev.propensity.features.FeatureTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Feature rows computed inside the executors by the project's one feature engine (through {@link FeatureAdapter}):
 * each partition's sessions go through the standard extractors and the cutoff as on one machine, and come back as
 * rows {@code session_id, label, <features>, _start, _duration, _events, _types}. Numeric, count and binary
 * features are doubles ({@code NaN} when missing); categorical features are their level names ({@code null} when
 * missing), since codes are a table's own. The underscore columns are the session's facts (start in epoch ms,
 * whole-session duration in seconds, event count, the bit set of event types present), for the dashboard.
 */
final class SparkFeatures {
    /** Columns before the features. */
    static final int FIRST_FEATURE = 2;
    /** The facts' columns, after the features. */
    static final List<String> FACT_COLUMNS = List.of("_start", "_duration", "_events", "_types");

    private SparkFeatures() {
    }

    /** The row schema for features declared as {@code declared}. */
    static StructType schema(FeatureSchema declared) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("session_id", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
        for (FeatureSpec f : declared.features()) {
            fields.add(DataTypes.createStructField(f.name(),
                    f.kind() == FeatureKind.CATEGORICAL ? DataTypes.StringType : DataTypes.DoubleType, true));
        }
        fields.add(DataTypes.createStructField("_start", DataTypes.LongType, true));
        fields.add(DataTypes.createStructField("_duration", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("_events", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("_types", DataTypes.IntegerType, false));
        return new StructType(fields.toArray(new StructField[0]));
    }

    /**
     * The feature rows of session rows.
     *
     * @param sessions session rows ({@link SparkSessions#SCHEMA})
     * @param adapter  the engine's settings
     * @return the feature rows ({@link #schema(FeatureSchema)} of the adapter's declared features)
     */
    static Dataset<Row> features(Dataset<Row> sessions, FeatureAdapter adapter) {
        return sessions.mapPartitions(new Rows(adapter, null), Encoders.row(schema(adapter.declared())));
    }

    /**
     * The feature rows of sorted event rows ({@link SparkSessions#sorted}): each partition's sessions stream
     * through the engine in one call.
     *
     * @param sorted  sorted event rows
     * @param options the read options whose sessionizer applies
     * @param adapter the engine's settings
     * @return the feature rows
     */
    static Dataset<Row> fromSortedEvents(Dataset<Row> sorted, PortableOptions options, FeatureAdapter adapter) {
        return sorted.mapPartitions(new Rows(adapter, options), Encoders.row(schema(adapter.declared())));
    }

    /** Runs the engine over one partition's sessions (session rows, or sorted event rows). */
    static final class Rows implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final FeatureAdapter adapter;
        private final PortableOptions sortedEvents;

        Rows(FeatureAdapter adapter, PortableOptions sortedEvents) {
            this.adapter = adapter;
            this.sortedEvents = sortedEvents;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            FeatureTable t = adapter.table(sortedEvents == null ? SparkSessions.sessions(input)
                    : SparkSessions.sessions(input, sortedEvents));
            int width = t.columnCount();
            return rowsOf(t.rows(), i -> {
                Object[] v = new Object[FIRST_FEATURE + width + FACT_COLUMNS.size()];
                v[0] = t.id(i);
                v[1] = t.label(i) ? 1 : 0;
                for (int j = 0; j < width; j++) {
                    v[FIRST_FEATURE + j] = FeatureAdapter.value(t, i, j);
                }
                Object[] facts = FeatureAdapter.facts(t, i);
                System.arraycopy(facts, 0, v, FIRST_FEATURE + width, facts.length);
                return RowFactory.create(v);
            });
        }
    }

    /**
     * The rows {@code row(0) .. row(n - 1)}, made one at a time as they are consumed (a partition's output).
     *
     * @param n   how many rows
     * @param row makes row i
     * @return the rows
     */
    static Iterator<Row> rowsOf(int n, java.util.function.IntFunction<Row> row) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Row next() {
                if (i >= n) {
                    throw new java.util.NoSuchElementException();
                }
                return row.apply(i++);
            }
        };
    }

    /**
     * A feature table of collected rows, with the declared schema's levels: fixed levels as declared, discovered
     * levels sorted by the engine's rule (the engine builds a table of the distinct levels and reports its order).
     *
     * @param rows     collected feature rows
     * @param declared the declared features
     * @param adapter  the engine's settings (zone of the facts)
     * @return the table, rows in the given order
     */
    static FeatureTable table(List<Row> rows, FeatureSchema declared, FeatureAdapter adapter) {
        int n = rows.size();
        int width = declared.size();
        List<FeatureSpec> specs = new ArrayList<>(width);
        double[][] cols = new double[width][n];
        for (int j = 0; j < width; j++) {
            FeatureSpec f = declared.get(j);
            int c = FIRST_FEATURE + j;
            if (f.kind() != FeatureKind.CATEGORICAL) {
                for (int i = 0; i < n; i++) {
                    cols[j][i] = rows.get(i).getDouble(c);
                }
                specs.add(f);
                continue;
            }
            List<String> levels = f.levels();
            if (levels.isEmpty()) {
                List<String> seen = new ArrayList<>();
                for (Row r : rows) {
                    String l = r.getString(c);
                    if (l != null && !seen.contains(l)) {
                        seen.add(l);
                    }
                }
                levels = adapter.sortedLevels(seen);
                f = f.withLevels(levels);
            }
            Map<String, Integer> codes = new HashMap<>();
            for (int k = 0; k < levels.size(); k++) {
                codes.put(levels.get(k), k);
            }
            for (int i = 0; i < n; i++) {
                String l = rows.get(i).getString(c);
                cols[j][i] = l == null ? Double.NaN : codes.get(l);
            }
            specs.add(f);
        }
        SessionFacts.Builder facts = SessionFacts.builder(adapter.zone());
        int base = FIRST_FEATURE + width;
        for (Row r : rows) {
            facts.addRow(r.getString(0), r.getInt(1) == 1, r.isNullAt(base) ? SessionFacts.UNKNOWN_START : r.getLong(base),
                    r.getDouble(base + 1), r.getInt(base + 2), r.getInt(base + 3), Map.of());
        }
        return FeatureTable.of(new FeatureSchema(specs), cols, facts.build());
    }
}
