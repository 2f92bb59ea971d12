package dev.propensity.pipeline;

import java.util.Objects;

/**
 * The words above a dashboard.
 *
 * @param title       the title, e.g. "Purchase propensity: online_shoppers_intention.csv"
 * @param description a line describing the data, e.g. "FILE; 12,330 sessions, 1,908 purchases; cutoff
 *                    before-purchase; model logistic"
 */
public record Headline(String title, String description) {
    /** Validates. */
    public Headline {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
    }
}
