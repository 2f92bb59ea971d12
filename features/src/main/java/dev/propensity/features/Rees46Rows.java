package dev.propensity.features;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;

import dev.propensity.core.EventType;
import dev.propensity.core.io.RawRow;
import dev.propensity.core.io.Rees46Reader;

/**
 * REES46 rows straight to the standard event features, without event or session objects: the engine of
 * {@link FeatureTables.Builder#build(java.nio.file.Path, dev.propensity.core.io.InputFormat,
 * dev.propensity.core.io.ReadOptions)} for REES46 files with the default extractors and cutoff. Groups rows by {@code user_session} exactly as {@code Sessionizer.bySessionId()} does
 * (access-ordered open sessions, idle timeout plus tolerance after the watermark), keeps each open session's events
 * in three primitive arrays, and on completion computes the 25 values of {@code StandardExtractors.forEvents(zone)}
 * under the before-first-purchase cutoff, plus the session's facts, with the same arithmetic as the extractors
 * (so the values are bit for bit the same).
 */
final class Rees46Rows {
    /** Thrown when a row needs the general path (a late event, a row without a session id). */
    static final class NeedsGeneralPath extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsGeneralPath(String why) {
            super(why, null, false, false);
        }
    }

    /** Receives each completed session. */
    interface Sink {
        /**
         * One session.
         *
         * @param id          its id
         * @param purchased   its label
         * @param startMillis its first event
         * @param duration    whole-session duration in seconds
         * @param eventCount  all its events
         * @param typeMask    bit per event type present
         * @param visible     events before the cutoff
         * @param values      the 25 feature values (levels as codes); valid only during the call
         */
        void session(String id, boolean purchased, long startMillis, double duration, int eventCount, int typeMask,
                     int visible, double[] values);

        /** Called once after the last session this sink receives from its thread. */
        default void flush() {
        }
    }

    /** The number of features, as {@code StandardExtractors.forEvents(zone)} declares them. */
    static final int WIDTH = 25;
    /** The key of an empty product or category. */
    private static final long NO_KEY = Long.MIN_VALUE;

    private final long idleMs;
    private final long toleranceMs;
    private final ZoneRules zone;
    private final boolean utc;
    private final Sink sink;
    private final double[] values = new double[WIDTH];

    private final Dictionary products = new Dictionary(1 << 16);
    private final Dictionary categories = new Dictionary(1 << 12);

    // open sessions: open addressing on the id bytes, slots with LRU links
    private int[] table = new int[1 << 14];
    private int tableMask = table.length - 1;
    private int size;
    private byte[][] keys = new byte[1024][];
    private int[] hashes = new int[1024];
    private long[][] times = new long[1024][];
    private long[][] prods = new long[1024][];
    private long[][] cats = new long[1024][];
    private byte[][] types = new byte[1024][];
    private double[][] prices = new double[1024][];
    private int[] counts = new int[1024];
    private long[] lasts = new long[1024];
    private int[] prev = new int[1024];
    private int[] next = new int[1024];
    private int head = -1;
    private int tail = -1;
    private int[] free = new int[1024];
    private int freeCount;
    private int slotsUsed;

    private long[] firstEvent = new long[1024];
    /** Sessions whose first event is at or before this are held back (the second range's possible continuations). */
    private long holdUntil = Long.MIN_VALUE;
    private boolean holdFromFirst;
    private long minTime = Long.MAX_VALUE;
    final java.util.List<Detached> held = new java.util.ArrayList<>();

    private long watermark = Long.MIN_VALUE;
    long events;
    long sessionsOut;
    int maxOpen;

    /**
     * A reader-side accumulator.
     *
     * @param idleMs      the sessionizer's idle timeout
     * @param toleranceMs its out-of-order tolerance
     * @param zone        the zone of the start-time features
     * @param sink        receives each completed session
     */
    Rees46Rows(long idleMs, long toleranceMs, ZoneId zone, Sink sink) {
        this.idleMs = idleMs;
        this.toleranceMs = toleranceMs;
        this.zone = zone.getRules();
        this.utc = zone.equals(ZoneOffset.UTC) || (zone.getRules().isFixedOffset()
                && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0);
        this.sink = sink;
    }

    /**
     * Holds back, instead of emitting, every session that starts within idle timeout plus twice the tolerance of
     * the first event seen: for a reader that starts mid-file, whose first sessions may continue sessions of the
     * range before it.
     */
    void holdContinuations() {
        holdFromFirst = true;
    }

    /** The latest event time seen. */
    long watermark() {
        return watermark;
    }

    /** The earliest event time seen. */
    long minTime() {
        return minTime;
    }

    /** Takes every open session out, in access order, without emitting it. */
    java.util.List<Detached> drainOpen() {
        java.util.List<Detached> out = new java.util.ArrayList<>();
        while (head >= 0) {
            int s = head;
            remove(s);
            out.add(detach(s));
            release(s);
        }
        return out;
    }

    /** The visitor to hand to {@link Rees46Reader#scan}. */
    Rees46Reader.Visitor visitor() {
        return this::row;
    }

    void row(RawRow row, long t, EventType type, double price) {
        if (watermark != Long.MIN_VALUE && t < watermark - toleranceMs) {
            throw new NeedsGeneralPath("late event");
        }
        byte[] b = row.buffer();
        int ss = row.start(Rees46Reader.USER_SESSION);
        int se = row.end(Rees46Reader.USER_SESSION);
        if (ss == se) {
            throw new NeedsGeneralPath("a row without a session id");
        }
        events++;
        if (t < minTime) {
            minTime = t;
            if (holdFromFirst && holdUntil == Long.MIN_VALUE) {
                holdUntil = t + idleMs + 2 * toleranceMs;
            }
        }
        int h = hash(b, ss, se);
        int slot = find(b, ss, se, h);
        if (slot < 0) {
            slot = insert(b, ss, se, h);
            firstEvent[slot] = t;
        } else {
            touch(slot);
        }
        long pk = key(products, b, row.start(Rees46Reader.PRODUCT_ID), row.end(Rees46Reader.PRODUCT_ID));
        int cs = row.start(Rees46Reader.CATEGORY_CODE);
        int ce = row.end(Rees46Reader.CATEGORY_CODE);
        if (cs == ce) {
            cs = row.start(Rees46Reader.CATEGORY_ID);
            ce = row.end(Rees46Reader.CATEGORY_ID);
        }
        long ck = key(categories, b, cs, ce);
        add(slot, t, (byte) type.ordinal(), pk, ck, price);
        int open = size;
        if (open > maxOpen) {
            maxOpen = open;
        }
        if (t > watermark) {
            watermark = t;
            long horizon = watermark - toleranceMs;
            while (head >= 0 && lasts[head] + idleMs < horizon) {
                int s = head;
                remove(s);
                emit(s);
            }
        }
    }

    /** Emits every open session, in access order (held sessions stay in {@link #held}). */
    void finish() {
        while (head >= 0) {
            int s = head;
            remove(s);
            emit(s);
        }
    }

    /**
     * The key of a product or category text: the number itself for canonical digits (no sign, no leading zero,
     * at most 18 digits), else a negative dictionary code; equal texts, equal keys, and only those.
     */
    private static long key(Dictionary d, byte[] b, int s, int e) {
        int n = e - s;
        if (n == 0) {
            return NO_KEY;
        }
        if (n <= 18 && (b[s] != '0' || n == 1)) {
            long v = 0;
            int i = s;
            for (; i < e; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) {
                    break;
                }
                v = v * 10 + c;
            }
            if (i == e) {
                return v;
            }
        }
        return -1L - d.code(b, s, e);
    }

    private void add(int slot, long t, byte type, long pk, long ck, double price) {
        int n = counts[slot];
        long[] ts = times[slot];
        if (n == ts.length) {
            times[slot] = ts = Arrays.copyOf(ts, n * 2);
            prods[slot] = Arrays.copyOf(prods[slot], n * 2);
            cats[slot] = Arrays.copyOf(cats[slot], n * 2);
            types[slot] = Arrays.copyOf(types[slot], n * 2);
            prices[slot] = Arrays.copyOf(prices[slot], n * 2);
        }
        long[] ps = prods[slot];
        long[] cs = cats[slot];
        byte[] ty = types[slot];
        double[] pr = prices[slot];
        long last = lasts[slot];
        if (n == 0 || t >= last) {
            ts[n] = t;
            ps[n] = pk;
            cs[n] = ck;
            ty[n] = type;
            pr[n] = price;
            lasts[slot] = t;
        } else {
            // out of order within the tolerance: after the last event with a time <= t (stable)
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(ts, lo, ts, lo + 1, n - lo);
            System.arraycopy(ps, lo, ps, lo + 1, n - lo);
            System.arraycopy(cs, lo, cs, lo + 1, n - lo);
            System.arraycopy(ty, lo, ty, lo + 1, n - lo);
            System.arraycopy(pr, lo, pr, lo + 1, n - lo);
            ts[lo] = t;
            ps[lo] = pk;
            cs[lo] = ck;
            ty[lo] = type;
            pr[lo] = price;
        }
        counts[slot] = n + 1;
    }

    // ------------------------------------------------------------------ features

    private void emit(int slot) {
        if (firstEvent[slot] <= holdUntil) {
            held.add(detach(slot));
        } else {
            compute(new String(keys[slot], StandardCharsets.UTF_8), counts[slot], times[slot], types[slot],
                    prods[slot], cats[slot], prices[slot]);
        }
        release(slot);
    }

    /** A session's events copied out of its slot. */
    static final class Detached {
        final byte[] key;
        final int n;
        final long[] ts;
        final byte[] ty;
        final long[] ps;
        final long[] cs;
        final double[] pr;

        Detached(byte[] key, int n, long[] ts, byte[] ty, long[] ps, long[] cs, double[] pr) {
            this.key = key;
            this.n = n;
            this.ts = ts;
            this.ty = ty;
            this.ps = ps;
            this.cs = cs;
            this.pr = pr;
        }

        long first() {
            return ts[0];
        }

        long last() {
            long m = ts[0];
            for (int i = 1; i < n; i++) {
                m = Math.max(m, ts[i]);
            }
            return m;
        }

        /** This session with the dictionary keys of {@code from} rewritten as keys of {@code to}. */
        Detached translate(Rees46Rows from, Rees46Rows to) {
            long[] p2 = ps.clone();
            long[] c2 = cs.clone();
            for (int i = 0; i < n; i++) {
                p2[i] = from.products.translate(p2[i], to.products);
                c2[i] = from.categories.translate(c2[i], to.categories);
            }
            return new Detached(key, n, ts, ty, p2, c2, pr);
        }

        /** This session's events followed by another's, stably sorted by time. */
        Detached append(Detached o) {
            int m = n + o.n;
            long[] t2 = Arrays.copyOf(ts, m);
            byte[] y2 = Arrays.copyOf(ty, m);
            long[] p2 = Arrays.copyOf(ps, m);
            long[] c2 = Arrays.copyOf(cs, m);
            double[] r2 = Arrays.copyOf(pr, m);
            System.arraycopy(o.ts, 0, t2, n, o.n);
            System.arraycopy(o.ty, 0, y2, n, o.n);
            System.arraycopy(o.ps, 0, p2, n, o.n);
            System.arraycopy(o.cs, 0, c2, n, o.n);
            System.arraycopy(o.pr, 0, r2, n, o.n);
            // stable insertion sort: the tails are nearly sorted already
            for (int i = 1; i < m; i++) {
                long t = t2[i];
                if (t >= t2[i - 1]) {
                    continue;
                }
                byte y = y2[i];
                long p = p2[i];
                long c = c2[i];
                double r = r2[i];
                int j = i - 1;
                while (j >= 0 && t2[j] > t) {
                    t2[j + 1] = t2[j];
                    y2[j + 1] = y2[j];
                    p2[j + 1] = p2[j];
                    c2[j + 1] = c2[j];
                    r2[j + 1] = r2[j];
                    j--;
                }
                t2[j + 1] = t;
                y2[j + 1] = y;
                p2[j + 1] = p;
                c2[j + 1] = c;
                r2[j + 1] = r;
            }
            return new Detached(key, m, t2, y2, p2, c2, r2);
        }
    }

    private Detached detach(int slot) {
        int n = counts[slot];
        return new Detached(keys[slot], n, Arrays.copyOf(times[slot], n), Arrays.copyOf(types[slot], n),
                Arrays.copyOf(prods[slot], n), Arrays.copyOf(cats[slot], n), Arrays.copyOf(prices[slot], n));
    }

    /** Computes and emits the row of a detached session. */
    void emit(Detached d) {
        compute(new String(d.key, StandardCharsets.UTF_8), d.n, d.ts, d.ty, d.ps, d.cs, d.pr);
    }

    private void compute(String id, int n, long[] ts, byte[] ty, long[] prodKeys, long[] catKeys, double[] pr) {
        int mask = 0;
        int k = -1;
        for (int i = 0; i < n; i++) {
            int type = ty[i];
            mask |= 1 << type;
            if (k < 0 && type == EventType.PURCHASE.ordinal()) {
                k = i;
            }
        }
        boolean purchased = k >= 0;
        if (k < 0) {
            k = n;
        }
        double[] v = values;
        // duration_seconds, events
        v[0] = k < 2 ? 0.0 : (ts[k - 1] - ts[0]) / 1000.0;
        v[1] = k;
        int pageViews = 0;
        int productViews = 0;
        int adds = 0;
        int removes = 0;
        boolean checkout = false;
        double cart = 0;
        double sum = 0;
        double max = Double.NaN;
        int priced = 0;
        long gapMax = 0;
        for (int i = 0; i < k; i++) {
            int type = ty[i];
            double price = pr[i];
            boolean hasPrice = !Double.isNaN(price);
            if (type == EventType.PAGE_VIEW.ordinal()) {
                pageViews++;
            } else if (type == EventType.PRODUCT_VIEW.ordinal()) {
                productViews++;
            } else if (type == EventType.ADD_TO_CART.ordinal()) {
                adds++;
                if (hasPrice) {
                    cart += price;
                }
            } else if (type == EventType.REMOVE_FROM_CART.ordinal()) {
                removes++;
                if (hasPrice) {
                    cart -= price;
                }
            } else if (type == EventType.CHECKOUT.ordinal()) {
                checkout = true;
            }
            if (hasPrice) {
                sum += price;
                max = priced == 0 ? price : Math.max(max, price);
                priced++;
            }
            if (i > 0) {
                gapMax = Math.max(gapMax, ts[i] - ts[i - 1]);
            }
        }
        v[2] = pageViews;
        v[3] = productViews;
        v[4] = distinct(prodKeys, k);
        v[5] = distinct(catKeys, k);
        v[6] = adds;
        v[7] = removes;
        v[8] = checkout ? 1.0 : 0.0;
        v[9] = Math.max(0.0, cart);
        v[10] = priced == 0 ? Double.NaN : sum / priced;
        v[11] = max;
        if (k < 2) {
            v[12] = Double.NaN;
            v[13] = Double.NaN;
        } else {
            v[12] = (ts[k - 1] - ts[0]) / 1000.0 / (k - 1);
            v[13] = gapMax / 1000.0;
        }
        v[14] = k == 1 ? 1.0 : 0.0;
        if (k == 0) {
            for (int j = 15; j <= 21; j++) {
                v[j] = Double.NaN;
            }
        } else {
            // as StandardExtractors.startTime computes them
            long ms = ts[0];
            long sec = Math.floorDiv(ms, 1000L);
            if (!utc) {
                sec += zone.getOffset(Instant.ofEpochMilli(ms)).getTotalSeconds();
            }
            long day = Math.floorDiv(sec, 86_400L);
            int sod = (int) Math.floorMod(sec, 86_400L);
            int hh = sod / 3600;
            int dow = (int) Math.floorMod(day + 3, 7L) + 1;
            double hour = sod / 3600.0;
            double week = dow - 1 + hour / 24.0;
            v[15] = hh;
            v[16] = dow - 1;
            v[17] = Math.sin(2 * Math.PI * hour / 24.0);
            v[18] = Math.cos(2 * Math.PI * hour / 24.0);
            v[19] = Math.sin(2 * Math.PI * week / 7.0);
            v[20] = Math.cos(2 * Math.PI * week / 7.0);
            v[21] = dow >= 6 ? 1.0 : 0.0;
        }
        v[22] = Double.NaN;
        v[23] = Double.NaN;
        v[24] = Double.NaN;
        sessionsOut++;
        sink.session(id, purchased, ts[0], (ts[n - 1] - ts[0]) / 1000.0, n, mask, k, v);
    }

    /** Distinct keys among the first k events; empty values do not count. */
    private static int distinct(long[] keys, int k) {
        int count = 0;
        for (int i = 0; i < k; i++) {
            long c = keys[i];
            if (c == NO_KEY) {
                continue;
            }
            boolean earlier = false;
            for (int j = 0; j < i && !earlier; j++) {
                earlier = keys[j] == c;
            }
            if (!earlier) {
                count++;
            }
        }
        return count;
    }

    /**
     * Joins two ranges read in parallel: {@code a} read the first part of the file and was not finished, {@code b}
     * the rest with {@link #holdContinuations()} and was finished. A held session of {@code b} continues an open
     * session of {@code a} with the same id when it starts no later than that session's last event plus the idle
     * timeout and tolerance (when the sequential sessionizer would still have had it open). Emits the joined and
     * the remaining open sessions through {@code a}.
     *
     * @throws NeedsGeneralPath when {@code b} saw an event that the sequential reading would have found late
     */
    static void join(Rees46Rows a, Rees46Rows b) {
        if (b.events > 0 && a.events > 0 && b.minTime < a.watermark - a.toleranceMs) {
            throw new NeedsGeneralPath("late event across the split");
        }
        java.util.List<Detached> open = a.drainOpen();
        java.util.Map<String, Detached> heldById = new java.util.HashMap<>();
        java.util.List<Detached> heldOrder = new java.util.ArrayList<>();
        java.util.List<Detached> heldB = new java.util.ArrayList<>(b.held.size());
        for (Detached d : b.held) {
            heldB.add(d.translate(b, a));
        }
        for (Detached d : heldB) {
            String id = new String(d.key, StandardCharsets.UTF_8);
            if (heldById.putIfAbsent(id, d) != null) {
                heldOrder.add(d); // a second session with the same id: can only be a later one
            }
        }
        for (Detached d : open) {
            String id = new String(d.key, StandardCharsets.UTF_8);
            Detached cont = heldById.get(id);
            if (cont != null && cont.first() <= d.last() + a.idleMs + a.toleranceMs) {
                heldById.remove(id);
                a.emit(d.append(cont));
            } else {
                a.emit(d);
            }
        }
        for (Detached d : heldB) {
            String id = new String(d.key, StandardCharsets.UTF_8);
            if (heldById.get(id) == d) {
                a.emit(d);
            }
        }
        for (Detached d : heldOrder) {
            a.emit(d);
        }
    }

    // ------------------------------------------------------------------ open sessions

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A well-mixed hash of bytes {@code b[s..e)}, eight bytes at a time. */
    private static int hash(byte[] b, int s, int e) {
        long h = e - s;
        int i = s;
        for (; i + 8 <= e; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < e; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) h;
    }

    private int find(byte[] b, int s, int e, int h) {
        int n = e - s;
        for (int i = h & tableMask; ; i = (i + 1) & tableMask) {
            int slot = table[i] - 1;
            if (slot < 0) {
                return -1;
            }
            if (hashes[slot] == h) {
                byte[] k = keys[slot];
                if (k.length == n && Arrays.equals(k, 0, n, b, s, e)) {
                    return slot;
                }
            }
        }
    }

    private int insert(byte[] b, int s, int e, int h) {
        if ((size + 1) * 2 > table.length) {
            rehash();
        }
        int slot = allocate();
        keys[slot] = Arrays.copyOfRange(b, s, e);
        hashes[slot] = h;
        counts[slot] = 0;
        if (times[slot] == null) {
            times[slot] = new long[4];
            prods[slot] = new long[4];
            cats[slot] = new long[4];
            types[slot] = new byte[4];
            prices[slot] = new double[4];
        }
        int i = h & tableMask;
        while (table[i] != 0) {
            i = (i + 1) & tableMask;
        }
        table[i] = slot + 1;
        size++;
        // append to the LRU tail
        prev[slot] = tail;
        next[slot] = -1;
        if (tail >= 0) {
            next[tail] = slot;
        } else {
            head = slot;
        }
        tail = slot;
        return slot;
    }

    private void touch(int slot) {
        if (slot == tail) {
            return;
        }
        unlink(slot);
        prev[slot] = tail;
        next[slot] = -1;
        next[tail] = slot;
        tail = slot;
    }

    private void unlink(int slot) {
        int p = prev[slot];
        int q = next[slot];
        if (p >= 0) {
            next[p] = q;
        } else {
            head = q;
        }
        if (q >= 0) {
            prev[q] = p;
        } else {
            tail = p;
        }
    }

    /** Takes a slot out of the hash table and the LRU list (its events stay until {@link #release}). */
    private void remove(int slot) {
        unlink(slot);
        int i = hashes[slot] & tableMask;
        while (table[i] != slot + 1) {
            i = (i + 1) & tableMask;
        }
        // backward-shift deletion
        int j = i;
        while (true) {
            j = (j + 1) & tableMask;
            int o = table[j] - 1;
            if (o < 0) {
                break;
            }
            int home = hashes[o] & tableMask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = 0;
        size--;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == keys.length) {
            int cap = slotsUsed * 2;
            keys = Arrays.copyOf(keys, cap);
            hashes = Arrays.copyOf(hashes, cap);
            times = Arrays.copyOf(times, cap);
            prods = Arrays.copyOf(prods, cap);
            cats = Arrays.copyOf(cats, cap);
            types = Arrays.copyOf(types, cap);
            prices = Arrays.copyOf(prices, cap);
            counts = Arrays.copyOf(counts, cap);
            lasts = Arrays.copyOf(lasts, cap);
            firstEvent = Arrays.copyOf(firstEvent, cap);
            prev = Arrays.copyOf(prev, cap);
            next = Arrays.copyOf(next, cap);
            free = Arrays.copyOf(free, cap);
        }
        return slotsUsed++;
    }

    private void release(int slot) {
        keys[slot] = null;
        if (times[slot].length > 64) {
            times[slot] = null;
            prods[slot] = null;
            cats[slot] = null;
            types[slot] = null;
            prices[slot] = null;
        }
        free[freeCount++] = slot;
    }

    private void rehash() {
        int[] old = table;
        table = new int[old.length * 2];
        tableMask = table.length - 1;
        for (int v : old) {
            if (v != 0) {
                int i = hashes[v - 1] & tableMask;
                while (table[i] != 0) {
                    i = (i + 1) & tableMask;
                }
                table[i] = v;
            }
        }
    }

    /** Byte strings to dense int codes (exact: equal bytes, equal code). */
    static final class Dictionary {
        private int[] table;
        private int mask;
        private byte[][] keys = new byte[1024][];
        private int[] hashes = new int[1024];
        private int size;

        Dictionary(int capacity) {
            table = new int[capacity];
            mask = capacity - 1;
        }

        /** A key of this dictionary as a key of another (numbers and empties stay as they are). */
        long translate(long key, Dictionary to) {
            if (key >= 0 || key == NO_KEY) {
                return key;
            }
            byte[] k = keys[(int) (-1L - key)];
            return -1L - to.code(k, 0, k.length);
        }

        int code(byte[] b, int s, int e) {
            int h = hash(b, s, e);
            int n = e - s;
            int i = h & mask;
            while (true) {
                int c = table[i] - 1;
                if (c < 0) {
                    break;
                }
                if (hashes[c] == h && keys[c].length == n && Arrays.equals(keys[c], 0, n, b, s, e)) {
                    return c;
                }
                i = (i + 1) & mask;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            keys[size] = Arrays.copyOfRange(b, s, e);
            hashes[size] = h;
            table[i] = size + 1;
            int c = size++;
            if (size * 2 > table.length) {
                int[] old = table;
                table = new int[old.length * 2];
                mask = table.length - 1;
                for (int v : old) {
                    if (v != 0) {
                        int j = hashes[v - 1] & mask;
                        while (table[j] != 0) {
                            j = (j + 1) & mask;
                        }
                        table[j] = v;
                    }
                }
            }
            return c;
        }
    }
}
