package dev.propensity.metrics;

import dev.propensity.core.SessionFacts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KpisTest {

    private static SessionFacts facts(boolean... labels) {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < labels.length; i++) {
            b.addRow("s" + i, labels[i], SessionFacts.UNKNOWN_START, Double.NaN, 0, 0, Map.of());
        }
        return b.build();
    }

    @Test
    void sessionsPurchasesAndConversionWithWilsonInterval() {
        Kpis k = Kpis.of(facts(true, false, false, false, true, false, false, false, false, false));
        assertThat(k.sessions()).isEqualTo(10);
        assertThat(k.purchases()).isEqualTo(2);
        assertThat(k.conversionRate()).isEqualTo(0.2);
        assertThat(k.conversionInterval()).isEqualTo(Wilson.interval(2, 10));
        assertThat(k.modelQuality()).isEmpty();
        assertThat(k.toString()).contains("conversion rate   20.00%");
    }

    @Test
    void modelFiguresComeWithTheirProtocol() {
        boolean[] y = {true, false, true, false, false};
        double[] p = {0.9, 0.2, 0.6, 0.7, 0.1};
        EvaluationProtocol cv = EvaluationProtocol.crossValidation(5, 42);
        EvaluationResult r = EvaluationResult.of(cv, y, p);
        Kpis k = Kpis.of(facts(y), r);
        ModelQuality m = k.modelQuality().orElseThrow();
        assertThat(m.protocol()).isEqualTo(cv.describe());
        assertThat(m.rocAuc()).isEqualTo(r.report().rocAuc());
        assertThat(m.accuracy()).isEqualTo(0.8);
        assertThat(m.majorityBaseline()).isEqualTo(0.6);
        assertThat(k.toString()).contains("majority baseline").contains("5-fold");
    }

    @Test
    void noSessionsGiveZeroRateAndTheWholeInterval() {
        Kpis k = Kpis.of(facts());
        assertThat(k.conversionRate()).isZero();
        assertThat(k.conversionInterval()).isEqualTo(new Interval(0, 1));
    }

    @Test
    void morePurchasesThanSessionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Kpis(1, 2, 1, new Interval(0, 1), null));
        assertThat(e.getMessage()).contains("purchases=2").contains("sessions=1");
    }
}
