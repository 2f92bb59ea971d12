package dev.propensity.metrics;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.propensity.metrics.TestFacts.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FunnelTest {

    @Test
    void stepsCountSessionsThatReachedThemAndSkipAbsentEventTypes() {
        int view = mask(EventType.PRODUCT_VIEW);
        int cart = mask(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART);
        int bought = mask(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.PURCHASE);
        int boughtNoCart = mask(EventType.PURCHASE); // a purchase without logged view or cart still passed them
        SessionFacts f = SessionFacts.builder()
                .addRow("1", false, 0, 1, 1, mask(EventType.PAGE_VIEW), Map.of())
                .addRow("2", false, 0, 1, 1, view, Map.of())
                .addRow("3", false, 0, 1, 1, view, Map.of())
                .addRow("4", false, 0, 1, 1, cart, Map.of())
                .addRow("5", true, 0, 1, 1, bought, Map.of())
                .addRow("6", true, 0, 1, 1, boughtNoCart, Map.of())
                .addRow("7", false, 0, 1, 1, view, Map.of())
                .addRow("8", false, 0, 1, 1, view, Map.of())
                .build();
        Funnel funnel = Funnel.of(f);
        assertThat(funnel.skipped()).containsExactly("Started checkout");
        assertThat(funnel.steps()).extracting(Funnel.Step::name)
                .containsExactly(Funnel.SESSIONS, "Viewed a product", "Added to cart", Funnel.PURCHASED);
        assertThat(funnel.steps()).extracting(Funnel.Step::sessions).containsExactly(8L, 7L, 3L, 2L);
        Funnel.Step cartStep = funnel.steps().get(2);
        assertThat(cartStep.shareOfStart()).isEqualTo(3.0 / 8);
        assertThat(cartStep.dropOff()).isCloseTo(1 - 3.0 / 7, within(1e-15));
        assertThat(funnel.steps().get(0).dropOff()).isZero();
        assertThat(funnel.largestDropOff().name()).isEqualTo("Added to cart");
        assertThat(funnel.toString()).contains("skipped").contains("Started checkout");
    }

    @Test
    void tableSessionsGiveSessionsAndPurchasesOnly() {
        SessionFacts f = SessionFacts.builder()
                .addRow("1", true, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of())
                .addRow("2", false, SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of())
                .build();
        Funnel funnel = Funnel.of(f);
        assertThat(funnel.steps()).extracting(Funnel.Step::sessions).containsExactly(2L, 1L);
        assertThat(funnel.skipped()).containsExactly("Viewed a product", "Added to cart", "Started checkout");
        assertThat(funnel.steps().get(1).dropOff()).isEqualTo(0.5);
    }

    @Test
    void emptyFactsGiveZeroCountsWithoutDividingByZero() {
        Funnel funnel = Funnel.of(SessionFacts.builder().build());
        assertThat(funnel.steps()).extracting(Funnel.Step::shareOfStart).containsOnly(0.0);
        assertThat(funnel.steps()).extracting(Funnel.Step::dropOff).containsOnly(0.0);
    }
}
