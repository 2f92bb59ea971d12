package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.Workers;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.Importance;
import dev.propensity.model.ModelCard;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.Trainers;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PermutationBudgetTest {
    private static FeatureTable table;
    private static PurchaseModel model;

    @BeforeAll
    static void train() {
        table = FeatureTables.build(SyntheticSessions.generate(1_500, 5));
        model = Trainers.logisticRegression().train(table);
    }

    @Test
    void aFastModelIsMeasuredOnEveryRowOfASmallTableWithEveryShuffle() {
        PermutationBudget.Measured m = PermutationBudget.defaults().measure(table, model, Set.of("checkout_initiated"),
                42, Workers.defaults());
        assertThat(m.notes()).isEmpty();
        assertThat(m.importances()).hasSize(table.schema().size());
        assertThat(m.importances()).allMatch(i -> i.repeats() == 3 && i.method().equals(Importance.PERMUTATION));
        assertThat(m.importances()).filteredOn(Importance::nearOutcome).extracting(Importance::feature)
                .containsExactly("checkout_initiated");
        // the seed fixes the sample and the shuffles
        assertThat(PermutationBudget.defaults().measure(table, model, Set.of("checkout_initiated"), 42,
                Workers.callerOnly())).isEqualTo(m);
    }

    @Test
    void aSampleSmallerThanTheTableIsSeeded() {
        PermutationBudget small = new PermutationBudget(300, 2, 1_000_000, 100);
        PermutationBudget.Measured a = small.measure(table, model, Set.of(), 1, Workers.callerOnly());
        assertThat(a.importances()).allMatch(i -> i.repeats() == 2);
        assertThat(small.measure(table, model, Set.of(), 1, Workers.callerOnly())).isEqualTo(a);
        assertThat(small.measure(table, model, Set.of(), 2, Workers.callerOnly())).isNotEqualTo(a);
        // the sample is recorded, and fixed by the row count: never by the clock
        assertThat(a.notes()).containsExactly("permutation importance on a seeded sample of 300 of 1,500 rows, "
                + "2 shuffles a feature (seed 1)");
        assertThat(small.measure(table, new Slow(model), Set.of(), 1, Workers.defaults())).isEqualTo(a);
    }

    @Test
    void aBudgetTooSmallForManyFeaturesShrinksTheSampleThenTheShufflesThenLeavesItOut() {
        int f = table.schema().size();
        PermutationBudget rows = new PermutationBudget(1_000, 3, 500L * (1 + f * 3), 100);
        assertThat(rows.measure(table, model, Set.of(), 42, Workers.callerOnly()).notes()).containsExactly(
                "permutation importance on a seeded sample of 500 of 1,500 rows, 3 shuffles a feature (seed 42)");
        PermutationBudget shuffles = new PermutationBudget(1_000, 3, 100L * (1 + f), 100);
        PermutationBudget.Measured one = shuffles.measure(table, model, Set.of(), 42, Workers.callerOnly());
        assertThat(one.importances()).allMatch(i -> i.repeats() == 1);
        assertThat(one.notes()).containsExactly(
                "permutation importance on a seeded sample of 100 of 1,500 rows, 1 shuffle a feature (seed 42)");
        PermutationBudget tight = new PermutationBudget(1_000, 3, 1_000, 1_000);
        PermutationBudget.Measured m = tight.measure(table, new Slow(model), Set.of(), 42, Workers.callerOnly());
        assertThat(m.importances()).isEmpty();
        assertThat(m.notes()).singleElement().asString()
                .startsWith("permutation importance left out: 1,000 rows and " + f + " features need ");
    }

    @Test
    void describeSaysTheSampleAndTheShuffles() {
        assertThat(PermutationBudget.defaults().describe()).isEqualTo("permutation importance of the final model "
                + "(trained on all rows), on a seeded sample of at most 10000 rows, 3 shuffles a feature, at most "
                + "3000000 rows scored in all (fewer rows, then fewer shuffles, for many features; fixed by the row "
                + "and feature counts)");
    }

    @Test
    void aBudgetOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PermutationBudget(100, 3, 15, 200));
        assertThat(e).hasMessageContaining("minRows=200").hasMessageContaining("maxRows=100");
        assertThrows(IllegalArgumentException.class, () -> new PermutationBudget(100, 3, 5, 10));
    }

    /** A model that takes at least 20 ms for every table it scores. */
    private record Slow(PurchaseModel inner) implements PurchaseModel {
        @Override
        public dev.propensity.features.FeatureSchema schema() {
            return inner.schema();
        }

        @Override
        public double[] predict(FeatureTable t) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.predict(t);
        }

        @Override
        public double probability(double[] rawRow) {
            return inner.probability(rawRow);
        }

        @Override
        public ModelCard card() {
            return inner.card();
        }

        @Override
        public PurchaseModel withCard(ModelCard card) {
            return new Slow(inner.withCard(card));
        }

        @Override
        public void save(Path file) {
            throw new UnsupportedOperationException("a test model is not saved");
        }
    }
}
