package dev.propensity.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OTTO RecSys JSON lines, one session per line:
 * {@code {"session":N,"events":[{"aid":N,"ts":epoch-ms,"type":"clicks"|"carts"|"orders"}, ...]}}, with Jackson's
 * streaming parser (one small parser per line, so a bad line can be skipped in lenient mode).
 *
 * <p>Mapping: {@code clicks} &rarr; {@link EventType#PRODUCT_VIEW}, {@code carts} &rarr;
 * {@link EventType#ADD_TO_CART}, {@code orders} &rarr; {@link EventType#PURCHASE}. The session number becomes the
 * session id, {@code aid} the product id; there is no user id. A line is a row: one bad event rejects its whole
 * line. A line with no events is {@link RejectReason#MISSING_VALUE}.
 *
 * <p>Read as sessions ({@link #nextSession()}, {@link #asSessions()}) each line is one session: OTTO sessions are
 * defined by the shop, whatever the pauses inside them.
 */
public final class OttoReader extends CsvFile implements EventReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final List<Event> lineEvents = new ArrayList<>();
    private String lineSession;
    private int nextIndex;
    /** The most events one session keeps (the sessionizer's maximum session length). */
    private final int maxEvents;
    private long overLimit;

    private OttoReader(Path path, ReadOptions options) throws IOException {
        super(path, options, false);
        this.maxEvents = options.sessionizer().maxSessionEvents();
    }

    /**
     * Opens a file.
     *
     * @param path    the JSON lines file
     * @param options strict or lenient
     * @return the reader
     * @throws InputException when the file is binary
     * @throws IOException    when it cannot be read
     */
    public static OttoReader open(Path path, ReadOptions options) throws IOException {
        return new OttoReader(path, options);
    }

    /** Reads the next good line into lineEvents; false at the end. */
    private boolean readLine() throws IOException {
        while (nextLine()) {
            try {
                parse();
                report.events(lineEvents.size());
                nextIndex = 0;
                return true;
            } catch (RowError e) {
                reject(e);
            }
        }
        lineEvents.clear();
        return false;
    }

    private void parse() throws IOException {
        lineEvents.clear();
        lineSession = null;
        List<long[]> raw = new ArrayList<>();
        List<EventType> types = new ArrayList<>();
        try (JsonParser p = JSON.createParser(sc.buffer(), sc.start(0), sc.end(0) - sc.start(0))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowError(RejectReason.MALFORMED, null, "expected a JSON object {\"session\":N,\"events\":[...]}");
            }
            boolean sawEvents = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if ("session".equals(key)) {
                    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_STRING) {
                        throw new RowError(RejectReason.BAD_NUMBER, "session", "\"" + p.getText()
                                + "\" is not a session number");
                    }
                    lineSession = p.getText();
                } else if ("events".equals(key)) {
                    if (v != JsonToken.START_ARRAY) {
                        throw new RowError(RejectReason.MALFORMED, "events", "is not an array");
                    }
                    sawEvents = true;
                    int i = 0;
                    boolean purchaseKept = false;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long aid = Long.MIN_VALUE;
                        long ts = Long.MIN_VALUE;
                        EventType type = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            JsonToken t = p.nextToken();
                            if ("aid".equals(k)) {
                                aid = number(p, t, "events[" + i + "].aid");
                            } else if ("ts".equals(k)) {
                                ts = number(p, t, "events[" + i + "].ts");
                            } else if ("type".equals(k)) {
                                type = type(p.getText(), "events[" + i + "].type");
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (ts == Long.MIN_VALUE || type == null) {
                            throw new RowError(RejectReason.MISSING_VALUE, "events[" + i + "]",
                                    "needs \"ts\" and \"type\"");
                        }
                        if (raw.size() < maxEvents || type == EventType.PURCHASE && !purchaseKept) {
                            raw.add(new long[] {aid, ts});
                            types.add(type);
                            purchaseKept |= type == EventType.PURCHASE;
                        } else {
                            overLimit++; // the session's first purchase is kept beyond the limit, for its label
                            report.overSessionLimit(overLimit);
                        }
                        i++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (lineSession == null) {
                throw new RowError(RejectReason.MISSING_VALUE, "session", "is missing");
            }
            if (!sawEvents || raw.isEmpty()) {
                throw new RowError(RejectReason.MISSING_VALUE, "events", "session " + lineSession + " has no events");
            }
        } catch (JsonProcessingException e) {
            throw new RowError(RejectReason.MALFORMED, null, "invalid JSON: " + e.getOriginalMessage());
        }
        for (int i = 0; i < raw.size(); i++) {
            long[] r = raw.get(i);
            lineEvents.add(new Event(lineSession, null, Instant.ofEpochMilli(r[1]), types.get(i),
                    r[0] == Long.MIN_VALUE ? null : Long.toString(r[0]), null, null, Double.NaN));
        }
    }

    private static long number(JsonParser p, JsonToken t, String column) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        throw new RowError(RejectReason.BAD_NUMBER, column, "\"" + p.getText() + "\" is not an integer");
    }

    private static EventType type(String v, String column) {
        switch (v) {
            case "clicks":
                return EventType.PRODUCT_VIEW;
            case "carts":
                return EventType.ADD_TO_CART;
            case "orders":
                return EventType.PURCHASE;
            default:
                throw new RowError(RejectReason.UNKNOWN_EVENT_TYPE, column, "\"" + v
                        + "\" is not an event type (expected clicks, carts or orders)");
        }
    }

    @Override
    public Event next() throws IOException {
        while (nextIndex >= lineEvents.size()) {
            if (!readLine()) {
                return null;
            }
        }
        return lineEvents.get(nextIndex++);
    }

    /**
     * The next line's session (the rest of a line partly consumed by {@link #next()} is dropped).
     *
     * @return the session, or {@code null} at the end
     * @throws IOException when reading fails
     */
    public Session nextSession() throws IOException {
        if (!readLine()) {
            return null;
        }
        nextIndex = lineEvents.size();
        return Session.of(lineSession, null, lineEvents);
    }

    /**
     * This reader as a {@link SessionReader} of one session per line; closing it closes this reader.
     *
     * @return the view
     */
    public SessionReader asSessions() {
        return new SessionReader() {
            @Override
            public Session next() throws IOException {
                return nextSession();
            }

            @Override
            public ReadReport report() {
                return report;
            }

            @Override
            public void close() throws IOException {
                OttoReader.this.close();
            }
        };
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
