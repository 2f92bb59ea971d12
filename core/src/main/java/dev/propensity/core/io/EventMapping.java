package dev.propensity.core.io;

import dev.propensity.core.EventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which columns of a shop's own event export (CSV with a header, or JSON lines with flat objects) hold what, so
 * that {@link GenericEventReader} reads it without code.
 *
 * <p>Required: a time column and its {@link TimeFormat}, a type column, and a session id or user id column (or
 * both). Optional: product, category, brand, price, and attribute columns (session-level facts such as traffic
 * source, collected into the session's attributes). Type values are matched case-insensitively and with
 * surrounding blanks trimmed, through {@link #typeValues()}: by default {@link #DEFAULT_TYPE_VALUES}. Build one
 * with {@link #builder()}; {@link #standard()} is the layout the simulator writes.
 */
public final class EventMapping {
    /**
     * The default type vocabulary: each {@link EventType} name in lower case, plus common synonyms
     * ({@code view}, {@code click(s)}, {@code detail} &rarr; product view; {@code pageview}, {@code page} &rarr;
     * page view; {@code cart(s)}, {@code addtocart} &rarr; add to cart; {@code removefromcart} &rarr; remove;
     * {@code begin_checkout} &rarr; checkout; {@code order(s)}, {@code transaction} &rarr; purchase).
     */
    public static final Map<String, EventType> DEFAULT_TYPE_VALUES;

    static {
        Map<String, EventType> m = new LinkedHashMap<>();
        for (EventType t : EventType.values()) {
            m.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        m.put("pageview", EventType.PAGE_VIEW);
        m.put("page", EventType.PAGE_VIEW);
        m.put("view", EventType.PRODUCT_VIEW);
        m.put("click", EventType.PRODUCT_VIEW);
        m.put("clicks", EventType.PRODUCT_VIEW);
        m.put("detail", EventType.PRODUCT_VIEW);
        m.put("cart", EventType.ADD_TO_CART);
        m.put("carts", EventType.ADD_TO_CART);
        m.put("addtocart", EventType.ADD_TO_CART);
        m.put("removefromcart", EventType.REMOVE_FROM_CART);
        m.put("begin_checkout", EventType.CHECKOUT);
        m.put("order", EventType.PURCHASE);
        m.put("orders", EventType.PURCHASE);
        m.put("transaction", EventType.PURCHASE);
        DEFAULT_TYPE_VALUES = Collections.unmodifiableMap(m);
    }

    /** The column names of {@link #standard()}, in the order the simulator writes them. */
    public static final List<String> STANDARD_COLUMNS = List.of("time", "session_id", "user_id", "type",
            "product_id", "category", "brand", "price", "traffic_source", "visitor_type", "device");

    private final String time;
    private final TimeFormat timeFormat;
    private final String type;
    private final Map<String, EventType> typeValues;
    private final String sessionId;
    private final String userId;
    private final String product;
    private final String category;
    private final String brand;
    private final String price;
    private final List<String> attributes;
    private final boolean optionalColumns;

    private EventMapping(Builder b) {
        this.time = b.time;
        this.timeFormat = b.timeFormat;
        this.type = b.type;
        this.typeValues = Collections.unmodifiableMap(new LinkedHashMap<>(b.typeValues));
        this.sessionId = b.sessionId;
        this.userId = b.userId;
        this.product = b.product;
        this.category = b.category;
        this.brand = b.brand;
        this.price = b.price;
        this.attributes = List.copyOf(b.attributes);
        this.optionalColumns = b.optionalColumns;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The layout of the simulator's events CSV: {@code time} (ISO), {@code session_id}, {@code user_id},
     * {@code type} (the default vocabulary), {@code product_id}, {@code category}, {@code brand}, {@code price},
     * and the attributes {@code traffic_source}, {@code visitor_type}, {@code device}. Every column but time,
     * type and one of session/user id may be missing from a file.
     *
     * @return the mapping
     */
    public static EventMapping standard() {
        return builder().time("time", TimeFormat.ISO).type("type").sessionId("session_id").userId("user_id")
                .product("product_id").category("category").brand("brand").price("price")
                .attributes("traffic_source", "visitor_type", "device").optionalColumns(true).build();
    }

    /** The time column. */
    public String time() {
        return time;
    }

    /** How the time column is written. */
    public TimeFormat timeFormat() {
        return timeFormat;
    }

    /** The type column. */
    public String type() {
        return type;
    }

    /** Type values (lower case) to event types. */
    public Map<String, EventType> typeValues() {
        return typeValues;
    }

    /** The session id column, or {@code null}. */
    public String sessionId() {
        return sessionId;
    }

    /** The user id column, or {@code null}. */
    public String userId() {
        return userId;
    }

    /** The product id column, or {@code null}. */
    public String product() {
        return product;
    }

    /** The category column, or {@code null}. */
    public String category() {
        return category;
    }

    /** The brand column, or {@code null}. */
    public String brand() {
        return brand;
    }

    /** The price column, or {@code null}. */
    public String price() {
        return price;
    }

    /** The attribute columns (session-level facts). */
    public List<String> attributes() {
        return attributes;
    }

    /** Whether mapped columns other than time, type and the ids may be missing from a file. */
    public boolean optionalColumns() {
        return optionalColumns;
    }

    /** The event type of a value, or {@code null} when the vocabulary lacks it. */
    EventType typeOf(String value) {
        EventType t = typeValues.get(value);
        return t != null ? t : typeValues.get(value.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "EventMapping[time=" + time + " (" + timeFormat.kind() + "), type=" + type + ", sessionId=" + sessionId
                + ", userId=" + userId + ", product=" + product + ", category=" + category + ", brand=" + brand
                + ", price=" + price + ", attributes=" + attributes + "]";
    }

    /** Builds an {@link EventMapping}; not thread-safe. */
    public static final class Builder {
        private String time;
        private TimeFormat timeFormat;
        private String type;
        private Map<String, EventType> typeValues = DEFAULT_TYPE_VALUES;
        private String sessionId;
        private String userId;
        private String product;
        private String category;
        private String brand;
        private String price;
        private final List<String> attributes = new ArrayList<>();
        private boolean optionalColumns;

        private Builder() {
        }

        /**
         * The time column and its format (required).
         *
         * @param column the column name
         * @param format how it is written
         * @return this builder
         */
        public Builder time(String column, TimeFormat format) {
            this.time = Objects.requireNonNull(column, "column");
            this.timeFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** The type column (required), read with the default vocabulary. */
        public Builder type(String column) {
            this.type = Objects.requireNonNull(column, "column");
            return this;
        }

        /**
         * The type column and its own vocabulary (keys matched case-insensitively); values outside it are
         * {@link RejectReason#UNKNOWN_EVENT_TYPE}.
         *
         * @param column the column name
         * @param values value to event type
         * @return this builder
         */
        public Builder type(String column, Map<String, EventType> values) {
            this.type = Objects.requireNonNull(column, "column");
            Map<String, EventType> m = new LinkedHashMap<>();
            for (Map.Entry<String, EventType> e : values.entrySet()) {
                m.put(e.getKey().trim().toLowerCase(Locale.ROOT), Objects.requireNonNull(e.getValue(), "type"));
            }
            if (m.isEmpty()) {
                throw new IllegalArgumentException("the type vocabulary is empty");
            }
            this.typeValues = m;
            return this;
        }

        /** The session id column. */
        public Builder sessionId(String column) {
            this.sessionId = column;
            return this;
        }

        /** The user id column. */
        public Builder userId(String column) {
            this.userId = column;
            return this;
        }

        /** The product id column. */
        public Builder product(String column) {
            this.product = column;
            return this;
        }

        /** The category column. */
        public Builder category(String column) {
            this.category = column;
            return this;
        }

        /** The brand column. */
        public Builder brand(String column) {
            this.brand = column;
            return this;
        }

        /** The price column (a number; empty is absent, negative or NaN is {@link RejectReason#BAD_PRICE}). */
        public Builder price(String column) {
            this.price = column;
            return this;
        }

        /** Columns whose values become session attributes under the column's name. */
        public Builder attributes(String... columns) {
            attributes.addAll(List.of(columns));
            return this;
        }

        /** Whether optional mapped columns may be missing from a file (default {@code false}: an error). */
        public Builder optionalColumns(boolean value) {
            this.optionalColumns = value;
            return this;
        }

        /**
         * The mapping.
         *
         * @return the mapping
         * @throws IllegalStateException when time, type, or both id columns are missing
         */
        public EventMapping build() {
            if (time == null || type == null) {
                throw new IllegalStateException("a mapping needs a time column and a type column, was time=" + time
                        + ", type=" + type);
            }
            if (sessionId == null && userId == null) {
                throw new IllegalStateException("a mapping needs a session id column or a user id column");
            }
            return new EventMapping(this);
        }
    }
}
