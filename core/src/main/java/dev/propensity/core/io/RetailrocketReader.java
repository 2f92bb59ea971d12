package dev.propensity.core.io;

import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads the Retailrocket events CSV: {@code timestamp,visitorid,event,itemid,transactionid}, times in epoch
 * milliseconds.
 *
 * <p>Mapping: {@code view} &rarr; {@link EventType#PRODUCT_VIEW}, {@code addtocart} &rarr;
 * {@link EventType#ADD_TO_CART}, {@code transaction} &rarr; {@link EventType#PURCHASE}; anything else is
 * {@link RejectReason#UNKNOWN_EVENT_TYPE}. There is no session id: events carry the visitor as user id and are
 * sessionized by inactivity gap. {@code visitorid} is required; {@code transactionid} is not used. The public
 * file is not sorted by time: sort it first (for example {@code (head -1 f; tail -n +2 f | sort -t, -k1,1n)}),
 * or raise the sessionizer's out-of-order tolerance.
 */
public final class RetailrocketReader extends CsvFile implements EventReader {
    /** The header of the format. */
    public static final String[] HEADER = {"timestamp", "visitorid", "event", "itemid", "transactionid"};


    private RetailrocketReader(Path path, ReadOptions options) throws IOException {
        super(path, options, true);
        expectHeaderOrClose(HEADER);
    }

    /**
     * Opens a file and reads its header.
     *
     * @param path    the CSV file
     * @param options strict or lenient
     * @return the reader
     * @throws InputException when the file is empty, binary or has another header
     * @throws IOException    when it cannot be read
     */
    public static RetailrocketReader open(Path path, ReadOptions options) throws IOException {
        return new RetailrocketReader(path, options);
    }

    @Override
    public Event next() throws IOException {
        while (nextRow()) {
            byte[] b = sc.buffer();
            try {
                long t = Bytes.parseLong(b, sc.start(0), sc.end(0), "timestamp");
                int s = sc.start(2);
                int e = sc.end(2);
                EventType type;
                if (Bytes.equalsAscii(b, s, e, "view")) {
                    type = EventType.PRODUCT_VIEW;
                } else if (Bytes.equalsAscii(b, s, e, "addtocart")) {
                    type = EventType.ADD_TO_CART;
                } else if (Bytes.equalsAscii(b, s, e, "transaction")) {
                    type = EventType.PURCHASE;
                } else {
                    throw new RowError(RejectReason.UNKNOWN_EVENT_TYPE, "event", Bytes.show(b, s, e)
                            + " is not an event type (expected view, addtocart or transaction)");
                }
                if (sc.isEmpty(1)) {
                    throw new RowError(RejectReason.MISSING_VALUE, "visitorid", "is empty; every event needs a visitor");
                }
                report.events(1);
                return new Event(null, sc.string(1), Instant.ofEpochMilli(t), type,
                        sc.isEmpty(3) ? null : sc.string(3), null, null, Double.NaN);
            } catch (RowError x) {
                reject(x);
            }
        }
        return null;
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
