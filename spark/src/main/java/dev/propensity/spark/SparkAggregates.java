package dev.propensity.spark;

import dev.propensity.core.SessionFacts;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.Wilson;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The dashboard's aggregates computed in Spark from feature rows: the KPIs, the breakdowns by hour of day, day of
 * week (both UTC, the zone of the features) and session duration, and the funnel. Spark reduces the rows to counts
 * per (hour, day, duration bucket, event types present, label), a few thousand rows at most, which the driver turns
 * into the metrics module's records; the metrics module's own definitions give the labels, the duration buckets
 * ({@link Breakdowns#durationBucket}) and which funnel step each combination of event types reaches. Raw events
 * and feature rows are never collected.
 *
 * @param kpis       sessions, purchases, conversion rate and its interval
 * @param breakdowns hour of day, day of week, duration (those with at least one session)
 * @param funnel     sessions, the middle steps present, purchases
 */
public record SparkAggregates(Kpis kpis, List<Breakdown> breakdowns, Funnel funnel) {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    /** Validates and copies. */
    public SparkAggregates {
        Objects.requireNonNull(kpis, "kpis");
        breakdowns = List.copyOf(breakdowns);
        Objects.requireNonNull(funnel, "funnel");
    }

    /**
     * Aggregates feature rows.
     *
     * @param rows feature rows from {@link SparkEngine#featureRows}
     * @return the aggregates
     */
    static SparkAggregates of(Dataset<Row> rows) {
        UserDefinedFunction bucket = functions.udf(
                (UDF1<Double, Integer>) Breakdowns::durationBucket, DataTypes.IntegerType);
        Column start = functions.col("_start");
        // hour of day and day of week in UTC (1970-01-01, day 0, was a Thursday: Monday is 0)
        Column hour = functions.when(start.isNull(), functions.lit(-1))
                .otherwise(functions.pmod(functions.floor(start.divide(HOUR_MS)), functions.lit(24))).as("hour");
        Column day = functions.when(start.isNull(), functions.lit(-1))
                .otherwise(functions.pmod(functions.floor(start.divide(DAY_MS)).plus(3), functions.lit(7))).as("day");
        List<Row> counts = Failures.run(() -> rows.select(hour, day, bucket.apply(functions.col("_duration")).as("bucket"),
                        functions.col("_types"), functions.col("label"))
                .groupBy("hour", "day", "bucket", "_types", "label").count().collectAsList());
        return fromCounts(counts);
    }

    /** The aggregates of (hour, day, bucket, types, label, count) rows. */
    static SparkAggregates fromCounts(List<Row> counts) {
        long n = 0;
        long buyers = 0;
        long[][] hour = new long[24][2];
        long[][] day = new long[7][2];
        long[][] duration = new long[Breakdowns.DURATION_BUCKETS.size()][2];
        Map<Long, long[]> byTypes = new LinkedHashMap<>();
        int present = 0;
        for (Row r : counts) {
            int h = ((Number) r.get(0)).intValue();
            int d = ((Number) r.get(1)).intValue();
            int b = r.isNullAt(2) ? -1 : r.getInt(2);
            int types = r.getInt(3);
            int label = r.getInt(4);
            long c = r.getLong(5);
            n += c;
            buyers += label * c;
            if (h >= 0) {
                hour[h][label] += c;
                day[d][label] += c;
            }
            if (b >= 0) {
                duration[b][label] += c;
            }
            present |= types;
            byTypes.computeIfAbsent(((long) types << 1) | label, k -> new long[1])[0] += c;
        }
        Kpis kpis = new Kpis(n, buyers, n == 0 ? 0 : (double) buyers / n, Wilson.interval(buyers, n), null);
        List<Breakdown> breakdowns = new ArrayList<>();
        addBreakdown(breakdowns, Breakdowns.HOUR_OF_DAY, hour, labels(24, HOUR_MS));
        addBreakdown(breakdowns, Breakdowns.DAY_OF_WEEK, day, labels(7, DAY_MS));
        addBreakdown(breakdowns, Breakdowns.DURATION, duration, Breakdowns.DURATION_BUCKETS);
        return new SparkAggregates(kpis, breakdowns, funnel(byTypes, present, n));
    }

    private static void addBreakdown(List<Breakdown> out, String dimension, long[][] counts, List<String> labels) {
        List<Breakdown.Group> groups = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            long s = counts[k][0] + counts[k][1];
            if (s > 0) {
                groups.add(new Breakdown.Group(labels.get(k), s, counts[k][1], (double) counts[k][1] / s,
                        Wilson.interval(counts[k][1], s), Double.NaN));
            }
        }
        if (!groups.isEmpty()) {
            out.add(new Breakdown(dimension, Breakdowns.title(dimension), groups));
        }
    }

    /**
     * The metrics module's labels of {@code k} hours (step {@link #HOUR_MS}) or days (step {@link #DAY_MS}): it
     * labels one session starting at each, from Monday 1970-01-05 00:00 UTC on.
     */
    private static List<String> labels(int k, long step) {
        SessionFacts.Builder b = SessionFacts.builder(ZoneOffset.UTC);
        long monday = 4 * DAY_MS;
        for (int i = 0; i < k; i++) {
            b.addRow("s" + i, false, monday + i * step, 0, 1, 0, Map.of());
        }
        SessionFacts facts = b.build();
        Breakdown br = step == HOUR_MS ? Breakdowns.byHourOfDay(facts) : Breakdowns.byDayOfWeek(facts);
        List<String> out = new ArrayList<>();
        for (Breakdown.Group g : br.groups()) {
            out.add(g.label());
        }
        return out;
    }

    /**
     * The funnel of counts per (event types present, label): the metrics module's {@link Funnel#of} decides which
     * steps a combination reaches, asked with the presence of every type in the data (a reference row with all of
     * them), so that the steps it keeps are the data's.
     */
    private static Funnel funnel(Map<Long, long[]> byTypes, int present, long n) {
        SessionFacts reference = facts(List.of(new long[]{present, 0}));
        Funnel base = Funnel.of(reference);
        int m = base.steps().size();
        long[] reached = new long[m];
        for (Map.Entry<Long, long[]> e : byTypes.entrySet()) {
            int types = (int) (e.getKey() >> 1);
            int label = (int) (e.getKey() & 1);
            Funnel with = Funnel.of(facts(List.of(new long[]{present, 0}, new long[]{types, label})));
            for (int j = 0; j < m; j++) {
                reached[j] += e.getValue()[0] * (with.steps().get(j).sessions() - base.steps().get(j).sessions());
            }
        }
        List<Funnel.Step> steps = new ArrayList<>();
        long prev = n;
        for (int j = 0; j < m; j++) {
            long c = reached[j];
            steps.add(new Funnel.Step(base.steps().get(j).name(), c, n == 0 ? 0 : (double) c / n,
                    j == 0 || prev == 0 ? 0 : 1 - (double) c / prev));
            prev = c;
        }
        return new Funnel(steps, base.skipped());
    }

    private static SessionFacts facts(List<long[]> rows) {
        SessionFacts.Builder b = SessionFacts.builder(ZoneOffset.UTC);
        int i = 0;
        for (long[] r : rows) {
            b.addRow("f" + i++, r[1] == 1, 0, 0, Integer.bitCount((int) r[0]), (int) r[0], Map.of());
        }
        return b.build();
    }
}
