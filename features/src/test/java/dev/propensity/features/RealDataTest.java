package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Features of the real sample files in {@code ../shared/data} (skipped when absent). */
class RealDataTest {

    private static List<Session> read(String relative) throws IOException {
        Path p = SharedData.file(relative);
        try (SessionReader in = Inputs.sessions(p, null, ReadOptions.defaults())) {
            return in.readAll();
        }
    }

    @Test
    void uciRowsBecomeSeventeenFeaturesWithCalendarMonths() throws IOException {
        Path p = SharedData.file("uci/online_shoppers_intention.csv");
        FeatureTables.Result r;
        try (SessionReader in = Inputs.sessions(p, InputFormat.UCI, ReadOptions.defaults())) {
            r = FeatureTables.builder().buildWithReport(in.stream().iterator());
        }
        FeatureTable t = r.table();
        assertThat(t.rows()).isEqualTo(12_330);
        assertThat(t.positives()).isEqualTo(1_908);
        assertThat(t.columnCount()).isEqualTo(17);
        assertThat(t.schema().get("Month").levels()).containsExactly("Feb", "Mar", "May", "June", "Jul", "Aug",
                "Sep", "Oct", "Nov", "Dec");
        assertThat(t.schema().get("VisitorType").levels()).containsExactly("New_Visitor", "Other",
                "Returning_Visitor");
        assertThat(t.schema().get("OperatingSystems").levels()).startsWith("1", "2", "3");
        assertThat(r.report().buyersWithEmptyCutoff()).isZero();
        for (int j = 0; j < t.columnCount(); j++) {
            for (double v : t.columnArray(j)) {
                assertThat(v).as(t.schema().get(j).name()).isNotNaN();
            }
        }
        FittedEncoding enc = FittedEncoding.fit(t, EncoderConfig.defaults());
        assertThat(enc.width()).isBetween(40, 80);
        assertThat(enc.outputNames()).contains("PageValues", "Month=Nov", "VisitorType=Returning_Visitor",
                "Weekend");
        double[][] cols = enc.encodeColumns(t);
        assertThat(cols).hasNumberOfRows(enc.width());
        for (double[] c : cols) {
            for (double v : c) {
                assertThat(v).isFinite();
            }
        }
        StringWriter w = new StringWriter();
        FeatureCsv.write(t, w);
        assertThat(w.toString().split("\n")).hasSize(12_331);
    }

    @Test
    void rees46SessionsBecomeFeatureRowsWithoutSeeingThePurchase() throws IOException {
        List<Session> sessions = read("rees46/2019-11-01-head.csv");
        FeatureTables.Result r = FeatureTables.builder().buildWithReport(sessions);
        FeatureTable t = r.table();
        assertThat(t.rows()).isEqualTo(240);
        assertThat(t.positives()).isEqualTo(2);
        assertThat(r.report().eventsIn()).isEqualTo(683);
        assertThat(r.report().eventsVisible()).isLessThan(683);
        double[] views = t.column("product_views");
        assertThat(java.util.Arrays.stream(views).sum()).isGreaterThan(100);
        // buyers: cutting the session right after its first purchase changes no feature
        List<Session> cut = new ArrayList<>();
        for (Session s : sessions) {
            int p = s.firstPurchaseIndex();
            List<Event> e = p < 0 ? s.events() : s.events().subList(0, p + 1);
            cut.add(Session.of(s.id(), s.userId(), e, s.attributes()));
        }
        assertThat(FeatureTables.build(cut).sameValues(t)).isTrue();
    }

    @Test
    void ottoSessionsBecomeFeatureRows() throws IOException {
        List<Session> sessions = read("otto/train-first20sessions.jsonl");
        FeatureTable t = FeatureTables.build(sessions);
        assertThat(t.rows()).isEqualTo(20);
        assertThat(java.util.Arrays.stream(t.column("events")).min().orElse(-1)).isGreaterThanOrEqualTo(0);
        assertThat(t.positives()).isPositive();
    }
}
