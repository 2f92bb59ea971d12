package dev.propensity.core;

/**
 * What a shopper did, in the vocabulary shared by every input format.
 *
 * <p>Readers map each format's own names onto these: REES46 {@code view} becomes {@link #PRODUCT_VIEW},
 * OTTO {@code carts} becomes {@link #ADD_TO_CART}, Retailrocket {@code transaction} becomes {@link #PURCHASE},
 * and so on. A value the reader does not recognise is an error in strict mode; {@link #OTHER} is for events a
 * format defines but that carry no funnel meaning.
 */
public enum EventType {
    /** A page that is not a product page (home, category, search, content). */
    PAGE_VIEW,
    /** A product detail page. */
    PRODUCT_VIEW,
    /** A product put into the cart. */
    ADD_TO_CART,
    /** A product taken out of the cart. */
    REMOVE_FROM_CART,
    /** The checkout was started. Nearly the outcome: importance charts mark features built on it. */
    CHECKOUT,
    /** An order, transaction or purchase: the outcome a session is labelled by. */
    PURCHASE,
    /** Any other event the input defines. */
    OTHER;

    /** Whether this event type is a purchase, the label's definition. */
    public boolean isPurchase() {
        return this == PURCHASE;
    }
}
