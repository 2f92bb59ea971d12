package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.core.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UciExtractorTest {
    static Map<String, String> row() {
        Map<String, String> a = new HashMap<>();
        a.put("Administrative", "2");
        a.put("Administrative_Duration", "64.5");
        a.put("Informational", "0");
        a.put("Informational_Duration", "0");
        a.put("ProductRelated", "19");
        a.put("ProductRelated_Duration", "1236.2");
        a.put("BounceRates", "0.01");
        a.put("ExitRates", "0.02");
        a.put("PageValues", "12.3");
        a.put("SpecialDay", "0");
        a.put("Month", "Nov");
        a.put("OperatingSystems", "2");
        a.put("Browser", "2");
        a.put("Region", "1");
        a.put("TrafficType", "3");
        a.put("VisitorType", "Returning_Visitor");
        a.put("Weekend", "FALSE");
        return a;
    }

    @Test
    void turnsEveryUciAttributeIntoAFeature() {
        Map<String, Object> f = TestSessions.features(Session.summary("1", row(), true),
                StandardExtractors.forTable(), Cutoffs.beforeFirstPurchase());
        assertThat(f).hasSize(17).containsEntry("Administrative", 2.0).containsEntry("PageValues", 12.3)
                .containsEntry("Month", "Nov").containsEntry("VisitorType", "Returning_Visitor")
                .containsEntry("TrafficType", "3").containsEntry("Weekend", 0.0);
        List<FeatureSpec> specs = new UciExtractor().features();
        assertThat(specs.get(0).kind()).isEqualTo(FeatureKind.COUNT);
        assertThat(specs.get(1).kind()).isEqualTo(FeatureKind.NUMERIC);
        assertThat(specs.stream().filter(s -> s.kind() == FeatureKind.CATEGORICAL).count()).isEqualTo(6);
    }

    @Test
    void missingAttributesAreMissingValues() {
        Map<String, String> a = row();
        a.remove("PageValues");
        a.put("Month", "");
        Map<String, Object> f = TestSessions.features(Session.summary("2", a, false), StandardExtractors.forTable(),
                Cutoffs.beforeFirstPurchase());
        assertThat((double) f.get("PageValues")).isNaN();
        assertThat(f.get("Month")).isNull();
    }

    @Test
    void rejectsANonNumberNamingTheSession() {
        Map<String, String> a = row();
        a.put("ExitRates", "0,02");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSessions.features(Session.summary("17", a, false), StandardExtractors.forTable(),
                        Cutoffs.beforeFirstPurchase()));
        assertThat(e.getMessage()).isEqualTo("session 17: attribute ExitRates must be a number, was '0,02'");
    }
}
