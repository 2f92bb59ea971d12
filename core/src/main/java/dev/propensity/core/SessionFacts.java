package dev.propensity.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The descriptive facts of many sessions, stored by column: id, label, start, duration, event count, which event
 * types occurred, and the session attributes. This is what business breakdowns (conversion by hour, by duration,
 * by traffic source; the funnel) are computed from, without keeping the sessions themselves in memory.
 *
 * <p>Facts describe the <em>whole</em> session (a buying session's duration includes its purchase); they are for
 * reporting, never for model features, which go through the cutoff policies of the features module.
 *
 * <p>Instances are immutable once built; build one with {@link #builder()} (or {@link #of(Iterable)}). Row
 * order is the order sessions were added.
 */
public final class SessionFacts {
    /** Marks an unknown start time in {@link #startMillis(int)}. */
    public static final long UNKNOWN_START = Long.MIN_VALUE;

    private final IdColumn ids;
    private final boolean[] purchased;
    private final long[] startMillis;
    private final double[] durationSeconds;
    private final int[] eventCounts;
    private final int[] typeMasks;
    private final Map<String, int[]> attributeCodes;
    private final Map<String, List<String>> attributeLevels;
    private final ZoneId zone;

    private SessionFacts(Builder b) {
        int n = b.size;
        this.ids = b.ids.build();
        this.purchased = Arrays.copyOf(b.purchased, n);
        this.startMillis = Arrays.copyOf(b.startMillis, n);
        this.durationSeconds = Arrays.copyOf(b.durationSeconds, n);
        this.eventCounts = Arrays.copyOf(b.eventCounts, n);
        this.typeMasks = Arrays.copyOf(b.typeMasks, n);
        Map<String, int[]> codes = new LinkedHashMap<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (Map.Entry<String, Builder.Column> e : b.attributes.entrySet()) {
            int[] c = Arrays.copyOf(e.getValue().codes, n);
            // rows added before the attribute first appeared are missing (-1)
            for (int i = 0; i < e.getValue().firstRow; i++) {
                c[i] = -1;
            }
            codes.put(e.getKey(), c);
            levels.put(e.getKey(), List.copyOf(e.getValue().levels));
        }
        this.attributeCodes = Collections.unmodifiableMap(codes);
        this.attributeLevels = Collections.unmodifiableMap(levels);
        this.zone = b.zone;
    }

    /** A builder whose times are read in UTC. */
    public static Builder builder() {
        return new Builder(ZoneOffset.UTC);
    }

    /**
     * A builder whose hour-of-day and day-of-week are read in the given zone.
     *
     * @param zone the shop's time zone
     * @return an empty builder
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(Objects.requireNonNull(zone, "zone"));
    }

    /** The facts of the given sessions, in order, with times in UTC. */
    public static SessionFacts of(Iterable<Session> sessions) {
        Builder b = builder();
        for (Session s : sessions) {
            b.add(s);
        }
        return b.build();
    }

    /** The number of sessions. */
    public int size() {
        return ids.size();
    }

    /** The zone that hour of day and day of week are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The session id of a row. */
    public String id(int row) {
        return ids.get(row);
    }

    /** The label of a row. */
    public boolean purchased(int row) {
        return purchased[row];
    }

    /** A copy of all labels, in row order. */
    public boolean[] labels() {
        return purchased.clone();
    }

    /** Whether the start time of a row is known (false for table sessions). */
    public boolean hasStart(int row) {
        return startMillis[row] != UNKNOWN_START;
    }

    /** The start of a row in epoch milliseconds, or {@link #UNKNOWN_START}. */
    public long startMillis(int row) {
        return startMillis[row];
    }

    /** The start of a row, or {@code null} when unknown. */
    public Instant start(int row) {
        return hasStart(row) ? Instant.ofEpochMilli(startMillis[row]) : null;
    }

    /** Whole-session duration in seconds, or {@code NaN} when unknown (table sessions without a duration). */
    public double durationSeconds(int row) {
        return durationSeconds[row];
    }

    /** The number of events of a row (0 for a table session). */
    public int eventCount(int row) {
        return eventCounts[row];
    }

    /** Whether a row's session has at least one event of a type. Always false for table sessions. */
    public boolean has(int row, EventType type) {
        return (typeMasks[row] & (1 << type.ordinal())) != 0;
    }

    /** Whether any row has events (as opposed to all being table rows). */
    public boolean hasEvents() {
        for (int c : eventCounts) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every row has a known start time (so hour of day and day of week can be broken down). */
    public boolean hasStartTimes() {
        if (ids.size() == 0) {
            return false;
        }
        for (long s : startMillis) {
            if (s == UNKNOWN_START) {
                return false;
            }
        }
        return true;
    }

    /** The event types that occur in at least one row. */
    public Set<EventType> eventTypesPresent() {
        int all = 0;
        for (int m : typeMasks) {
            all |= m;
        }
        EnumSet<EventType> set = EnumSet.noneOf(EventType.class);
        for (EventType t : EventType.values()) {
            if ((all & (1 << t.ordinal())) != 0) {
                set.add(t);
            }
        }
        return set;
    }

    /** The attribute names present, in the order first seen. */
    public Set<String> attributeNames() {
        return attributeCodes.keySet();
    }

    /** The levels of an attribute in the order first seen. */
    public List<String> levels(String attribute) {
        List<String> l = attributeLevels.get(attribute);
        if (l == null) {
            throw new IllegalArgumentException("no attribute '" + attribute + "'; present: " + attributeNames());
        }
        return l;
    }

    /** A row's value of an attribute, or {@code null} when the row lacks it. */
    public String attribute(String attribute, int row) {
        int code = codes(attribute)[row];
        return code < 0 ? null : attributeLevels.get(attribute).get(code);
    }

    /** A row's level index of an attribute ({@link #levels(String)}), or -1 when the row lacks it. */
    public int attributeCode(String attribute, int row) {
        return codes(attribute)[row];
    }

    private int[] codes(String attribute) {
        int[] c = attributeCodes.get(attribute);
        if (c == null) {
            throw new IllegalArgumentException("no attribute '" + attribute + "'; present: " + attributeNames());
        }
        return c;
    }

    /**
     * The facts of the given rows, in the given order (for a fold or a holdout split).
     *
     * @param rows row indices, each in [0, size)
     * @return a new facts table
     */
    public SessionFacts select(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        int n = rows.length;
        IdColumn sIds = ids.select(rows);
        boolean[] sPurchased = new boolean[n];
        long[] sStart = new long[n];
        double[] sDuration = new double[n];
        int[] sCounts = new int[n];
        int[] sMasks = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            sPurchased[i] = purchased[r];
            sStart[i] = startMillis[r];
            sDuration[i] = durationSeconds[r];
            sCounts[i] = eventCounts[r];
            sMasks[i] = typeMasks[r];
        }
        Map<String, int[]> codes = new LinkedHashMap<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : attributeCodes.entrySet()) {
            // levels renumbered in the order first seen among the selected rows, as a builder would number them
            int[] old = e.getValue();
            List<String> oldLevels = attributeLevels.get(e.getKey());
            int[] remap = new int[oldLevels.size()];
            Arrays.fill(remap, -1);
            List<String> newLevels = new ArrayList<>();
            int[] c = new int[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                int o = old[rows[i]];
                if (o < 0) {
                    c[i] = -1;
                    continue;
                }
                any = true;
                if (remap[o] < 0) {
                    remap[o] = newLevels.size();
                    newLevels.add(oldLevels.get(o));
                }
                c[i] = remap[o];
            }
            if (any) {
                codes.put(e.getKey(), c);
                levels.put(e.getKey(), List.copyOf(newLevels));
            }
        }
        return new SessionFacts(sIds, sPurchased, sStart, sDuration, sCounts, sMasks,
                Collections.unmodifiableMap(codes), Collections.unmodifiableMap(levels), zone);
    }

    private SessionFacts(IdColumn ids, boolean[] purchased, long[] startMillis, double[] durationSeconds,
                         int[] eventCounts, int[] typeMasks, Map<String, int[]> attributeCodes,
                         Map<String, List<String>> attributeLevels, ZoneId zone) {
        this.ids = ids;
        this.purchased = purchased;
        this.startMillis = startMillis;
        this.durationSeconds = durationSeconds;
        this.eventCounts = eventCounts;
        this.typeMasks = typeMasks;
        this.attributeCodes = attributeCodes;
        this.attributeLevels = attributeLevels;
        this.zone = zone;
    }

    @Override
    public String toString() {
        int buyers = 0;
        for (boolean p : purchased) {
            buyers += p ? 1 : 0;
        }
        return "SessionFacts[sessions=" + ids.size() + ", purchases=" + buyers + ", attributes=" + attributeNames()
                + ", zone=" + zone + "]";
    }

    /** Collects session facts row by row; not thread-safe. */
    public static final class Builder {
        private final ZoneId zone;
        private int size;
        private final IdColumn.Appender ids = new IdColumn.Appender(16, 0);
        private boolean[] purchased = new boolean[16];
        private long[] startMillis = new long[16];
        private double[] durationSeconds = new double[16];
        private int[] eventCounts = new int[16];
        private int[] typeMasks = new int[16];
        private final Map<String, Column> attributes = new LinkedHashMap<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        /**
         * Adds a session's facts. For a table session, a {@code duration_seconds} attribute, when numeric, is used
         * as its duration.
         *
         * @param s the session
         * @return this builder
         */
        public Builder add(Session s) {
            return add(SessionView.of(s));
        }

        /**
         * Adds the facts of a session view (its whole session, whatever a cutoff leaves visible). For a view without
         * events, a {@code duration_seconds} attribute, when numeric, is used as its duration.
         *
         * @param v the view
         * @return this builder
         */
        public Builder add(SessionView v) {
            int n = v.size();
            int mask = 0;
            for (int i = 0; i < n; i++) {
                mask |= 1 << v.type(i).ordinal();
            }
            boolean purchased = v.purchased();
            long start = n > 0 ? v.time(0) : UNKNOWN_START;
            double dur = n > 0 ? (v.time(n - 1) - v.time(0)) / 1000.0
                    : parseOrNaN(v.attributes().get("duration_seconds"));
            return addRow(v.id(), purchased, start, dur, n, mask, v.attributes());
        }

        /**
         * Adds every row of another builder, in its order (for work built in parts on several threads).
         *
         * @param other the rows to add
         * @return this builder
         */
        public Builder addAll(Builder other) {
            Objects.requireNonNull(other, "other");
            for (int i = 0; i < other.size; i++) {
                Map<String, String> attrs = Map.of();
                if (!other.attributes.isEmpty()) {
                    attrs = new HashMap<>();
                    for (Map.Entry<String, Column> c : other.attributes.entrySet()) {
                        Column col = c.getValue();
                        int code = i < col.codes.length ? col.codes[i] : -1;
                        if (i >= col.firstRow && code >= 0) {
                            attrs.put(c.getKey(), col.levels.get(code));
                        }
                    }
                }
                addRow(other.ids.get(i), other.purchased[i], other.startMillis[i], other.durationSeconds[i],
                        other.eventCounts[i], other.typeMasks[i], attrs);
            }
            return this;
        }

        /**
         * Adds a row from already-computed facts (for streaming code that does not build {@link Session}s).
         *
         * @param id              the session id
         * @param purchased       the label
         * @param startMillis     start in epoch ms, or {@link #UNKNOWN_START}
         * @param durationSeconds whole-session duration in seconds, or NaN
         * @param eventCount      number of events
         * @param typeMask        bit {@code 1 << type.ordinal()} set for each event type present
         * @param attributes      attributes by name
         * @return this builder
         */
        public Builder addRow(String id, boolean purchased, long startMillis, double durationSeconds, int eventCount,
                              int typeMask, Map<String, String> attributes) {
            Objects.requireNonNull(id, "id");
            if (size == this.purchased.length) {
                int cap = size * 2;
                this.purchased = Arrays.copyOf(this.purchased, cap);
                this.startMillis = Arrays.copyOf(this.startMillis, cap);
                this.durationSeconds = Arrays.copyOf(this.durationSeconds, cap);
                eventCounts = Arrays.copyOf(eventCounts, cap);
                typeMasks = Arrays.copyOf(typeMasks, cap);
            }
            ids.add(id);
            this.purchased[size] = purchased;
            this.startMillis[size] = startMillis;
            this.durationSeconds[size] = durationSeconds;
            eventCounts[size] = eventCount;
            typeMasks[size] = typeMask;
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                attributes(a.getKey()).set(size, a.getValue());
            }
            for (Column c : this.attributes.values()) {
                c.ensure(size);
                if (c.lastSet != size) {
                    c.codes[size] = -1;
                }
            }
            size++;
            return this;
        }

        private Column attributes(String name) {
            return attributes.computeIfAbsent(name, k -> new Column(size));
        }

        /** The number of rows added so far. */
        public int size() {
            return size;
        }

        /** The facts collected so far; the builder may go on being used. */
        public SessionFacts build() {
            return new SessionFacts(this);
        }

        private static double parseOrNaN(String s) {
            if (s == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private static final class Column {
            final int firstRow;
            int[] codes = new int[16];
            int lastSet = -1;
            final List<String> levels = new ArrayList<>();
            final Map<String, Integer> index = new HashMap<>();

            Column(int firstRow) {
                this.firstRow = firstRow;
            }

            void ensure(int row) {
                if (row >= codes.length) {
                    codes = Arrays.copyOf(codes, Math.max(codes.length * 2, row + 1));
                }
            }

            void set(int row, String value) {
                ensure(row);
                if (value == null) {
                    codes[row] = -1;
                } else {
                    Integer code = index.get(value);
                    if (code == null) {
                        code = levels.size();
                        levels.add(value);
                        index.put(value, code);
                    }
                    codes[row] = code;
                }
                lastSet = row;
            }
        }
    }
}
