package dev.propensity.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded clickstream simulator: realistic browsing sessions of any number, as {@link Session}s or written as a
 * stream to REES46-format or generic events CSV. The same seed and configuration always give the same output.
 * It is the default data of the project's examples and tests.
 *
 * <p><b>Model.</b> Sessions arrive in time order over {@link SimulatorConfig#days()} days, with traffic that
 * varies by hour of day (low at night, an evening peak) and day of week. Each session has a visitor type
 * ({@code returning} or {@code new}), a traffic source ({@code direct}, {@code search}, {@code social},
 * {@code email}, {@code ads}, {@code referral}) and a device ({@code desktop}, {@code mobile}, {@code tablet}),
 * stored under the {@link SessionAttributes} names, and a hidden intent. The purchase probability is logistic in
 * intent, visitor type (returning buys more), hour (a late-morning peak around 11:00 UTC), source, device and
 * weekend; its intercept is solved so that the expected conversion equals
 * {@link SimulatorConfig#conversionRate()}. The funnel follows: product views (geometric, more with intent and
 * for buyers), page views between them, cart adds (85% of buyers, a share of non-buyers rising with intent),
 * removals, checkouts (60% of purchases are preceded by one; 30% of non-buyers with a cart abandon one), and
 * purchases of the kept cart items; 15% of buyers view one more product afterwards. Dwell times are log-normal
 * and longer with intent. Products come from a seeded catalog with REES46-style categories and brands (some
 * empty, as in REES46) and log-normal prices by category.
 *
 * <p><b>Calibration</b> (figures computed from {@code ../shared/data}):
 * <ul>
 *   <li>{@link SimulatorConfig#defaults()}, against UCI Online Shoppers (12,330 sessions): conversion 15.5%
 *       (UCI: 1,908 of 12,330); product views a session mean 31.7 with a geometric tail (UCI
 *       {@code ProductRelated}: mean 31.7, median 18); about 2.9 other pages a session (UCI administrative plus
 *       informational pages: mean 2.8); returning visitors 85.6% (UCI: 10,551 of 12,330). UCI's session
 *       duration (median 680 s) is matched in order of magnitude, not exactly. Unlike UCI, where new visitors
 *       convert more (24.9% vs 13.9%), returning visitors are made to convert more, the common e-commerce
 *       pattern.</li>
 *   <li>{@link SimulatorConfig#rees46()}, against the REES46 November 2019 slice (683 events, 240 sessions,
 *       2.85 events a session, 40% single-event sessions, 2 sessions with a purchase): about 2.9 events a
 *       session, only view/cart/remove_from_cart/purchase, conversion 1.5% (the slice's 0.8% rests on 2 sessions;
 *       the project's 931 MB benchmark file averages 3.4 events a session).</li>
 * </ul>
 *
 * <p><b>Signal.</b> Product views, cart adds, checkouts, session length, late-morning hours, returning visitors
 * and email/search traffic all raise the purchase odds, with noise: a logistic model on features of the events
 * before the first purchase reaches an AUC between 0.75 and 0.9 (tested in {@code SyntheticSessionsTest}).
 *
 * <p><b>Speed</b> (one thread, after warm-up, measured on a shared 2-core machine): building {@link Session}s
 * runs at 3 to 5 million events a second of CPU time for the REES46 profile, more for the default profile's long
 * sessions; the CSV writers at about 1.5 to 2 million events a second (a 1 GB REES46-format file of 7.5 million
 * events in about 5 s of CPU), in memory bounded by the sessions open at once.
 */
public final class SyntheticSessions {
    private SyntheticSessions() {
    }

    /**
     * Sessions of the default (UCI-calibrated) profile, in start-time order.
     *
     * @param n    the number of sessions, &gt;= 0
     * @param seed the seed
     * @return the sessions
     */
    public static List<Session> generate(int n, long seed) {
        return generate(n, seed, SimulatorConfig.defaults());
    }

    /**
     * Sessions of a profile, in start-time order.
     *
     * @param n      the number of sessions, &gt;= 0
     * @param seed   the seed
     * @param config the profile
     * @return the sessions
     */
    public static List<Session> generate(int n, long seed, SimulatorConfig config) {
        List<Session> out = new ArrayList<>(n);
        try (Stream<Session> s = stream(n, seed, config)) {
            s.forEach(out::add);
        }
        return out;
    }

    /**
     * Sessions as a lazy stream, in start-time order, in constant memory.
     *
     * @param n      the number of sessions, &gt;= 0
     * @param seed   the seed
     * @param config the profile
     * @return the stream
     */
    public static Stream<Session> stream(long n, long seed, SimulatorConfig config) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        Objects.requireNonNull(config, "config");
        ClickstreamGenerator g = new ClickstreamGenerator(config, seed, n);
        CatalogText text = new CatalogText(g);
        Iterator<Session> it = new Iterator<>() {
            private long made;
            private final ClickstreamGenerator.Draft d = new ClickstreamGenerator.Draft();

            @Override
            public boolean hasNext() {
                return made < n;
            }

            @Override
            public Session next() {
                if (made >= n) {
                    throw new NoSuchElementException("all " + n + " sessions were generated");
                }
                made++;
                g.next(d);
                return toSession(g, d, text);
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(it, n, Spliterator.ORDERED | Spliterator.NONNULL
                | Spliterator.SIZED), false);
    }

    /** Builds a session from a draft; strings of the catalog are made once per generator. */
    private static Session toSession(ClickstreamGenerator g, ClickstreamGenerator.Draft d, CatalogText text) {
        String id = d.sessionId();
        String user = Long.toString(d.userId);
        Event[] events = new Event[d.n];
        EventType[] types = EventType.values();
        Instant last = null;
        long lastSec = Long.MIN_VALUE;
        for (int i = 0; i < d.n; i++) {
            int p = d.products[i];
            if (d.times[i] != lastSec) {
                lastSec = d.times[i];
                last = Instant.ofEpochSecond(lastSec);
            }
            events[i] = p < 0 ? new Event(id, user, last, types[d.types[i]], null, null, null, Double.NaN)
                    : new Event(id, user, last, types[d.types[i]], text.product[p], text.category[p], text.brand[p],
                            text.price[p]);
        }
        Map<String, String> attributes = Map.of(SessionAttributes.TRAFFIC_SOURCE,
                ClickstreamGenerator.SOURCES[d.source], SessionAttributes.VISITOR_TYPE,
                d.returning ? "returning" : "new", SessionAttributes.DEVICE, ClickstreamGenerator.DEVICES[d.device]);
        // drafts are in time order already: the canonical constructor checks that, no sort needed
        return new Session(id, user, Arrays.asList(events), attributes, events[0].time(), events[d.n - 1].time(),
                d.purchased);
    }

    /** The catalog's strings, made once. */
    private static final class CatalogText {
        final String[] product;
        final String[] category;
        final String[] brand;
        final double[] price;

        CatalogText(ClickstreamGenerator g) {
            int n = g.productIds.length;
            product = new String[n];
            category = new String[n];
            brand = new String[n];
            price = new double[n];
            String[] categoryIds = new String[g.categoryIds.length];
            for (int k = 0; k < categoryIds.length; k++) {
                categoryIds[k] = Long.toString(g.categoryIds[k]);
            }
            for (int p = 0; p < n; p++) {
                int k = g.productCategory[p];
                String code = ClickstreamGenerator.CATEGORIES[k];
                String b = ClickstreamGenerator.BRANDS[g.productBrand[p]];
                product[p] = Long.toString(g.productIds[p]);
                category[p] = code.isEmpty() ? categoryIds[k] : code;
                brand[p] = b.isEmpty() ? null : b;
                price[p] = g.productCents[p] / 100.0;
            }
        }
    }

    /**
     * What a writer produced.
     *
     * @param sessions          sessions written
     * @param events            event rows written
     * @param purchasedSessions sessions with at least one purchase
     * @param bytes             bytes written, header included
     */
    public record WriteSummary(long sessions, long events, long purchasedSessions, long bytes) {
    }

    /**
     * Writes sessions as a REES46-format CSV
     * ({@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session}),
     * rows in time order (sessions interleave as in the real log), streaming: memory holds only the sessions
     * open at once. Page views and checkouts, which REES46 does not log, are left out (use
     * {@link SimulatorConfig#rees46()} to generate none).
     *
     * @param out      the file to write (replaced)
     * @param sessions the number of sessions
     * @param seed     the seed
     * @param config   the profile
     * @return what was written
     * @throws IOException when writing fails
     */
    public static WriteSummary writeRees46(Path out, long sessions, long seed, SimulatorConfig config)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(out)) {
            return write(os, sessions, seed, config, true);
        }
    }

    /**
     * Writes sessions as the generic events CSV of {@code EventMapping.standard()} in the io package
     * ({@code time,session_id,user_id,type,product_id,category,brand,price,traffic_source,visitor_type,device},
     * ISO times, lower-case {@link EventType} names), rows in time order, streaming.
     *
     * @param out      the file to write (replaced)
     * @param sessions the number of sessions
     * @param seed     the seed
     * @param config   the profile
     * @return what was written
     * @throws IOException when writing fails
     */
    public static WriteSummary writeEvents(Path out, long sessions, long seed, SimulatorConfig config)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(out)) {
            return write(os, sessions, seed, config, false);
        }
    }

    /**
     * Writes to a stream (which is closed at the end); see {@link #writeRees46} and {@link #writeEvents}.
     *
     * @param out      the stream
     * @param sessions the number of sessions
     * @param seed     the seed
     * @param config   the profile
     * @param rees46   REES46 format ({@code true}) or generic events ({@code false})
     * @return what was written
     * @throws IOException when writing fails
     */
    public static WriteSummary write(OutputStream out, long sessions, long seed, SimulatorConfig config,
                                     boolean rees46) throws IOException {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must be >= 0, was " + sessions);
        }
        Objects.requireNonNull(config, "config");
        ClickstreamGenerator g = new ClickstreamGenerator(config, seed, sessions);
        String[] typeNames = new String[EventType.values().length];
        for (EventType t : EventType.values()) {
            typeNames[t.ordinal()] = t.name().toLowerCase(java.util.Locale.ROOT);
        }
        typeNames[EventType.PRODUCT_VIEW.ordinal()] = rees46 ? "view" : "product_view";
        if (rees46) {
            typeNames[EventType.ADD_TO_CART.ordinal()] = "cart";
        }
        byte[][] typeBytes = new byte[typeNames.length][];
        for (int i = 0; i < typeNames.length; i++) {
            typeBytes[i] = (',' + typeNames[i] + ',').getBytes(StandardCharsets.US_ASCII);
        }
        byte[][] productBytes = productSegments(g, rees46);
        byte[] noProduct = ",,,".getBytes(StandardCharsets.US_ASCII);
        long events = 0;
        long buyers = 0;
        try (AsciiOut w = AsciiOut.to(out)) {
            w.ascii(rees46 ? "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"
                    : "time,session_id,user_id,type,product_id,category,brand,price,traffic_source,visitor_type,device\n");
            CursorHeap open = new CursorHeap();
            long made = 0;
            ClickstreamGenerator.Draft pending = null;
            while (true) {
                if (pending == null && made < sessions) {
                    pending = new ClickstreamGenerator.Draft();
                    g.next(pending);
                    made++;
                    if (pending.purchased) {
                        buyers++;
                    }
                    pending.text = rees46 ? rees46Suffix(pending) : eventsText(pending);
                }
                Cursor head = open.peek();
                if (pending != null && (head == null || pending.times[0] < head.time() || pending.times[0] == head.time())) {
                    open.add(new Cursor(pending, made));
                    pending = null;
                    continue;
                }
                if (head == null) {
                    break;
                }
                ClickstreamGenerator.Draft d = head.d;
                int i = head.i;
                int type = d.types[i];
                int p = d.products[i];
                if (rees46) {
                    if (type != ClickstreamGenerator.PAGE_VIEW && type != ClickstreamGenerator.CHECKOUT) {
                        w.time(d.times[i], true).bytes(typeBytes[type]).bytes(productBytes[Math.max(p, 0)])
                                .bytes(d.text);
                        events++;
                    }
                } else {
                    w.time(d.times[i], false).bytes(d.text).bytes(typeBytes[type])
                            .bytes(p >= 0 ? productBytes[p] : noProduct).bytes(d.suffix);
                    events++;
                }
                if (++head.i < d.n) {
                    open.replaceTop();
                } else {
                    open.poll();
                }
            }
            return new WriteSummary(made, events, buyers, w.bytes());
        }
    }

    /** Per product, the constant part of a row: REES46 {@code product_id,category_id,category_code,brand,price,}. */
    private static byte[][] productSegments(ClickstreamGenerator g, boolean rees46) {
        int n = g.productIds.length;
        byte[][] out = new byte[n][];
        StringBuilder sb = new StringBuilder(96);
        for (int p = 0; p < n; p++) {
            sb.setLength(0);
            int k = g.productCategory[p];
            String code = ClickstreamGenerator.CATEGORIES[k];
            sb.append(g.productIds[p]).append(',');
            if (rees46) {
                sb.append(g.categoryIds[k]).append(',').append(code);
            } else if (code.isEmpty()) {
                sb.append(g.categoryIds[k]);
            } else {
                sb.append(code);
            }
            long cents = g.productCents[p];
            sb.append(',').append(ClickstreamGenerator.BRANDS[g.productBrand[p]]).append(',').append(cents / 100)
                    .append('.').append((char) ('0' + cents % 100 / 10)).append((char) ('0' + cents % 10));
            if (rees46) {
                sb.append(',');
            }
            out[p] = sb.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static byte[] rees46Suffix(ClickstreamGenerator.Draft d) {
        return (d.userId + "," + d.sessionId() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] eventsText(ClickstreamGenerator.Draft d) {
        d.suffix = ("," + ClickstreamGenerator.SOURCES[d.source] + "," + (d.returning ? "returning" : "new") + ","
                + ClickstreamGenerator.DEVICES[d.device] + "\n").getBytes(StandardCharsets.US_ASCII);
        return ("," + d.sessionId() + "," + d.userId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A binary min-heap of cursors keyed by {@code (time << 24) | (session order mod 2^24)} held in a long array
     * (no pointer chasing while sifting), with an in-place update of the top.
     */
    private static final class CursorHeap {
        private long[] keys = new long[64];
        private Cursor[] vals = new Cursor[64];
        private int size;

        static long key(Cursor c) {
            return (c.time() << 24) | (c.order & 0xFFFFFF);
        }

        Cursor peek() {
            return size == 0 ? null : vals[0];
        }

        void add(Cursor c) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                vals = java.util.Arrays.copyOf(vals, size * 2);
            }
            long k = key(c);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= k) {
                    break;
                }
                keys[i] = keys[parent];
                vals[i] = vals[parent];
                i = parent;
            }
            keys[i] = k;
            vals[i] = c;
        }

        void poll() {
            size--;
            long k = keys[size];
            Cursor c = vals[size];
            vals[size] = null;
            if (size > 0) {
                siftDown(k, c);
            }
        }

        /** Restores the order after the top cursor moved on. */
        void replaceTop() {
            Cursor c = vals[0];
            siftDown(key(c), c);
        }

        private void siftDown(long k, Cursor c) {
            int i = 0;
            int half = size >>> 1;
            long[] ks = keys;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < size && ks[right] < ks[child]) {
                    child = right;
                }
                if (ks[child] >= k) {
                    break;
                }
                ks[i] = ks[child];
                vals[i] = vals[child];
                i = child;
            }
            ks[i] = k;
            vals[i] = c;
        }
    }

    /** A position in a drawn session, ordered by event time, then session start (stable merge). */
    private static final class Cursor {
        final ClickstreamGenerator.Draft d;
        final long order;
        int i;

        Cursor(ClickstreamGenerator.Draft d, long order) {
            this.d = d;
            this.order = order;
        }

        long time() {
            return d.times[i];
        }
    }
}
