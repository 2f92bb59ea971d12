package dev.propensity.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One prediction split into per-feature contributions to the log-odds: {@code logOdds = intercept + sum of
 * contributions}.
 *
 * @param intercept     the model's intercept
 * @param contributions one entry per raw feature, in schema order
 * @param logOdds       the row's log-odds
 * @param probability   the row's probability, {@code 1 / (1 + exp(-logOdds))}
 */
public record Explanation(double intercept, List<Contribution> contributions, double logOdds, double probability) {

    /**
     * The contribution of one raw feature.
     *
     * @param feature      the raw feature's name
     * @param contribution its part of the log-odds (positive pushes towards a purchase)
     */
    public record Contribution(String feature, double contribution) {
        /** Validates. */
        public Contribution {
            Objects.requireNonNull(feature, "feature");
        }
    }

    /** Copies the list. */
    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * The contributions ordered by absolute size, largest first.
     *
     * @param limit the most entries to return
     * @return at most {@code limit} contributions
     */
    public List<Contribution> top(int limit) {
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Explanation[probability=%.4f, logOdds=%.4f, intercept=%.4f]%n", probability, logOdds, intercept));
        for (Contribution c : top(contributions.size())) {
            sb.append(String.format(Locale.ROOT, "  %-28s %+.4f%n", c.feature(), c.contribution()));
        }
        return sb.toString();
    }
}
