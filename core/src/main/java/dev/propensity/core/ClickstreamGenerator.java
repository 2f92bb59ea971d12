package dev.propensity.core;

import java.util.SplittableRandom;

/**
 * The simulator's engine: draws sessions in start-time order as compact drafts (arrays, no objects per event).
 * See {@link SyntheticSessions} for the model. Not thread-safe; deterministic for a seed.
 */
final class ClickstreamGenerator {
    /** Relative traffic by hour of day (UTC), low at night, an evening peak. */
    static final double[] HOUR_TRAFFIC = {0.25, 0.18, 0.14, 0.12, 0.12, 0.16, 0.30, 0.50, 0.75, 0.95, 1.10, 1.20,
        1.20, 1.15, 1.10, 1.10, 1.15, 1.25, 1.40, 1.50, 1.45, 1.20, 0.85, 0.50};
    /** Relative traffic by day of week, Monday first. */
    static final double[] DAY_TRAFFIC = {1.00, 1.00, 0.98, 0.97, 0.95, 0.90, 1.05};
    /** Traffic sources, their shares and their effect on the purchase log-odds. */
    static final String[] SOURCES = {"direct", "search", "social", "email", "ads", "referral"};
    static final double[] SOURCE_SHARE = {0.28, 0.34, 0.12, 0.07, 0.14, 0.05};
    static final double[] SOURCE_EFFECT = {0.0, 0.25, -0.55, 0.55, -0.15, 0.1};
    /** Devices, shares and effects. */
    static final String[] DEVICES = {"desktop", "mobile", "tablet"};
    static final double[] DEVICE_SHARE = {0.48, 0.44, 0.08};
    static final double[] DEVICE_EFFECT = {0.15, -0.25, 0.0};
    /** Categories: REES46-style codes, numeric ids, log-normal price medians. */
    static final String[] CATEGORIES = {"electronics.smartphone", "electronics.audio.headphone", "electronics.video.tv",
        "computers.notebook", "appliances.kitchen.refrigerators", "appliances.kitchen.washer",
        "appliances.environment.vacuum", "apparel.shoes", "apparel.costume", "furniture.living_room.sofa",
        "kids.toys", "sport.bicycle", "auto.accessories.player", "construction.tools.drill",
        "accessories.bag", "beauty.cosmetics", "", "", "", ""};
    static final double[] CATEGORY_PRICE = {300, 60, 450, 700, 550, 380, 150, 70, 40, 500, 25, 320, 90, 110, 45, 15,
        30, 12, 60, 150};
    static final String[] BRANDS = {"samsung", "apple", "xiaomi", "huawei", "lg", "sony", "bosch", "lenovo", "hp",
        "acer", "asus", "philips", "indesit", "beko", "nike", "adidas", "puma", "lego", "redmond", "tefal", "polaris",
        "", "", "", ""};

    static final int PAGE_VIEW = EventType.PAGE_VIEW.ordinal();
    static final int PRODUCT_VIEW = EventType.PRODUCT_VIEW.ordinal();
    static final int ADD_TO_CART = EventType.ADD_TO_CART.ordinal();
    static final int REMOVE_FROM_CART = EventType.REMOVE_FROM_CART.ordinal();
    static final int CHECKOUT = EventType.CHECKOUT.ordinal();
    static final int PURCHASE = EventType.PURCHASE.ordinal();

    /** One drawn session. Arrays are owned by the draft. */
    static final class Draft {
        long sessionHi;
        long sessionLo;
        long userId;
        int source;
        int device;
        boolean returning;
        boolean purchased;
        int n;
        long[] times = new long[16];
        byte[] types = new byte[16];
        int[] products = new int[16];
        /** Writer scratch: row text that is constant within the session. */
        byte[] text;
        byte[] suffix;

        void add(long t, int type, int product) {
            if (n == times.length) {
                times = java.util.Arrays.copyOf(times, n * 2);
                types = java.util.Arrays.copyOf(types, n * 2);
                products = java.util.Arrays.copyOf(products, n * 2);
            }
            times[n] = t;
            types[n] = (byte) type;
            products[n] = product;
            n++;
        }

        String sessionId() {
            return uuid(sessionHi, sessionLo);
        }
    }

    private final SimulatorConfig cfg;
    private final SplittableRandom rng;
    private final double intercept;
    private final double meanGapSeconds;
    private final int userPool;
    private long nextNewUser;
    private long clock;
    private final long startSecond;
    private final int startDow;
    // catalog
    final int[] productCategory;
    final int[] productBrand;
    final long[] productCents;
    final long[] productIds;
    final long[] categoryIds;
    private final int[][] byCategory;

