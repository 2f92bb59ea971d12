package dev.propensity.features;

import static dev.propensity.features.TestSessions.ev;
import static dev.propensity.features.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CutoffsTest {
    private static final Session BUYER = session("b",
            ev("b", 0, EventType.PAGE_VIEW), ev("b", 60, EventType.PRODUCT_VIEW), ev("b", 120, EventType.ADD_TO_CART),
            ev("b", 300, EventType.PURCHASE), ev("b", 400, EventType.PRODUCT_VIEW), ev("b", 500, EventType.PURCHASE));
    private static final Session BROWSER = session("n",
            ev("n", 0, EventType.PAGE_VIEW), ev("n", 60, EventType.PRODUCT_VIEW), ev("n", 600, EventType.PRODUCT_VIEW));

    @Test
    void beforeFirstPurchaseStopsStrictlyBeforeThePurchase() {
        assertThat(Cutoffs.beforeFirstPurchase().visible(BUYER)).hasSize(3)
                .noneMatch(e -> e.type() == EventType.PURCHASE);
        assertThat(Cutoffs.beforeFirstPurchase().visible(BROWSER)).isEqualTo(BROWSER.events());
    }

    @Test
    void aTableSessionHasNothingVisible() {
        Session table = Session.summary("1", Map.of("Month", "Feb"), true);
        assertThat(Cutoffs.beforeFirstPurchase().visible(table)).isEmpty();
        assertThat(Cutoffs.firstEvents(3).visible(table)).isEmpty();
        assertThat(Cutoffs.firstMinutes(3).visible(table)).isEmpty();
    }

    @Test
    void firstEventsKeepsAtMostNAndNeverThePurchase() {
        assertThat(Cutoffs.firstEvents(2).visible(BUYER)).hasSize(2);
        assertThat(Cutoffs.firstEvents(5).visible(BUYER)).hasSize(3);
        assertThat(Cutoffs.firstEvents(5).visible(BROWSER)).hasSize(3);
        assertThat(Cutoffs.firstEvents(1).visible(BROWSER)).hasSize(1);
    }

    @Test
    void firstMinutesIncludesTheBoundaryAndNeverThePurchase() {
        assertThat(Cutoffs.firstMinutes(1).visible(BROWSER)).hasSize(2);
        assertThat(Cutoffs.firstMinutes(0.99).visible(BROWSER)).hasSize(1);
        assertThat(Cutoffs.firstMinutes(0).visible(BROWSER)).hasSize(1);
        assertThat(Cutoffs.firstMinutes(10).visible(BROWSER)).hasSize(3);
        assertThat(Cutoffs.firstMinutes(60).visible(BUYER)).hasSize(3);
    }

    @Test
    void aPurchaseAsFirstEventLeavesNothing() {
        Session s = session("p", ev("p", 0, EventType.PURCHASE), ev("p", 10, EventType.PRODUCT_VIEW));
        assertThat(Cutoffs.beforeFirstPurchase().visible(s)).isEmpty();
        assertThat(Cutoffs.firstEvents(3).visible(s)).isEmpty();
        assertThat(Cutoffs.firstMinutes(3).visible(s)).isEmpty();
    }

    @Test
    void parsesTheCommandLineForms() {
        assertThat(Cutoffs.parse("before-purchase").name()).isEqualTo("before-purchase");
        assertThat(Cutoffs.parse("events:5").name()).isEqualTo("events:5");
        assertThat(Cutoffs.parse("minutes:10").name()).isEqualTo("minutes:10");
        assertThat(Cutoffs.parse("minutes:2.5").name()).isEqualTo("minutes:2.5");
        assertThat(Cutoffs.parse(" events:2 ").visible(BUYER)).hasSize(2);
    }

    @Test
    void rejectsUnknownCutoffsNamingTheForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.parse("after"));
        assertThat(e.getMessage()).isEqualTo(
                "unknown cutoff 'after'; expected before-purchase, events:N (N >= 1) or minutes:T (T >= 0)");
        e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.parse("hours:3"));
        assertThat(e.getMessage()).startsWith("unknown cutoff 'hours:3'");
    }

    @Test
    void rejectsBadNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.parse("events:x"));
        assertThat(e.getMessage()).startsWith("cutoff 'events:x': 'x' is not a number");
        e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.parse("events:0"));
        assertThat(e.getMessage()).isEqualTo("cutoff 'events:0': N must be >= 1, was 0");
        e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.parse("minutes:-1"));
        assertThat(e.getMessage()).isEqualTo("cutoff 'minutes:-1': T must be a finite number >= 0, was -1");
        e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.firstEvents(0));
        assertThat(e.getMessage()).isEqualTo("cutoff events:N needs N >= 1, was 0");
        e = assertThrows(IllegalArgumentException.class, () -> Cutoffs.firstMinutes(Double.NaN));
        assertThat(e.getMessage()).isEqualTo("cutoff minutes:T needs a finite T >= 0, was NaN");
    }
}
