package dev.propensity.server;

import java.util.Objects;

/**
 * A request the server refuses with 400: {@link #field()} names the query parameter or body field that is wrong,
 * and the message says what is wrong with it.
 */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * A refusal.
     *
     * @param field  the parameter or body field at fault, e.g. {@code threshold} or {@code events[2].time}
     * @param detail what is wrong with it, with the value given
     */
    public BadRequest(String field, String detail) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(detail, "detail"));
        this.field = field;
    }

    /** The parameter or body field at fault. */
    public String field() {
        return field;
    }
}
