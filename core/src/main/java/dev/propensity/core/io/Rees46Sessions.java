package dev.propensity.core.io;

import dev.propensity.core.EventField;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import dev.propensity.core.Sessionizer;
import dev.propensity.core.Workers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a REES46 events file straight into {@link SessionView}s, without event or session objects: the source the
 * feature engine reads REES46 files from. The sessions are exactly those of {@link Inputs#sessions} with the same
 * options (the reader, then the {@link Sessionizer}): events grouped by {@code user_session} in an open-session
 * table on primitive arrays (access-ordered, completed when the watermark passes their last event by the idle
 * timeout plus the tolerance, out-of-order events within the tolerance put in time order), the rare rows without a
 * session id grouped by user through the sessionizer itself, late events failed (strict) or counted (lenient)
 * as it does, with the same messages and line numbers.
 *
 * <p>On workers with two threads or more, a strict read of a large file reads its two halves at once (split at a
 * line boundary): the sessions of the first half and those open at the split (joined with their continuations)
 * go to the first sink, the rest of the second half to the second. The choice is made from the options, the file
 * size and the workers before any row is read. A bad row or a late event in the second half is reported at its
 * line in the file: the file is then checked once more on one thread to find it (no session is delivered twice;
 * the read fails).
 *
 * <p>Sessions come in the sessionizer's order within each sink; each sink is called from one thread at a time.
 */
public final class Rees46Sessions {
    /** Files smaller than this are read on one thread. */
    public static final long MIN_SPLIT_BYTES = 32L << 20;
    /** The user key of an event whose user is the session's first user. */
    static final long SAME_USER = Long.MIN_VALUE + 1;

    /** Receives completed sessions. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One complete session.
         *
         * @param session the session; valid only during this call (its arrays are reused)
         */
        void session(SessionView session);
    }

    private Rees46Sessions() {
    }

    /**
     * Whether these options group sessions as this reader does (by session id, which is the default).
     *
     * @param options the read options
     * @return whether {@link #read} accepts them
     */
    public static boolean supports(ReadOptions options) {
        return options.effectiveSessionizer().usesSessionIds();
    }

    /**
     * The number of parts {@link #read} reads a file in: 2 for a strict read of a file of at least
     * {@code minSplitBytes} on workers with two threads or more, else 1.
     *
     * @param file          the file
     * @param options       the read options
     * @param workers       the workers
     * @param minSplitBytes the smallest file read in two parts
     * @return 1 or 2
     * @throws IOException when the file's size cannot be read
     */
    public static int parts(Path file, ReadOptions options, Workers workers, long minSplitBytes) throws IOException {
        return workers.parallelism() >= 2 && !options.lenient() && Files.exists(file)
                && Files.size(file) >= minSplitBytes ? 2 : 1;
    }

    /**
     * Reads a file's sessions into sinks.
     *
     * @param file          the REES46 file
     * @param options       strict or lenient, the sessionizer (it must group by session id: {@link #supports})
     * @param workers       runs the parts (see the class description)
     * @param minSplitBytes the smallest file read in two parts ({@link #MIN_SPLIT_BYTES} normally)
     * @param fields        the event fields the sinks read: the views carry each event's brand only when it holds
     *                      {@link EventField#BRAND}, its user only with {@link EventField#USER} (and so
     *                      {@link SessionView#event(int)} needs both); without, {@link SessionView#brand(int)} and
     *                      {@link SessionView#userId(int)} throw {@link IllegalStateException}, and the read is faster.
     *                      Times, types, prices, products and categories are always kept
     * @param first         receives the sessions of a one-part read, or of the first part and those open at the
     *                      split
     * @param second        receives the other sessions of a two-part read
     * @return the read's report (rows read and, when lenient, rejected by reason)
     * @throws InputException at the first bad row or late event of a strict read, naming its line
     * @throws IOException    when the file cannot be read
     */
    public static ReadReport read(Path file, ReadOptions options, Workers workers, long minSplitBytes,
                                  Set<EventField> fields, Sink first, Sink second) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        boolean brands = fields.contains(EventField.BRAND);
        boolean users = fields.contains(EventField.USER);
        Sessionizer sz = options.effectiveSessionizer();
        if (!sz.usesSessionIds()) {
            throw new IllegalArgumentException("the REES46 session reader groups by session id; " + sz
                    + " does not (read it with Inputs.sessions)");
        }
        long mid = -1;
        long size = 0;
        if (parts(file, options, workers, minSplitBytes) == 2) {
            size = Files.size(file);
            mid = lineStartAfter(file, size / 2);
        }
        if (mid <= 0) {
            try (Rees46Reader r = Rees46Reader.open(file, options)) {
                Table a = new Table(sz, r, first, false, brands, users);
                a.consume();
                a.finish();
                r.report().overSessionLimit(a.overflow());
                return r.report();
            }
        }
        long split = mid;
        long end = size;
        Table[] tables = new Table[2];
        ReadReport[] reports = new ReadReport[2];
        Workers.Task<Void> firstPart = () -> {
            try (Rees46Reader r = Rees46Reader.openRange(file, options, 0, split)) {
                tables[0] = new Table(sz, r, first, false, brands, users);
                tables[0].consume();
                reports[0] = r.report();
            }
            return null;
        };
        Workers.Task<Void> secondPart = () -> {
            try (Rees46Reader r = Rees46Reader.openRange(file, options, split, end)) {
                tables[1] = new Table(sz, r, second, true, brands, users);
                tables[1].consume();
                tables[1].finish();
                reports[1] = r.report();
            } catch (InputException e) {
                return null; // its line counts from the split: found again below at its line in the file
            }
            return null;
        };
        workers.run(List.of(firstPart, secondPart));
        Table a = tables[0];
        Table b = tables[1];
        if (reports[1] == null || b.events > 0 && a.events > 0 && b.minTime < a.watermark - a.toleranceMs) {
            check(file, options, sz);
            throw new IllegalStateException("the second half of " + file + " failed, but a check of the whole file"
                    + " found no bad row");
        }
        Table.join(a, b);
        // two parts are read only strictly: nothing was rejected
        ReadReport report = ReadReport.ofStrictRead(file.toString(), reports[0].rowsRead() + reports[1].rowsRead(),
                reports[0].events() + reports[1].events());
        report.overSessionLimit(a.overflow() + b.overflow());
        return report;
    }

    /** Reads a whole file strictly on one thread, checking rows and lateness only: throws its first error. */
    private static void check(Path file, ReadOptions options, Sessionizer sz) throws IOException {
        try (Rees46Reader r = Rees46Reader.open(file, options)) {
            long[] watermark = {Long.MIN_VALUE};
            long tol = sz.outOfOrderTolerance().toMillis();
            r.scan((row, t, type, price) -> {
                if (watermark[0] != Long.MIN_VALUE && t < watermark[0] - tol) {
                    throw new InputException(r.file, r.line(), null, RejectReason.LATE_EVENT,
                            sz.lateEventMessage(r.currentEvent(), watermark[0]));
                }
                watermark[0] = Math.max(watermark[0], t);
            });
        }
    }

    /** The first byte after the first newline at or after {@code pos}, or -1 when there is none before the end. */
    static long lineStartAfter(Path file, long pos) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long p = pos;
            while (true) {
                buf.clear();
                int n = ch.read(buf, p);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        long s = p + i + 1;
                        return s < ch.size() ? s : -1;
                    }
                }
                p += n;
            }
        }
    }

    /**
     * The open sessions of one reader: session-id sessions in a hash table on the id bytes with an access-ordered
     * list, their events in primitive arrays; rows without a session id through an embedded sessionizer run that
     * shares the watermark.
     *
     * <p>The per-row work ({@link #row}) only reads rows into the table: sessions it completes wait in a small
     * queue, in order, and go to the sink ({@link #drain}) between blocks of {@link #BLOCK_ROWS} rows. The reading
     * loop and the per-session work (the sink: features, rows) are so two separate units for the JIT instead of
     * one method holding everything from a byte to a written row, which took longer to compile than to run.
     */
    static final class Table {
        /** Rows read between two hand-overs of completed sessions to the sink. */
        static final int BLOCK_ROWS = 256;
        private final Sessionizer sz;
        private final long idleMs;
        final long toleranceMs;
        private final long holdSpan;
        private final boolean failLate;
        private final Rees46Reader reader;
        private final Sink sink;
        private final boolean holding;
        private final boolean keepBrands;
        private final boolean keepUsers;
        private final Sessionizer.Run users;
        private final View view;
        /** This table's row visitor: one call site, one class, for every table. */
        private final Rees46Reader.Visitor rows = this::row;
        /** Completed sessions not yet handed to the sink, in order: a slot, or {@code -1 - i} for doneUsers[i]. */
        private int[] queue = new int[256];
        private int queued;
        /** The completed sessions grouped by user that wait in {@link #queue}. */
        private final List<Session> doneUsers = new ArrayList<>();

        final Dictionary products = new Dictionary(1 << 16);
        final Dictionary categories = new Dictionary(1 << 12);
        final Dictionary brands = new Dictionary(1 << 12);
        final Dictionary userIds = new Dictionary(1 << 12);

        private int[] table = new int[1 << 14];
        private int tableMask = table.length - 1;
        private int size;
        private byte[][] keys = new byte[1024][];
        private int[] hashes = new int[1024];
        private long[][] times = new long[1024][];
        private long[][] prods = new long[1024][];
        private long[][] cats = new long[1024][];
        private long[][] brnds = new long[1024][];
        private long[][] usrs = new long[1024][];
        private byte[][] types = new byte[1024][];
        private double[][] prices = new double[1024][];
        private int[] counts = new int[1024];
        private long[] lasts = new long[1024];
        private long[] firstUser = new long[1024];
        private long[] firstEvent = new long[1024];
        private int[] prev = new int[1024];
        private int[] next = new int[1024];
        private int head = -1;
        private int tail = -1;
        private int[] free = new int[1024];
        private int freeCount;
        private int slotsUsed;

        /** Sessions starting at or before this are held back (a second part's possible continuations). */
        private long holdUntil = Long.MIN_VALUE;
        final List<Detached> held = new ArrayList<>();
        final List<Session> heldUsers = new ArrayList<>();
        private List<Session> collectUsers;

        long watermark = Long.MIN_VALUE;
        long minTime = Long.MAX_VALUE;
        long events;
        /** Events dropped because their session already held the sessionizer's maximum. */
        private long overflow;
        private final int maxEvents;

        Table(Sessionizer sz, Rees46Reader reader, Sink sink, boolean holding, boolean keepBrands,
              boolean keepUsers) {
            this.sz = sz;
            this.idleMs = sz.idleTimeout().toMillis();
            this.toleranceMs = sz.outOfOrderTolerance().toMillis();
            this.holdSpan = Math.max(idleMs, sz.gap().toMillis()) + 2 * toleranceMs;
            this.failLate = sz.latePolicy() == Sessionizer.LatePolicy.FAIL;
            this.maxEvents = sz.maxSessionEvents();
            this.reader = reader;
            this.sink = sink;
            this.holding = holding;
            this.keepBrands = keepBrands;
            this.keepUsers = keepUsers;
            this.view = new View(this);
            this.users = sz.start(this::userSession);
        }

        private void userSession(Session s) {
            if (collectUsers != null) {
                collectUsers.add(s);
            } else {
                enqueue(-1 - doneUsers.size());
                doneUsers.add(s);
            }
        }

        private void enqueue(int entry) {
            if (queued == queue.length) {
                queue = java.util.Arrays.copyOf(queue, queued * 2);
            }
            queue[queued++] = entry;
        }

        /**
         * Reads every row of the reader into this table, handing completed sessions to the sink between blocks of
         * rows. At a bad row (a strict read) the sessions completed before it are handed on first, as when each
         * went on at once.
         */
        void consume() throws IOException {
            try {
                while (reader.scan(rows, BLOCK_ROWS)) {
                    drain();
                }
            } catch (InputException e) {
                drain();
                throw e;
            }
            drain();
        }

        /** Hands the queued sessions to the sink (or holds them back), in the order they were completed. */
        void drain() {
            for (int i = 0; i < queued; i++) {
                int e = queue[i];
                if (e >= 0) {
                    emit(e);
                } else {
                    Session s = doneUsers.get(-1 - e);
                    if (s.start().toEpochMilli() <= holdUntil) {
                        heldUsers.add(s);
                    } else {
                        sink.session(SessionView.of(s));
                    }
                }
            }
            queued = 0;
            doneUsers.clear();
        }

        void row(RawRow row, long t, dev.propensity.core.EventType type, double price) {
            if (watermark != Long.MIN_VALUE && t < watermark - toleranceMs) {
                late(t);
            }
            events++;
            if (t < minTime) {
                earliest(t);
            }
            byte[] b = row.buffer();
            int ss = row.start(Rees46Reader.USER_SESSION);
            int se = row.end(Rees46Reader.USER_SESSION);
            if (ss == se) {
                users.accept(reader.currentEvent());
            } else {
                int h = hash(b, ss, se);
                int slot = find(b, ss, se, h);
                long uk = SAME_USER;
                if (slot < 0) {
                    slot = open(row, b, ss, se, h, t);
                } else {
                    touch(slot);
                    if (keepUsers) {
                        uk = user(row, b, slot);
                    }
                }
                long pk = key(products, b, row.start(Rees46Reader.PRODUCT_ID), row.end(Rees46Reader.PRODUCT_ID));
                int cs = row.start(Rees46Reader.CATEGORY_CODE);
                int ce = row.end(Rees46Reader.CATEGORY_CODE);
                if (cs == ce) {
                    cs = row.start(Rees46Reader.CATEGORY_ID);
                    ce = row.end(Rees46Reader.CATEGORY_ID);
                }
                long ck = key(categories, b, cs, ce);
                long bk = keepBrands ? key(brands, b, row.start(Rees46Reader.BRAND), row.end(Rees46Reader.BRAND))
                        : SessionView.NO_KEY;
                if (counts[slot] < maxEvents || keepsBeyondLimit(slot, type)) {
                    add(slot, t, (byte) type.ordinal(), pk, ck, bk, uk, price);
                } else {
                    overflow++; // as the sessionizer drops them: a full session keeps only its first purchase
                }
            }
            if (t > watermark) {
                watermark = t;
                long horizon = watermark - toleranceMs;
                while (head >= 0 && lasts[head] + idleMs < horizon) {
                    int s = head;
                    remove(s);
                    enqueue(s);
                }
                users.advanceWatermark(t);
            }
        }

        /** A late event (rare): fails a strict read, is noted in a lenient one. Kept out of {@link #row}. */
        private void late(long t) {
            if (failLate) {
                throw new InputException(reader.file, reader.line(), null, RejectReason.LATE_EVENT,
                        sz.lateEventMessage(reader.currentEvent(), watermark));
            }
            reader.report.note(new InputException(reader.file, reader.line(), null, RejectReason.LATE_EVENT,
                    "event at " + Instant.ofEpochMilli(t) + " arrived later than the out-of-order tolerance allows"));
        }

        /** A new earliest time (rare once reading has started). */
        private void earliest(long t) {
            if (holding && minTime == Long.MAX_VALUE) {
                holdUntil = t + holdSpan;
            }
            minTime = t;
        }

        /** Opens a session for the current row's session id; returns its slot. */
        private int open(RawRow row, byte[] b, int ss, int se, int h, long t) {
            int slot = insert(b, ss, se, h);
            int us = row.start(Rees46Reader.USER_ID);
            int ue = row.end(Rees46Reader.USER_ID);
            firstEvent[slot] = t;
            firstUser[slot] = key(userIds, b, us, ue);
            return slot;
        }

        /** The key of the current row's user in an open session: {@link #SAME_USER} when it is the first one's. */
        private long user(RawRow row, byte[] b, int slot) {
            int us = row.start(Rees46Reader.USER_ID);
            int ue = row.end(Rees46Reader.USER_ID);
            long k = key(userIds, b, us, ue); // equal texts, equal keys, and only those
            return k == firstUser[slot] ? SAME_USER : k;
        }

        /** Whether a full session takes this event: only its first purchase, as the sessionizer keeps it. */
        private boolean keepsBeyondLimit(int slot, dev.propensity.core.EventType type) {
            if (type != dev.propensity.core.EventType.PURCHASE) {
                return false;
            }
            byte[] ty = types[slot];
            int purchase = dev.propensity.core.EventType.PURCHASE.ordinal();
            for (int i = 0; i < counts[slot]; i++) {
                if (ty[i] == purchase) {
                    return false;
                }
            }
            return true;
        }

        /** Events dropped over the session limit, by this table and its sessionizer run. */
        long overflow() {
            return overflow + users.overflowEvents();
        }

        /** Emits every open session, session-id ones first, as the sessionizer's {@code finish} does. */
        void finish() {
            drain();
            while (head >= 0) {
                int s = head;
                remove(s);
                emit(s);
            }
            users.finish();
            drain();
        }

        /**
         * The key of a product, category, brand or user text: the number itself for canonical digits (no sign, no
         * leading zero, at most 18 digits), else a negative dictionary code; equal texts, equal keys.
         */
        private static long key(Dictionary d, byte[] b, int s, int e) {
            int n = e - s;
            if (n == 0) {
                return SessionView.NO_KEY;
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

        private void add(int slot, long t, byte type, long pk, long ck, long bk, long uk, double price) {
            int n = counts[slot];
            long[] ts = times[slot];
            if (n == ts.length || n > 0 && t < lasts[slot]) {
                insertEvent(slot, t, type, pk, ck, bk, uk, price); // a full array or an event out of order
                return;
            }
            lasts[slot] = t;
            ts[n] = t;
            prods[slot][n] = pk;
            cats[slot][n] = ck;
            if (keepBrands) {
                brnds[slot][n] = bk;
            }
            if (keepUsers) {
                usrs[slot][n] = uk;
            }
            types[slot][n] = type;
            prices[slot][n] = price;
            counts[slot] = n + 1;
        }

        /** {@link #add}'s rare cases: the arrays grow, and an event older than the last is put in time order. */
        private void insertEvent(int slot, long t, byte type, long pk, long ck, long bk, long uk, double price) {
            int n = counts[slot];
            long[] ts = times[slot];
            if (n == ts.length) {
                times[slot] = ts = java.util.Arrays.copyOf(ts, n * 2);
                prods[slot] = java.util.Arrays.copyOf(prods[slot], n * 2);
                cats[slot] = java.util.Arrays.copyOf(cats[slot], n * 2);
                if (keepBrands) {
                    brnds[slot] = java.util.Arrays.copyOf(brnds[slot], n * 2);
                }
                if (keepUsers) {
                    usrs[slot] = java.util.Arrays.copyOf(usrs[slot], n * 2);
                }
                types[slot] = java.util.Arrays.copyOf(types[slot], n * 2);
                prices[slot] = java.util.Arrays.copyOf(prices[slot], n * 2);
            }
            long[] ps = prods[slot];
            long[] cs = cats[slot];
            long[] bs = brnds[slot];
            long[] us = usrs[slot];
            byte[] ty = types[slot];
            double[] pr = prices[slot];
            int at = n;
            if (n > 0 && t < lasts[slot]) {
                // out of order within the tolerance: after the last event with a time <= t (stable)
                int lo = 0;
                int hi = n;
                while (lo < hi) {
                    int m = (lo + hi) >>> 1;
                    if (ts[m] <= t) {
                        lo = m + 1;
                    } else {
                        hi = m;
                    }
                }
                at = lo;
                System.arraycopy(ts, at, ts, at + 1, n - at);
                System.arraycopy(ps, at, ps, at + 1, n - at);
                System.arraycopy(cs, at, cs, at + 1, n - at);
                if (keepBrands) {
                    System.arraycopy(bs, at, bs, at + 1, n - at);
                }
                if (keepUsers) {
                    System.arraycopy(us, at, us, at + 1, n - at);
                }
                System.arraycopy(ty, at, ty, at + 1, n - at);
                System.arraycopy(pr, at, pr, at + 1, n - at);
            } else {
                lasts[slot] = t;
            }
            ts[at] = t;
            ps[at] = pk;
            cs[at] = ck;
            if (keepBrands) {
                bs[at] = bk;
            }
            if (keepUsers) {
                us[at] = uk;
            }
            ty[at] = type;
            pr[at] = price;
            counts[slot] = n + 1;
        }

        private void emit(int slot) {
            if (firstEvent[slot] <= holdUntil) {
                held.add(detach(slot));
            } else {
                view.set(keys[slot], counts[slot], times[slot], types[slot], prods[slot], cats[slot], brnds[slot],
                        usrs[slot], prices[slot], firstUser[slot]);
                sink.session(view);
            }
            release(slot);
        }

        private Detached detach(int slot) {
            int n = counts[slot];
            return new Detached(keys[slot], n, java.util.Arrays.copyOf(times[slot], n),
                    java.util.Arrays.copyOf(types[slot], n), java.util.Arrays.copyOf(prods[slot], n),
                    java.util.Arrays.copyOf(cats[slot], n), copy(brnds[slot], n), copy(usrs[slot], n),
                    java.util.Arrays.copyOf(prices[slot], n), firstUser[slot]);
        }

        /** The first {@code n} entries of an array, null for null (brands and users not kept). */
        private static long[] copy(long[] a, int n) {
            return a == null ? null : java.util.Arrays.copyOf(a, n);
        }

        /** Emits a detached session through this table's sink. */
        void emit(Detached d) {
            view.set(d.key, d.n, d.ts, d.ty, d.ps, d.cs, d.bs, d.us, d.pr, d.user);
            sink.session(view);
        }

        /** Takes every open session out, in access order, without emitting it. */
        List<Detached> drainOpen() {
            List<Detached> out = new ArrayList<>();
            while (head >= 0) {
                int s = head;
                remove(s);
                out.add(detach(s));
                release(s);
            }
            return out;
        }

        /**
         * Joins two parts read at once: {@code a} read the first part of the file and was not finished, {@code b}
         * the rest, holding back its sessions that start early enough to continue one of {@code a}'s, and was
         * finished. A held session of {@code b} continues an open one of {@code a} with the same id when it starts
         * no later than that session's last event plus the idle timeout and tolerance (when one reader would still
         * have had it open). Sessions grouped by user are merged per user and split at the gap again. Emits the
         * joined and remaining sessions through {@code a}.
         */
        static void join(Table a, Table b) {
            List<Detached> open = a.drainOpen();
            Map<String, Detached> heldById = new LinkedHashMap<>();
            List<Detached> heldOrder = new ArrayList<>();
            List<Detached> heldB = new ArrayList<>(b.held.size());
            for (Detached d : b.held) {
                heldB.add(d.translate(b, a));
            }
            for (Detached d : heldB) {
                if (heldById.putIfAbsent(d.id(), d) != null) {
                    heldOrder.add(d); // a second session with the same id: can only be a later one
                }
            }
            for (Detached d : open) {
                Detached cont = heldById.get(d.id());
                if (cont != null && cont.first() <= d.last() + a.idleMs + a.toleranceMs) {
                    heldById.remove(d.id());
                    a.emit(d.append(cont));
                } else {
                    a.emit(d);
                }
            }
            for (Detached d : heldB) {
                if (heldById.get(d.id()) == d) {
                    a.emit(d);
                }
            }
            for (Detached d : heldOrder) {
                a.emit(d);
            }
            // sessions grouped by user: a user's sessions are his events in time order split at the gap
            List<Session> last = new ArrayList<>();
            a.collectUsers = last;
            a.users.finish();
            Map<String, List<dev.propensity.core.Event>> byUser = new LinkedHashMap<>();
            for (List<Session> part : List.of(last, b.heldUsers)) {
                for (Session s : part) {
                    byUser.computeIfAbsent(s.userId(), k -> new ArrayList<>()).addAll(s.events());
                }
            }
            long gap = a.sz.gap().toMillis();
            for (Map.Entry<String, List<dev.propensity.core.Event>> u : byUser.entrySet()) {
                List<dev.propensity.core.Event> ev = u.getValue();
                ev.sort(Comparator.comparingLong(dev.propensity.core.Event::epochMillis)); // stable
                int from = 0;
                for (int i = 1; i <= ev.size(); i++) {
                    if (i == ev.size() || ev.get(i).epochMillis() - ev.get(i - 1).epochMillis() > gap) {
                        List<dev.propensity.core.Event> part = ev.subList(from, i);
                        String id = u.getKey() + "@" + part.get(0).epochMillis();
                        List<dev.propensity.core.Event> renamed = new ArrayList<>(part.size());
                        for (dev.propensity.core.Event e : part) {
                            renamed.add(id.equals(e.sessionId()) ? e : e.withSessionId(id));
                        }
                        a.sink.session(SessionView.of(Session.of(id, u.getKey(), renamed)));
                        from = i;
                    }
                }
            }
        }

        // -------------------------------------------------------------- open sessions

        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

        /** A well-mixed hash of bytes {@code b[s..e)}, eight bytes at a time. */
        static int hash(byte[] b, int s, int e) {
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
                    if (k.length == n && java.util.Arrays.equals(k, 0, n, b, s, e)) {
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
            keys[slot] = java.util.Arrays.copyOfRange(b, s, e);
            hashes[slot] = h;
            counts[slot] = 0;
            if (times[slot] == null) {
                times[slot] = new long[8];
                prods[slot] = new long[8];
                cats[slot] = new long[8];
                if (keepBrands) {
                    brnds[slot] = new long[8];
                }
                if (keepUsers) {
                    usrs[slot] = new long[8];
                }
                types[slot] = new byte[8];
                prices[slot] = new double[8];
            }
            int i = h & tableMask;
            while (table[i] != 0) {
                i = (i + 1) & tableMask;
            }
            table[i] = slot + 1;
            size++;
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

        /** Takes a slot out of the hash table and the access list (its events stay until {@link #release}). */
        private void remove(int slot) {
            unlink(slot);
            int i = hashes[slot] & tableMask;
            while (table[i] != slot + 1) {
                i = (i + 1) & tableMask;
            }
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
                keys = java.util.Arrays.copyOf(keys, cap);
                hashes = java.util.Arrays.copyOf(hashes, cap);
                times = java.util.Arrays.copyOf(times, cap);
                prods = java.util.Arrays.copyOf(prods, cap);
                cats = java.util.Arrays.copyOf(cats, cap);
                brnds = java.util.Arrays.copyOf(brnds, cap);
                usrs = java.util.Arrays.copyOf(usrs, cap);
                types = java.util.Arrays.copyOf(types, cap);
                prices = java.util.Arrays.copyOf(prices, cap);
                counts = java.util.Arrays.copyOf(counts, cap);
                lasts = java.util.Arrays.copyOf(lasts, cap);
                firstUser = java.util.Arrays.copyOf(firstUser, cap);
                firstEvent = java.util.Arrays.copyOf(firstEvent, cap);
                prev = java.util.Arrays.copyOf(prev, cap);
                next = java.util.Arrays.copyOf(next, cap);
                free = java.util.Arrays.copyOf(free, cap);
            }
            return slotsUsed++;
        }

        private void release(int slot) {
            keys[slot] = null;
            if (times[slot].length > 64) {
                times[slot] = null;
                prods[slot] = null;
                cats[slot] = null;
                brnds[slot] = null;
                usrs[slot] = null;
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
    }

    /** A session's events copied out of its slot. */
    static final class Detached {
        final byte[] key;
        final int n;
        final long[] ts;
        final byte[] ty;
        final long[] ps;
        final long[] cs;
        final long[] bs;
        final long[] us;
        final double[] pr;
        final long user;
        private String id;

        Detached(byte[] key, int n, long[] ts, byte[] ty, long[] ps, long[] cs, long[] bs, long[] us, double[] pr,
                 long user) {
            this.key = key;
            this.n = n;
            this.ts = ts;
            this.ty = ty;
            this.ps = ps;
            this.cs = cs;
            this.bs = bs;
            this.us = us;
            this.pr = pr;
            this.user = user;
        }

        String id() {
            if (id == null) {
                id = new String(key, java.nio.charset.StandardCharsets.UTF_8);
            }
            return id;
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
        Detached translate(Table from, Table to) {
            long[] p2 = ps.clone();
            long[] c2 = cs.clone();
            long[] b2 = bs == null ? null : bs.clone();
            long[] u2 = us == null ? null : us.clone();
            for (int i = 0; i < n; i++) {
                p2[i] = from.products.translate(p2[i], to.products);
                c2[i] = from.categories.translate(c2[i], to.categories);
                if (b2 != null) {
                    b2[i] = from.brands.translate(b2[i], to.brands);
                }
                if (u2 != null) {
                    u2[i] = from.userIds.translate(u2[i], to.userIds);
                }
            }
            return new Detached(key, n, ts, ty, p2, c2, b2, u2, pr, from.userIds.translate(user, to.userIds));
        }

        /** This session's events followed by another's, stably sorted by time. */
        Detached append(Detached o) {
            int m = n + o.n;
            long[] t2 = java.util.Arrays.copyOf(ts, m);
            byte[] y2 = java.util.Arrays.copyOf(ty, m);
            long[] p2 = java.util.Arrays.copyOf(ps, m);
            long[] c2 = java.util.Arrays.copyOf(cs, m);
            boolean brands = bs != null && o.bs != null;
            boolean users = us != null && o.us != null;
            long[] b2 = brands ? java.util.Arrays.copyOf(bs, m) : new long[m];
            long[] u2 = users ? java.util.Arrays.copyOf(us, m) : new long[m];
            double[] r2 = java.util.Arrays.copyOf(pr, m);
            System.arraycopy(o.ts, 0, t2, n, o.n);
            System.arraycopy(o.ty, 0, y2, n, o.n);
            System.arraycopy(o.ps, 0, p2, n, o.n);
            System.arraycopy(o.cs, 0, c2, n, o.n);
            if (brands) {
                System.arraycopy(o.bs, 0, b2, n, o.n);
            }
            if (users) {
                System.arraycopy(o.us, 0, u2, n, o.n);
                if (o.user != user) {
                    // SAME_USER in the continuation meant its own first user: name that user here
                    for (int i = n; i < m; i++) {
                        if (u2[i] == SAME_USER) {
                            u2[i] = o.user;
                        }
                    }
                }
            }
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
                long bb = b2[i];
                long u = u2[i];
                double r = r2[i];
                int j = i - 1;
                while (j >= 0 && t2[j] > t) {
                    t2[j + 1] = t2[j];
                    y2[j + 1] = y2[j];
                    p2[j + 1] = p2[j];
                    c2[j + 1] = c2[j];
                    b2[j + 1] = b2[j];
                    u2[j + 1] = u2[j];
                    r2[j + 1] = r2[j];
                    j--;
                }
                t2[j + 1] = t;
                y2[j + 1] = y;
                p2[j + 1] = p;
                c2[j + 1] = c;
                b2[j + 1] = bb;
                u2[j + 1] = u;
                r2[j + 1] = r;
            }
            return new Detached(key, m, t2, y2, p2, c2, brands ? b2 : null, users ? u2 : null, r2, user);
        }
    }

    /** The view a table hands its sink: arrays of one session, reused for the next. */
    static final class View extends dev.propensity.core.ArraySessionView {
        private final Table owner;
        private byte[] key;
        private String id;
        private long[] bs;
        private long[] us;
        private long user;

        View(Table owner) {
            this.owner = owner;
        }

        void set(byte[] key, int n, long[] ts, byte[] ty, long[] ps, long[] cs, long[] bs, long[] us, double[] pr,
                 long user) {
            this.key = key;
            this.id = null;
            this.n = n;
            this.times = ts;
            this.types = ty;
            this.productKeys = ps;
            this.categoryKeys = cs;
            this.bs = bs;
            this.us = us;
            this.prices = pr;
            this.user = user;
            this.firstPurchase = UNKNOWN;
        }

        @Override
        public String id() {
            if (id == null) {
                id = new String(key, java.nio.charset.StandardCharsets.UTF_8);
            }
            return id;
        }

        @Override
        public String userId() {
            return owner.userIds.text(user);
        }

        @Override
        public String userId(int i) {
            check(i);
            if (!owner.keepUsers) {
                throw new IllegalStateException("this read of REES46 sessions did not keep each event's user; read"
                        + " with EventField.USER to see them");
            }
            return us[i] == SAME_USER ? userId() : owner.userIds.text(us[i]);
        }

        @Override
        public String productId(int i) {
            check(i);
            return owner.products.text(productKeys[i]);
        }

        @Override
        public String category(int i) {
            check(i);
            return owner.categories.text(categoryKeys[i]);
        }

        @Override
        public String brand(int i) {
            check(i);
            if (!owner.keepBrands) {
                throw new IllegalStateException("this read of REES46 sessions did not keep brands; read with"
                        + " EventField.BRAND to see them");
            }
            return owner.brands.text(bs[i]);
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of();
        }

        @Override
        public String attribute(String name) {
            return null;
        }

        @Override
        public String toString() {
            return "SessionView[id=" + id() + ", events=" + n + "]";
        }
    }

    /** Byte strings to dense int codes (exact: equal bytes, equal code), and back. */
    static final class Dictionary {
        private int[] table;
        private int mask;
        private byte[][] keys = new byte[1024][];
        private int[] hashes = new int[1024];
        private String[] texts = new String[1024];
        private int size;

        Dictionary(int capacity) {
            table = new int[capacity];
            mask = capacity - 1;
        }

        /** A key of this dictionary as a key of another (numbers, empties and markers stay as they are). */
        long translate(long key, Dictionary to) {
            if (key >= 0 || key == SessionView.NO_KEY || key == SAME_USER) {
                return key;
            }
            byte[] k = keys[(int) (-1L - key)];
            return -1L - to.code(k, 0, k.length);
        }

        /** The text of a key: the number, the dictionary's text, or {@code null} for {@link SessionView#NO_KEY}. */
        String text(long key) {
            if (key == SessionView.NO_KEY) {
                return null;
            }
            if (key >= 0) {
                return Long.toString(key);
            }
            int c = (int) (-1L - key);
            String t = texts[c];
            if (t == null) {
                t = new String(keys[c], java.nio.charset.StandardCharsets.UTF_8);
                texts[c] = t;
            }
            return t;
        }

        int code(byte[] b, int s, int e) {
            int h = Table.hash(b, s, e);
            int n = e - s;
            int i = h & mask;
            while (true) {
                int c = table[i] - 1;
                if (c < 0) {
                    break;
                }
                if (hashes[c] == h && keys[c].length == n && java.util.Arrays.equals(keys[c], 0, n, b, s, e)) {
                    return c;
                }
                i = (i + 1) & mask;
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                hashes = java.util.Arrays.copyOf(hashes, size * 2);
                texts = java.util.Arrays.copyOf(texts, size * 2);
            }
            keys[size] = java.util.Arrays.copyOfRange(b, s, e);
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
