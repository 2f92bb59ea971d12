package dev.propensity.model.tribuo;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A stacked purchase model: the weighted average {@code sum_k w_k p_k} of its members' probabilities, with
 * non-negative weights summing to 1.
 */
final class StackPurchaseModel implements PurchaseModel {
    static final String KIND = "stack";

    private final List<PurchaseModel> members;
    private final double[] weights;
    private final ModelCard card;

    StackPurchaseModel(List<PurchaseModel> members, double[] weights, ModelCard card) {
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.card = Objects.requireNonNull(card, "card");
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one member");
        }
        if (this.weights.length != this.members.size()) {
            throw new IllegalArgumentException("a stack of " + this.members.size() + " members needs as many "
                    + "weights, got " + this.weights.length);
        }
        double sum = 0;
        for (double w : this.weights) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("stack weights must be in [0, 1], were "
                        + java.util.Arrays.toString(this.weights));
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("stack weights must sum to 1, were "
                    + java.util.Arrays.toString(this.weights));
        }
        FeatureSchema first = this.members.get(0).schema();
        for (PurchaseModel p : this.members) {
            if (!p.schema().equals(first)) {
                throw new IllegalArgumentException("the stack's members expect different features: "
                        + first.names() + " and " + p.schema().names());
            }
        }
    }

    /** The members, in weight order. */
    List<PurchaseModel> members() {
        return members;
    }

    /** One weight per member. */
    double[] weights() {
        return weights.clone();
    }

    @Override
    public FeatureSchema schema() {
        return members.get(0).schema();
    }

    @Override
    public double[] predict(FeatureTable table) {
        schema().requireCompatible(table.schema());
        double[] s = new double[table.rows()];
        for (int k = 0; k < members.size(); k++) {
            double w = weights[k];
            if (w == 0) {
                continue;
            }
            double[] p = members.get(k).predict(table);
            for (int i = 0; i < s.length; i++) {
                s[i] += w * p[i];
            }
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.min(1.0, Math.max(0.0, s[i]));
        }
        return s;
    }

    @Override
    public double probability(double[] rawRow) {
        double s = 0;
        for (int k = 0; k < members.size(); k++) {
            if (weights[k] != 0) {
                s += weights[k] * members.get(k).probability(rawRow);
            }
        }
        return Math.min(1.0, Math.max(0.0, s));
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public PurchaseModel withCard(ModelCard newCard) {
        return new StackPurchaseModel(members, weights, newCard);
    }

    @Override
    public void save(Path file) throws IOException {
        ModelFile.writeStack(file, this);
    }

    @Override
    public String toString() {
        return "StackPurchaseModel[" + members.size() + " members, weights " + java.util.Arrays.toString(weights)
                + ", trained on " + card.trainingRows() + " rows]";
    }
}
