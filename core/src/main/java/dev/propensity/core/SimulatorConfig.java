package dev.propensity.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The settings of the clickstream simulator ({@link SyntheticSessions}).
 *
 * <p>Two profiles are calibrated to real data (see {@link SyntheticSessions} for the figures):
 * {@link #defaults()} follows the UCI Online Shoppers table (15.5% of sessions buy, about 32 product pages a
 * session, median length about 11 minutes, 85.6% returning visitors, page views and checkouts logged), and
 * {@link #rees46()} follows the REES46 event log (about 3 events a session, rare purchases, only the four REES46
 * event types, for benchmarks).
 *
 * @param conversionRate        the expected share of sessions with a purchase, in (0, 1)
 * @param meanProductViews      the mean number of product views a session, &gt;= 1 (geometric, so heavy-tailed)
 * @param pageViewShare         page views per product view (0 for formats without page views), in [0, 5]
 * @param logCheckouts          whether checkout events are generated
 * @param cartShare             the share of non-buying sessions that add something to the cart, in [0, 1]
 * @param medianDwellSeconds    the median time between two events, &gt; 0 (log-normal)
 * @param returningShare        the share of sessions by returning visitors, in [0, 1]
 * @param days                  the number of days the sessions spread over, &gt;= 1
 * @param start                 the first day's midnight (UTC)
 * @param catalogSize           the number of distinct products, &gt;= 10
 */
public record SimulatorConfig(double conversionRate, double meanProductViews, double pageViewShare,
                              boolean logCheckouts, double cartShare, double medianDwellSeconds,
                              double returningShare, int days, Instant start, int catalogSize) {

    /** Validates; each message states the rule and the value. */
    public SimulatorConfig {
        if (!(conversionRate > 0 && conversionRate < 1)) {
            throw new IllegalArgumentException("conversionRate must be in (0, 1), was " + conversionRate);
        }
        if (!(meanProductViews >= 1 && meanProductViews <= 10_000)) {
            throw new IllegalArgumentException("meanProductViews must be in [1, 10000], was " + meanProductViews);
        }
        if (!(pageViewShare >= 0 && pageViewShare <= 5)) {
            throw new IllegalArgumentException("pageViewShare must be in [0, 5], was " + pageViewShare);
        }
        if (!(cartShare >= 0 && cartShare <= 1)) {
            throw new IllegalArgumentException("cartShare must be in [0, 1], was " + cartShare);
        }
        if (!(medianDwellSeconds > 0 && medianDwellSeconds < 86_400)) {
            throw new IllegalArgumentException("medianDwellSeconds must be in (0, 86400), was " + medianDwellSeconds);
        }
        if (!(returningShare >= 0 && returningShare <= 1)) {
            throw new IllegalArgumentException("returningShare must be in [0, 1], was " + returningShare);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        Objects.requireNonNull(start, "start");
        if (catalogSize < 10) {
            throw new IllegalArgumentException("catalogSize must be >= 10, was " + catalogSize);
        }
    }

    /**
     * The UCI-calibrated profile: conversion 0.155, 31.7 product views a session on average (UCI
     * {@code ProductRelated} mean), 0.09 page views per product view (UCI administrative and informational pages),
     * checkouts logged, 35% of non-buyers cart (a cart abandonment of about 70%), median dwell 34 s, 85.6%
     * returning visitors, 30 days from 2019-11-01, 20,000 products.
     *
     * @return the default configuration
     */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0.155, 31.7, 0.09, true, 0.35, 20, 0.856, 30,
                Instant.parse("2019-11-01T00:00:00Z"), 20_000);
    }

    /**
     * The REES46-like profile for benchmarks: conversion 0.015, 2.7 product views a session (so about 2.9 events
     * a session with carts and purchases; the real slice has 2.85), no page views or checkouts (REES46 logs only
     * view, cart, remove_from_cart and purchase), 4% of non-buyers cart, median dwell 25 s, 30 days from
     * 2019-11-01, 50,000 products.
     *
     * @return the configuration
     */
    public static SimulatorConfig rees46() {
        return new SimulatorConfig(0.015, 2.7, 0, false, 0.04, 25, 0.7, 30,
                Instant.parse("2019-11-01T00:00:00Z"), 50_000);
    }

    /** A copy with another conversion rate. */
    public SimulatorConfig withConversionRate(double value) {
        return new SimulatorConfig(value, meanProductViews, pageViewShare, logCheckouts, cartShare,
                medianDwellSeconds, returningShare, days, start, catalogSize);
    }

    /** A copy with another mean number of product views a session. */
    public SimulatorConfig withMeanProductViews(double value) {
        return new SimulatorConfig(conversionRate, value, pageViewShare, logCheckouts, cartShare,
                medianDwellSeconds, returningShare, days, start, catalogSize);
    }

    /** A copy spread over another number of days. */
    public SimulatorConfig withDays(int value) {
        return new SimulatorConfig(conversionRate, meanProductViews, pageViewShare, logCheckouts, cartShare,
                medianDwellSeconds, returningShare, value, start, catalogSize);
    }

    /** A copy starting on another day. */
    public SimulatorConfig withStart(Instant value) {
        return new SimulatorConfig(conversionRate, meanProductViews, pageViewShare, logCheckouts, cartShare,
                medianDwellSeconds, returningShare, days, value, catalogSize);
    }
}
