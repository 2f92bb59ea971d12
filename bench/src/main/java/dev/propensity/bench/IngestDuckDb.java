package dev.propensity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB side of the ingest benchmark, run in a JVM of its own: one {@code GROUP BY user_session} over the
 * REES46-format CSV computing the per-session aggregates of the pandas peer ({@code pandas_sessions.py}):
 * events, views, carts, purchased, start, end, distinct products, mean and max price, duration and hour. The
 * per-session rows are consumed as our side consumes its feature rows: folded into checksums over every column
 * (so that no aggregate can be optimized away), without being stored.
 *
 * <p>Arguments: {@code FILE [THREADS]} (threads default 2). Reports {@code seconds}, {@code sessions},
 * {@code purchases}, {@code events}, {@code checksum}, {@code rss} and {@code heap}.
 */
public final class IngestDuckDb {
    private IngestDuckDb() {
    }

    /** The aggregation query over a file. */
    static String query(Path file) {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        return "SELECT count(*) AS sessions, count(*) FILTER (WHERE purchased) AS purchases, sum(events) AS events,"
                + " sum(views) + sum(carts) + sum(products) + sum(duration_s) + sum(start_hour) AS checksum,"
                + " sum(mean_price) + sum(max_price) AS price_checksum, max(end_time) AS last_end, min(start_time) AS first_start"
                + " FROM (SELECT user_session,"
                + " count(*) AS events,"
                + " count(*) FILTER (WHERE event_type = 'view') AS views,"
                + " count(*) FILTER (WHERE event_type = 'cart') AS carts,"
                + " bool_or(event_type = 'purchase') AS purchased,"
                + " min(event_time) AS start_time, max(event_time) AS end_time,"
                + " count(DISTINCT product_id) AS products,"
                + " avg(price) AS mean_price, max(price) AS max_price,"
                + " date_diff('second', min(event_time), max(event_time)) AS duration_s,"
                + " hour(min(event_time)) AS start_hour"
                + " FROM read_csv('" + path + "', header = true, auto_detect = false,"
                + " timestampformat = '%Y-%m-%d %H:%M:%S UTC',"
                + " columns = {'event_time': 'TIMESTAMP', 'event_type': 'VARCHAR', 'product_id': 'BIGINT',"
                + " 'category_id': 'BIGINT', 'category_code': 'VARCHAR', 'brand': 'VARCHAR', 'price': 'DOUBLE',"
                + " 'user_id': 'BIGINT', 'user_session': 'VARCHAR'})"
                + " GROUP BY user_session)";
    }

    /**
     * Runs the query.
     *
     * @param args {@code FILE [THREADS]}
     * @throws SQLException when DuckDB fails
     */
    public static void main(String[] args) throws SQLException, ClassNotFoundException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: IngestDuckDb FILE [THREADS], got no arguments");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Class.forName("org.duckdb.DuckDBDriver");
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            s.execute("SET preserve_insertion_order = false");
            long t1 = System.nanoTime();
            try (ResultSet r = s.executeQuery(query(file))) {
                r.next();
                Probe.emit("seconds", Probe.secondsSince(t1));
                Probe.emit("seconds_with_open", Probe.secondsSince(t0));
                Probe.emit("sessions", r.getLong(1));
                Probe.emit("purchases", r.getLong(2));
                Probe.emit("events", r.getLong(3));
                Probe.emit("checksum", r.getDouble(4));
            }
        }
        Probe.emitMemory();
    }
}
