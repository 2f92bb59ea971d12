package dev.propensity.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of an event that a {@link SessionView} gives, named so that a reader of views can say which ones it
 * reads and a source can leave the others out. Each field stands for the accessors named below; the session-level
 * {@link SessionView#id()}, {@link SessionView#userId()} and {@link SessionView#attributes()} are always there.
 * {@link SessionView#event(int)} and {@link SessionView#events(int)} build whole events, so they need every field.
 *
 * <p>The byte-level REES46 reader keeps each event's brand and user only when they are asked for: reading them costs
 * a dictionary look-up per event and two arrays per open session.
 */
public enum EventField {
    /** {@link SessionView#time(int)}. */
    TIME,
    /** {@link SessionView#type(int)} (and the label, {@link SessionView#firstPurchaseIndex()}, which a source always has). */
    TYPE,
    /** {@link SessionView#price(int)} and {@link SessionView#hasPrice(int)}. */
    PRICE,
    /** {@link SessionView#productKey(int)} and {@link SessionView#productId(int)}. */
    PRODUCT,
    /** {@link SessionView#categoryKey(int)} and {@link SessionView#category(int)}. */
    CATEGORY,
    /** {@link SessionView#brand(int)}. */
    BRAND,
    /** {@link SessionView#userId(int)}: the user of each event (normally the session's). */
    USER;

    private static final Set<EventField> ALL = Collections.unmodifiableSet(EnumSet.allOf(EventField.class));

    /**
     * Every field: what reading events as objects needs.
     *
     * @return an unmodifiable set of all fields
     */
    public static Set<EventField> all() {
        return ALL;
    }
}