    ClickstreamGenerator(SimulatorConfig cfg, long seed, long expectedSessions) {
        this.cfg = cfg;
        this.rng = new SplittableRandom(seed);
        this.startSecond = cfg.start().getEpochSecond();
        this.clock = startSecond;
        this.startDow = cfg.start().atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() - 1;
        double meanWeight = 0;
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                meanWeight += DAY_TRAFFIC[d] * HOUR_TRAFFIC[h];
            }
        }
        meanWeight /= 168;
        this.meanGapSeconds = cfg.days() * 86_400.0 / Math.max(1, expectedSessions) * meanWeight;
        this.userPool = (int) Math.max(100, Math.min(50_000_000, expectedSessions / 3));
        this.nextNewUser = 0;
        // catalog, from its own stream so that it depends on the seed only
        SplittableRandom c = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int np = cfg.catalogSize();
        productCategory = new int[np];
        productBrand = new int[np];
        productCents = new long[np];
        productIds = new long[np];
        categoryIds = new long[CATEGORIES.length];
        for (int k = 0; k < categoryIds.length; k++) {
            categoryIds[k] = 2053013552226107603L + c.nextLong(1L << 40);
        }
        int[] counts = new int[CATEGORIES.length];
        for (int i = 0; i < np; i++) {
            int k = (int) (Math.pow(c.nextDouble(), 1.6) * CATEGORIES.length);
            productCategory[i] = k;
            counts[k]++;
            productBrand[i] = c.nextInt(BRANDS.length);
            double price = CATEGORY_PRICE[k] * Math.exp(0.7 * c.nextGaussian());
            productCents[i] = Math.max(50, Math.round(price * 100));
            productIds[i] = 1_000_000L + i * 37L + c.nextInt(37);
        }
        byCategory = new int[CATEGORIES.length][];
        for (int k = 0; k < CATEGORIES.length; k++) {
            byCategory[k] = new int[Math.max(counts[k], 0)];
            counts[k] = 0;
        }
        for (int i = 0; i < np; i++) {
            int k = productCategory[i];
            byCategory[k][counts[k]++] = i;
        }
        this.intercept = calibrate(cfg.conversionRate());
    }

    /** The hour-of-day effect on the purchase log-odds: a late-morning peak around 11:00. */
    static double hourEffect(int hour) {
        double d = hour - 11;
        return 0.9 * Math.exp(-d * d / (2 * 2.2 * 2.2)) - 0.3;
    }

    private double logit(double z, boolean returning, int hour, int source, int device, boolean weekend) {
        return 1.3 * z + (returning ? 0.45 : 0) + hourEffect(hour) + SOURCE_EFFECT[source] + DEVICE_EFFECT[device]
                + (weekend ? -0.1 : 0);
    }

    private static final java.util.concurrent.ConcurrentHashMap<java.util.List<Double>, Double> INTERCEPTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The intercept for a target conversion, cached by (target, returning share): solving it takes milliseconds. */
    private double calibrate(double target) {
        if (INTERCEPTS.size() > 1000) {
            INTERCEPTS.clear();
        }
        return INTERCEPTS.computeIfAbsent(java.util.List.of(target, cfg.returningShare()), k -> solve(target));
    }

    /** Finds the intercept whose expected conversion equals the target, over a fixed sample of contexts. */
    private double solve(double target) {
        SplittableRandom r = new SplittableRandom(42);
        int m = 20_000;
        double[] base = new double[m];
        double hourTotal = 0;
        for (double w : HOUR_TRAFFIC) {
            hourTotal += w;
        }
        for (int i = 0; i < m; i++) {
            double u = r.nextDouble() * hourTotal;
            int h = 0;
            while (h < 23 && u > HOUR_TRAFFIC[h]) {
                u -= HOUR_TRAFFIC[h];
                h++;
            }
            base[i] = logit(r.nextGaussian(), r.nextDouble() < cfg.returningShare(), h, pick(r, SOURCE_SHARE),
                    pick(r, DEVICE_SHARE), r.nextInt(7) >= 5);
        }
        double lo = -20;
        double hi = 20;
        for (int it = 0; it < 45; it++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (double b : base) {
                s += 1 / (1 + Math.exp(-(b + mid)));
            }
            if (s / m < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static int pick(SplittableRandom r, double[] shares) {
        double u = r.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private int geometric(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1 / (1 + mean);
        return (int) Math.min(100_000, Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p)));
    }

    private long dwell(double scale) {
        double s = cfg.medianDwellSeconds() * scale * Math.exp(0.9 * rng.nextGaussian());
        return Math.max(1, Math.min(3600, Math.round(s)));
    }

    private int product(int mainCategory) {
        int[] pool;
        if (rng.nextDouble() < 0.7 && byCategory[mainCategory].length > 0) {
            pool = byCategory[mainCategory];
            double u = rng.nextDouble();
            return pool[(int) (u * u * pool.length)];
        }
        double u = rng.nextDouble();
        return (int) (u * u * u * productCategory.length);
    }

    /**
     * Draws the next session (start times never decrease).
     *
     * @param d the draft to fill (reused)
     */
    void next(Draft d) {
        // arrival: exponential gap scaled by the traffic at the current time
        long secOfWeek = Math.floorMod(clock - startSecond + dayOfWeekOffset() * 86_400L, 7 * 86_400L);
        int dow = (int) (secOfWeek / 86_400);
        int hour = (int) (secOfWeek % 86_400 / 3600);
        double w = DAY_TRAFFIC[dow] * HOUR_TRAFFIC[hour];
        clock += Math.round(-Math.log(1 - rng.nextDouble()) * meanGapSeconds / w);
        secOfWeek = Math.floorMod(clock - startSecond + dayOfWeekOffset() * 86_400L, 7 * 86_400L);
        dow = (int) (secOfWeek / 86_400);
        hour = (int) (secOfWeek % 86_400 / 3600);

        d.n = 0;
        d.sessionHi = rng.nextLong();
        d.sessionLo = rng.nextLong();
        d.returning = rng.nextDouble() < cfg.returningShare();
        d.userId = d.returning ? 512_000_000L + rng.nextInt(userPool) : 600_000_000L + nextNewUser++;
        d.source = pick(rng, SOURCE_SHARE);
        d.device = pick(rng, DEVICE_SHARE);
        double z = rng.nextGaussian();
        double p = 1 / (1 + Math.exp(-(intercept + logit(z, d.returning, hour, d.source, d.device, dow >= 5))));
        boolean buy = rng.nextDouble() < p;
        d.purchased = buy;

        // engagement: more product views with higher intent, and more still for buyers
        double mean = cfg.meanProductViews() * Math.exp(0.3 * z - 0.045) * (buy ? 1.25 : 0.97);
        int views = 1 + geometric(mean - 1);
        int carts;
        if (buy) {
            carts = rng.nextDouble() < 0.45 + 0.6 * cfg.cartShare() ? 1 + geometric(0.3 + 0.02 * views) : 0;
        } else {
            double share = cfg.cartShare() * Math.exp(0.5 * z) / Math.exp(0.125);
            carts = rng.nextDouble() < Math.min(0.95, share) ? 1 + geometric(0.2 + 0.01 * views) : 0;
        }
        carts = Math.min(carts, views);
        double dwellScale = Math.exp(0.15 * z);
        int mainCategory = productCategory[product(rng.nextInt(CATEGORIES.length))];
        long t = clock;
        double pageShare = cfg.pageViewShare();
        double pageProb = pageShare / (1 + pageShare);
        if (pageShare > 0 && rng.nextDouble() < 0.5) {
            d.add(t, PAGE_VIEW, -1);
            t += dwell(dwellScale);
        }
        int cartsLeft = carts;
        int[] carted = new int[carts];
        int nCarted = 0;
        for (int i = 0; i < views; i++) {
            while (pageProb > 0 && rng.nextDouble() < pageProb) {
                d.add(t, PAGE_VIEW, -1);
                t += dwell(dwellScale);
            }
            int prod = product(mainCategory);
            d.add(t, PRODUCT_VIEW, prod);
            if (cartsLeft > 0 && rng.nextDouble() * (views - i) < cartsLeft) {
                t += 3 + rng.nextInt(25);
                d.add(t, ADD_TO_CART, prod);
                carted[nCarted++] = prod;
                cartsLeft--;
            }
            if (i + 1 < views) {
                t += dwell(dwellScale);
            }
        }
        int kept = nCarted;
        for (int i = 0; i < nCarted; i++) {
            if (rng.nextDouble() < (buy ? 0.12 : 0.3) && (!buy || kept > 1)) {
                t += 2 + rng.nextInt(40);
                d.add(t, REMOVE_FROM_CART, carted[i]);
                carted[i] = -1;
                kept--;
            }
        }
        if (buy) {
            t += dwell(1);
            if (cfg.logCheckouts() && rng.nextDouble() < 0.45) {
                d.add(t, CHECKOUT, -1);
                t += 20 + rng.nextInt(100);
            }
            boolean any = false;
            for (int i = 0; i < nCarted; i++) {
                if (carted[i] >= 0) {
                    d.add(t, PURCHASE, carted[i]);
                    t += rng.nextInt(2);
                    any = true;
                }
            }
            if (!any) {
                d.add(t, PURCHASE, d.products[d.n - 1] >= 0 ? d.products[d.n - 1] : product(mainCategory));
            }
            if (rng.nextDouble() < 0.15) {
                t += dwell(1);
                d.add(t, PRODUCT_VIEW, product(mainCategory));
            }
        } else if (cfg.logCheckouts() && kept > 0 && rng.nextDouble() < 0.35) {
            t += dwell(1);
            d.add(t, CHECKOUT, -1);
        }
    }

    /** Days from Monday to the configured start day. */
    private int dayOfWeekOffset() {
        return startDow;
    }

    static String uuid(long hi, long lo) {
        char[] c = new char[36];
        hex(hi >>> 32, c, 0, 8);
        c[8] = '-';
        hex(hi >>> 16, c, 9, 4);
        c[13] = '-';
        hex(hi, c, 14, 4);
        c[18] = '-';
        hex(lo >>> 48, c, 19, 4);
        c[23] = '-';
        hex(lo, c, 24, 12);
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static void hex(long v, char[] c, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            c[at + i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
    }

    static void hex(long v, byte[] c, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            c[at + i] = (byte) HEX[(int) (v & 15)];
            v >>>= 4;
        }
    }
}
