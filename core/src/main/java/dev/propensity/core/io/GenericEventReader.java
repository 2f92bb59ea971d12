package dev.propensity.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a shop's own event export, CSV with a header or JSON lines (one flat object per line), driven by an
 * {@link EventMapping}. The file kind is told by its first non-blank byte: an opening brace means JSON lines.
 *
 * <p>Rules: the time must parse in the mapping's {@link TimeFormat} ({@link RejectReason#BAD_TIME}); the type
 * must be in the vocabulary ({@link RejectReason#UNKNOWN_EVENT_TYPE}); at least one of session id and user id
 * must be non-empty ({@link RejectReason#MISSING_VALUE}); a price, when present, must be a finite number
 * &gt;= 0 ({@link RejectReason#BAD_NUMBER}, {@link RejectReason#BAD_PRICE}). Empty optional values are absent.
 * In JSON, a missing key is an empty value; numbers and strings are both accepted.
 */
public final class GenericEventReader extends CsvFile implements EventReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final EventMapping m;
    private final boolean json;
    private final DateTimeFormatter pattern;
    private int cTime = -1;
    private int cType = -1;
    private int cSession = -1;
    private int cUser = -1;
    private int cProduct = -1;
    private int cCategory = -1;
    private int cBrand = -1;
    private int cPrice = -1;
    private int[] cAttributes;
    private final StringCache cache = new StringCache(1 << 14);
    private final Map<String, String> jsonValues = new HashMap<>();
    private Map<String, String> attributes = Map.of();

    private GenericEventReader(Path path, ReadOptions options, boolean json) throws IOException {
        super(path, options, !json);
        this.m = options.mapping();
        this.json = json;
        TimeFormat tf = m.timeFormat();
        this.pattern = tf.kind() == TimeFormat.Kind.PATTERN ? DateTimeFormatter.ofPattern(tf.pattern()) : null;
        try {
            if (!json) {
                readHeader(m.time() + "," + m.type() + ",...");
                cTime = required(m.time(), "time");
                cType = required(m.type(), "type");
                cSession = optional(m.sessionId(), "session id");
                cUser = optional(m.userId(), "user id");
                if (cSession < 0 && cUser < 0) {
                    throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE, "the header "
                            + String.join(",", header) + " has neither the session id column " + m.sessionId()
                            + " nor the user id column " + m.userId());
                }
                cProduct = optional(m.product(), "product");
                cCategory = optional(m.category(), "category");
                cBrand = optional(m.brand(), "brand");
                cPrice = optional(m.price(), "price");
                cAttributes = new int[m.attributes().size()];
                for (int i = 0; i < cAttributes.length; i++) {
                    cAttributes[i] = optional(m.attributes().get(i), "attribute");
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static boolean isJson(Path path) throws IOException {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return looksLikeJson(head, n);
    }

    /**
     * Opens a file and, for CSV, reads and checks its header against the mapping.
     *
     * @param path    the file
     * @param options strict or lenient, and {@link ReadOptions#mapping()}
     * @return the reader
     * @throws InputException when the file is empty, binary, or lacks a required column
     * @throws IOException    when it cannot be read
     */
    public static GenericEventReader open(Path path, ReadOptions options) throws IOException {
        return new GenericEventReader(path, options, isJson(path));
    }

    private int required(String name, String role) {
        int c = column(name);
        if (c < 0) {
            throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE, "the header "
                    + String.join(",", header) + " has no " + role + " column '" + name + "'");
        }
        return c;
    }

    private int optional(String name, String role) {
        if (name == null) {
            return -1;
        }
        int c = column(name);
        if (c < 0 && !m.optionalColumns()) {
            throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE, "the header "
                    + String.join(",", header) + " has no " + role + " column '" + name + "'");
        }
        return c;
    }

    private String csv(int c) {
        if (c < 0 || sc.isEmpty(c)) {
            return null;
        }
        return cache.get(sc.buffer(), sc.start(c), sc.end(c));
    }

    private String js(String key) {
        if (key == null) {
            return null;
        }
        String v = jsonValues.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    private void parseJsonLine() throws IOException {
        jsonValues.clear();
        try (JsonParser p = JSON.createParser(sc.buffer(), sc.start(0), sc.end(0) - sc.start(0))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RowError(RejectReason.MALFORMED, null, "expected a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (v != JsonToken.VALUE_NULL) {
                    jsonValues.put(key, p.getText());
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new RowError(RejectReason.MALFORMED, null, "expected one JSON object on the line");
            }
        } catch (JsonProcessingException e) {
            throw new RowError(RejectReason.MALFORMED, null, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public Event next() throws IOException {
        while (json ? nextLine() : nextRow()) {
            try {
                String time;
                String type;
                String session;
                String user;
                String product;
                String category;
                String brand;
                String price;
                if (json) {
                    parseJsonLine();
                    time = js(m.time());
                    type = js(m.type());
                    session = js(m.sessionId());
                    user = js(m.userId());
                    product = js(m.product());
                    category = js(m.category());
                    brand = js(m.brand());
                    price = js(m.price());
                } else {
                    time = csv(cTime);
                    type = csv(cType);
                    session = csv(cSession);
                    user = csv(cUser);
                    product = csv(cProduct);
                    category = csv(cCategory);
                    brand = csv(cBrand);
                    price = csv(cPrice);
                }
                Instant t = parseTime(time);
                if (type == null) {
                    throw new RowError(RejectReason.MISSING_VALUE, m.type(), "is empty; every event needs a type");
                }
                EventType et = m.typeOf(type);
                if (et == null) {
                    throw new RowError(RejectReason.UNKNOWN_EVENT_TYPE, m.type(), "\"" + type
                            + "\" is not a known event type (known: " + m.typeValues().keySet() + ")");
                }
                if (session == null && user == null) {
                    throw new RowError(RejectReason.MISSING_VALUE, m.sessionId() != null ? m.sessionId() : m.userId(),
                            "is empty; every event needs a session id or a user id");
                }
                double p = Double.NaN;
                if (price != null) {
                    byte[] pb = price.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    p = Bytes.parseDouble(pb, 0, pb.length, m.price());
                    if (!Prices.valid(p)) {
                        throw new RowError(RejectReason.BAD_PRICE, m.price(), "\"" + price
                                + "\" is not a valid price " + Prices.RULE);
                    }
                }
                attributes = readAttributes();
                report.events(1);
                return new Event(session, user, t, et, product, category, brand, p);
            } catch (RowError e) {
                reject(e);
            }
        }
        attributes = Map.of();
        return null;
    }

    private Map<String, String> readAttributes() {
        if (m.attributes().isEmpty()) {
            return Map.of();
        }
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < m.attributes().size(); i++) {
            String name = m.attributes().get(i);
            String v = json ? js(name) : csv(cAttributes[i]);
            if (v != null) {
                a.put(name, v);
            }
        }
        return a;
    }

    private Instant parseTime(String text) {
        String col = m.time();
        if (text == null) {
            throw new RowError(RejectReason.MISSING_VALUE, col, "is empty; every event needs a time");
        }
        TimeFormat f = m.timeFormat();
        try {
            switch (f.kind()) {
                case EPOCH_MILLIS: {
                    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    return Instant.ofEpochMilli(Bytes.parseLong(b, 0, b.length, col));
                }
                case EPOCH_SECONDS: {
                    BigDecimal s = new BigDecimal(text.trim());
                    return Instant.ofEpochMilli(s.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP)
                            .longValueExact());
                }
                case PATTERN: {
                    TemporalAccessor ta = pattern.parseBest(text, ZonedDateTime::from, OffsetDateTime::from,
                            LocalDateTime::from);
                    if (ta instanceof LocalDateTime) {
                        return ((LocalDateTime) ta).atZone(f.zone()).toInstant();
                    }
                    return Instant.from(ta);
                }
                default: {
                    int n = text.length();
                    if (n == 19 || n == 20 || n == 23) {
                        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                        try {
                            return Instant.ofEpochMilli(Bytes.parseUtcDateTime(b, 0, n, col));
                        } catch (RowError e) {
                            // fall through to the full ISO parser
                        }
                    }
                    TemporalAccessor ta = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.replace(' ', 'T'),
                            OffsetDateTime::from, LocalDateTime::from);
                    if (ta instanceof LocalDateTime) {
                        return ((LocalDateTime) ta).toInstant(ZoneOffset.UTC);
                    }
                    return Instant.from(ta);
                }
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw badTime(text, f);
        } catch (RowError e) {
            if (e.reason == RejectReason.BAD_NUMBER) {
                throw badTime(text, f);
            }
            throw e;
        }
    }

    private RowError badTime(String text, TimeFormat f) {
        String expected;
        switch (f.kind()) {
            case EPOCH_MILLIS:
                expected = "epoch milliseconds";
                break;
            case EPOCH_SECONDS:
                expected = "epoch seconds";
                break;
            case PATTERN:
                expected = "a time in the pattern " + f.pattern();
                break;
            default:
                expected = "an ISO-8601 time like 2019-11-01T08:00:00Z";
                break;
        }
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new RowError(RejectReason.BAD_TIME, m.time(), Bytes.show(b, 0, b.length) + " is not " + expected);
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
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
