package dev.propensity.core.io;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads the REES46 "eCommerce behavior data from multi category store" events CSV:
 * {@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session}, times like
 * {@code 2019-11-01 00:00:00 UTC}.
 *
 * <p>Mapping: {@code view} &rarr; {@link EventType#PRODUCT_VIEW}, {@code cart} &rarr; {@link EventType#ADD_TO_CART},
 * {@code remove_from_cart} &rarr; {@link EventType#REMOVE_FROM_CART}, {@code purchase} &rarr;
 * {@link EventType#PURCHASE}; anything else is {@link RejectReason#UNKNOWN_EVENT_TYPE}. The event's category is
 * {@code category_code} when present, else {@code category_id}. Empty {@code brand}, {@code category_code},
 * {@code product_id} and {@code user_session} are normal and become {@code null} (an event without a session id
 * is sessionized by user); an empty price is absent ({@code NaN}); a negative, infinite or NaN price is
 * {@link RejectReason#BAD_PRICE}; {@code user_id} is required.
 *
 * <p>Fast: a byte-level parser over a large buffer that decodes the fixed-format time and the numbers straight
 * from bytes and shares repeated strings (brands, categories) through a small cache on bytes. {@link Rees46Sessions}
 * goes further: it reads this format straight into session views, without building {@link Event}s.
 */
public final class Rees46Reader extends CsvFile implements EventReader {
    /** The header of the format. */
    public static final String[] HEADER = {"event_time", "event_type", "product_id", "category_id",
        "category_code", "brand", "price", "user_id", "user_session"};
    /** Field index of {@code event_time}. */
    public static final int EVENT_TIME = 0;
    /** Field index of {@code event_type}. */
    public static final int EVENT_TYPE = 1;
    /** Field index of {@code product_id}. */
    public static final int PRODUCT_ID = 2;
    /** Field index of {@code category_id}. */
    public static final int CATEGORY_ID = 3;
    /** Field index of {@code category_code}. */
    public static final int CATEGORY_CODE = 4;
    /** Field index of {@code brand}. */
    public static final int BRAND = 5;
    /** Field index of {@code price}. */
    public static final int PRICE = 6;
    /** Field index of {@code user_id}. */
    public static final int USER_ID = 7;
    /** Field index of {@code user_session}. */
    public static final int USER_SESSION = 8;

    private final StringCache brands = new StringCache(4096);
    private final StringCache categories = new StringCache(8192);

    private long epochMillis;
    private EventType type;
    private double price;
    private Instant lastInstant;
    private long lastInstantMillis = Long.MIN_VALUE;

    /**
     * A row visitor for code that aggregates without building events. The reader has validated the row (column
     * count, time, type, price, user id) before calling it.
     */
    @FunctionalInterface
    interface Visitor {
        /**
         * Receives one valid row.
         *
         * @param row         the raw fields, indexed by the constants of {@link Rees46Reader}; valid only during
         *                    this call
         * @param epochMillis the event time in epoch milliseconds
         * @param type        the event type
         * @param price       the price, {@code NaN} when empty
         */
        void row(RawRow row, long epochMillis, EventType type, double price);
    }

    private Rees46Reader(Path path, ReadOptions options) throws IOException {
        super(path, options, true);
        expectHeaderOrClose(HEADER);
    }

    private Rees46Reader(Path path, ReadOptions options, long from, long to) throws IOException {
        super(path, options, true, from, to);
        if (from == 0) {
            expectHeaderOrClose(HEADER);
        } else {
            header = HEADER.clone();
        }
    }

    /**
     * Opens the rows in the bytes {@code [from, to)} of a file, so that several threads can read parts of one
     * file. The file's header is checked first, as by {@link #open(Path, ReadOptions)}. Line numbers in errors
     * and in the report count from {@code from}, not from the start of the file: use this reader for speed, and
     * {@link #open(Path, ReadOptions)} to locate a bad row.
     *
     * @param path    the CSV file
     * @param options strict or lenient, buffer size
     * @param from    0 (the header is read as usual), or the first byte of a line after the header
     * @param to      the end of a line, or the file's size
     * @return the reader, positioned before the first row of the range
     * @throws InputException when the file is empty, binary or has another header
     * @throws IOException    when it cannot be read
     */
    public static Rees46Reader openRange(Path path, ReadOptions options, long from, long to) throws IOException {
        if (from > 0) {
            open(path, options).close();
        }
        return new Rees46Reader(path, options, from, to);
    }

    /**
     * Opens a file and reads its header.
     *
     * @param path    the CSV file
     * @param options strict or lenient, buffer size
     * @return the reader, positioned before the first data row
     * @throws InputException when the file is empty, binary or has another header
     * @throws IOException    when it cannot be read
     */
    public static Rees46Reader open(Path path, ReadOptions options) throws IOException {
        return new Rees46Reader(path, options);
    }

    /** Parses the current row's key fields; false (after rejecting it) when it is bad. */
    private boolean parse() {
        byte[] b = sc.buffer();
        try {
            epochMillis = Bytes.parseUtcDateTime(b, sc.start(EVENT_TIME), sc.end(EVENT_TIME), "event_time");
            type = type(b, sc.start(EVENT_TYPE), sc.end(EVENT_TYPE));
            int ps = sc.start(PRICE);
            int pe = sc.end(PRICE);
            if (ps == pe) {
                price = Double.NaN;
            } else {
                price = Bytes.parseDouble(b, ps, pe, "price");
                if (!Prices.valid(price)) {
                    throw new RowError(RejectReason.BAD_PRICE, "price", Bytes.show(b, ps, pe)
                            + " is not a valid price " + Prices.RULE);
                }
            }
            if (sc.isEmpty(USER_ID)) {
                throw new RowError(RejectReason.MISSING_VALUE, "user_id", "is empty; every event needs a user id");
            }
            return true;
        } catch (RowError e) {
            reject(e);
            return false;
        }
    }

    private static EventType type(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 4 && b[s] == 'v' && b[s + 1] == 'i' && b[s + 2] == 'e' && b[s + 3] == 'w') {
            return EventType.PRODUCT_VIEW;
        }
        if (n == 4 && Bytes.equalsAscii(b, s, e, "cart")) {
            return EventType.ADD_TO_CART;
        }
        if (n == 8 && Bytes.equalsAscii(b, s, e, "purchase")) {
            return EventType.PURCHASE;
        }
        if (n == 16 && Bytes.equalsAscii(b, s, e, "remove_from_cart")) {
            return EventType.REMOVE_FROM_CART;
        }
        throw new RowError(RejectReason.UNKNOWN_EVENT_TYPE, "event_type", Bytes.show(b, s, e)
                + " is not an event type (expected view, cart, remove_from_cart or purchase)");
    }

    @Override
    public Event next() throws IOException {
        while (nextRow()) {
            if (parse()) {
                Event ev = currentEvent();
                report.events(1);
                return ev;
            }
        }
        return null;
    }

    /** The current (parsed, valid) row as an event; during {@link #scan} too. */
    Event currentEvent() {
        byte[] b = sc.buffer();
        String category = sc.isEmpty(CATEGORY_CODE)
                ? categories.get(b, sc.start(CATEGORY_ID), sc.end(CATEGORY_ID))
                : categories.get(b, sc.start(CATEGORY_CODE), sc.end(CATEGORY_CODE));
        if (epochMillis != lastInstantMillis) {
            lastInstant = Instant.ofEpochMilli(epochMillis);
            lastInstantMillis = epochMillis;
        }
        return new Event(text(USER_SESSION), text(USER_ID), lastInstant, type, text(PRODUCT_ID), category,
                brands.get(b, sc.start(BRAND), sc.end(BRAND)), price);
    }

    /**
     * Feeds every remaining valid row to a visitor, without building events.
     *
     * @param visitor receives each valid row
     * @return the report
     * @throws InputException in strict mode, at a bad row
     * @throws IOException    when reading fails
     */
    ReadReport scan(Visitor visitor) throws IOException {
        while (nextRow()) {
            if (parse()) {
                report.events(1);
                visitor.row(sc, epochMillis, type, price);
            }
        }
        return report;
    }

    /**
     * Feeds the next valid rows to a visitor, at most {@code rows} of them, without building events: a caller that
     * has work to do between rows (sessions to hand on) does it between calls, outside the per-row loop.
     *
     * @param visitor receives each valid row
     * @param rows    the most rows to deliver in this call
     * @return whether this call delivered {@code rows} rows (more may follow); false at the end of the input
     * @throws InputException in strict mode, at a bad row
     * @throws IOException    when reading fails
     */
    boolean scan(Visitor visitor, int rows) throws IOException {
        int n = 0;
        while (n < rows && nextRow()) {
            if (parse()) {
                report.events(1);
                visitor.row(sc, epochMillis, type, price);
                n++;
            }
        }
        return n == rows;
    }

    /** A high-cardinality field (ids) decoded without caching: a cache would mostly miss. */
    private String text(int field) {
        int s = sc.start(field);
        int e = sc.end(field);
        return s == e ? null : new String(sc.buffer(), s, e - s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public long line() {
        return sc.line();
    }

    @Override
    public ReadReport report() {
        return report;
    }
}
