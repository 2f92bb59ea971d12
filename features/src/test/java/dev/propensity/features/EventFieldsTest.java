package dev.propensity.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.Event;
import dev.propensity.core.EventField;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.SessionReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FeatureExtractor#eventFields()}: an extractor that declares the fields it reads gets their right values
 * from every source (the REES46 byte reader keeps only the fields some extractor declares), one that declares
 * nothing gets everything, and one that reads a field it did not declare fails at once, on every source.
 */
class EventFieldsTest {
    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";

    @TempDir
    Path dir;

    /** Reads brands only, through the view's accessors. */
    static class Brands implements FeatureExtractor {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.count("branded_events", "visible events with a brand"),
                    FeatureSpec.categorical("last_brand", "the brand of the last visible event"));
        }

        @Override
        public Set<EventField> eventFields() {
            return EnumSet.of(EventField.BRAND);
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            int n = 0;
            for (int i = 0; i < session.size(); i++) {
                n += session.brand(i) != null ? 1 : 0;
            }
            out.set(0, n);
            out.setLevel(1, session.size() == 0 ? null : session.brand(session.size() - 1));
        }
    }

    /** Reads users and types only, through the view's accessors. */
    static final class Users implements FeatureExtractor {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.count("other_user_views", "visible views by another user than the session's"));
        }

        @Override
        public Set<EventField> eventFields() {
            return EnumSet.of(EventField.USER, EventField.TYPE);
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            int n = 0;
            for (int i = 0; i < session.size(); i++) {
                if (session.type(i) == EventType.PRODUCT_VIEW && !Objects.equals(session.userId(i), session.userId())) {
                    n++;
                }
            }
            out.set(0, n);
        }
    }

    /** Declares nothing: reads the events as objects, brands and users included. */
    static class ByObjects implements FeatureExtractor {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.count("branded_events_by_objects", "visible events with a brand"),
                    FeatureSpec.count("other_user_events_by_objects", "visible events by another user"));
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            out.set(0, session.events().stream().filter(e -> e.brand() != null).count());
            out.set(1, session.events().stream().filter(e -> !Objects.equals(e.userId(), session.userId())).count());
        }
    }

    /** Declares types only, but reads brands. */
    static final class Undeclared implements FeatureExtractor {
        @Override
        public List<FeatureSpec> features() {
            return List.of(FeatureSpec.count("branded_carts", "cart adds with a brand"));
        }

        @Override
        public Set<EventField> eventFields() {
            return EnumSet.of(EventField.TYPE);
        }

        @Override
        public void extract(ObservedSession session, FeatureRow out) {
            int n = 0;
            for (int i = 0; i < session.size(); i++) {
                if (session.type(i) == EventType.ADD_TO_CART && session.brand(i) != null) {
                    n++;
                }
            }
            out.set(0, n);
        }

        @Override
        public String toString() {
            return "extractor branded_carts";
        }
    }

    /** Sessions of several users each, brands on some events, interleaved in time. */
    private Path mixedUsers() throws IOException {
        List<String> rows = new ArrayList<>();
        String[] brands = {"apple", "", "samsung", "xiaomi", "", "lg"};
        for (int i = 0; i < 1200; i++) {
            int minute = i / 6;
            String type = i % 17 == 0 ? "cart" : i % 97 == 0 ? "purchase" : "view";
            rows.add(String.format("2019-11-01 %02d:%02d:%02d UTC,%s,%d,5,,%s,%d.5,%d,s-%d", 10 + minute / 60,
                    minute % 60, i % 60, type, 100 + i % 7, brands[i % brands.length], i % 23,
                    i % 5 == 0 ? 70 + i % 3 : 50 + i % 11, i / 300 * 100 + i % 11));
        }
        rows.sort(Comparator.comparing(r -> r.substring(0, 19)));
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, HEADER + String.join("\n", rows) + "\n");
        return f;
    }

    private Path simulated() throws IOException {
        Path f = dir.resolve("sim.csv");
        SyntheticSessions.writeRees46(f, 3_000, 21, SimulatorConfig.rees46());
        return f;
    }

    private static FeatureTable bySessions(Path f, List<FeatureExtractor> ex) throws IOException {
        try (SessionReader r = Inputs.sessions(f, InputFormat.REES46, ReadOptions.defaults())) {
            return FeatureTables.builder().extractors(ex).buildWithReport(r.stream().iterator()).table();
        }
    }

    private static FeatureTable byBytes(Path f, List<FeatureExtractor> ex, int threads) throws IOException {
        return FeatureTables.builder().extractors(ex).threads(threads).splitBytes(1)
                .build(f, InputFormat.REES46, ReadOptions.defaults()).table();
    }

    /** Every column of every row, keyed by session id and start, as text. */
    private static List<String> rows(FeatureTable t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            StringBuilder sb = new StringBuilder(t.id(i)).append('@').append(t.facts().startMillis(i));
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(',').append(t.schema().get(c).name()).append('=').append(t.value(i, c));
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    private static double sum(FeatureTable t, String feature) {
        int c = t.schema().indexOf(feature);
        double s = 0;
        for (int i = 0; i < t.rows(); i++) {
            s += t.value(i, c);
        }
        return s;
    }

    @Test
    void declaredFieldsGiveTheRightValuesAndUndeclaredOnesEverythingOnEverySource() throws IOException {
        for (Path f : List.of(mixedUsers(), simulated())) {
            for (List<FeatureExtractor> added : List.of(List.<FeatureExtractor>of(new Brands()),
                    List.<FeatureExtractor>of(new Users()), List.<FeatureExtractor>of(new ByObjects()),
                    List.<FeatureExtractor>of(new Brands(), new Users(), new ByObjects()))) {
                List<FeatureExtractor> ex = new ArrayList<>(StandardExtractors.forEvents());
                ex.addAll(added);
                List<String> expected = rows(bySessions(f, ex));
                for (int threads = 1; threads <= 2; threads++) {
                    assertThat(rows(byBytes(f, ex, threads))).as("%s with %s, %d thread(s)", f.getFileName(), added,
                            threads).isEqualTo(expected);
                }
            }
        }
        // the values are not trivially equal: there are brands and other users to count, and both ways agree
        FeatureTable t = byBytes(mixedUsers(), List.of(new Brands(), new Users(), new ByObjects()), 2);
        assertThat(sum(t, "branded_events")).isPositive().isEqualTo(sum(t, "branded_events_by_objects"));
        assertThat(sum(t, "other_user_views")).isPositive();
        assertThat(sum(t, "other_user_events_by_objects")).isGreaterThanOrEqualTo(sum(t, "other_user_views"));
    }

    @Test
    void theFieldsOfASetAreTheUnionOfWhatItsExtractorsDeclare() {
        Set<EventField> standard = Extractors.eventFields(StandardExtractors.forEvents());
        assertThat(standard).containsExactlyInAnyOrder(EventField.TIME, EventField.TYPE, EventField.PRICE,
                EventField.PRODUCT, EventField.CATEGORY);
        List<FeatureExtractor> withBrands = new ArrayList<>(StandardExtractors.forEvents());
        withBrands.add(new Brands());
        assertThat(Extractors.eventFields(withBrands)).containsAll(standard).contains(EventField.BRAND)
                .doesNotContain(EventField.USER);
        assertThat(Extractors.eventFields(List.of(new ByObjects()))).isEqualTo(EventField.all());
        assertThat(new ByObjects().eventFields()).isEqualTo(EnumSet.allOf(EventField.class));
        assertThat(Extractors.eventFields(StandardExtractors.forTable())).isEmpty();
        FeatureExtractor broken = new Brands() {
            @Override
            public Set<EventField> eventFields() {
                return null;
            }
        };
        assertThatThrownBy(() -> Extractors.eventFields(List.of(broken))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventFields()");
    }

    @Test
    void readingAFieldNotDeclaredFailsOnEverySourceWhateverElseRuns() throws IOException {
        Path f = mixedUsers();
        // beside an extractor that reads everything, so the REES46 reader keeps brands: it still fails
        List<FeatureExtractor> ex = List.of(new ByObjects(), new Undeclared());
        for (int threads = 1; threads <= 2; threads++) {
            int t = threads;
            assertThatThrownBy(() -> byBytes(f, ex, t)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("extractor branded_carts read the brand of an event")
                    .hasMessageContaining("[TYPE]").hasMessageContaining("[BRAND]");
        }
        assertThatThrownBy(() -> bySessions(f, ex)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extractor branded_carts read the brand of an event");
        assertThatThrownBy(() -> FeatureTables.builder().extractors(List.of(new Undeclared()))
                .build(List.of(Session.of("s", "u", List.of(cart("s", 0), cart("s", 1))))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EventField").isNotNull();
        // a live session too
        SessionRows rows = SessionRows.of(List.of(new Undeclared()));
        SessionRows.Live live = rows.start("s", "u", Map.of());
        live.add(cart("s", 0));
        assertThatThrownBy(live::update).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extractor branded_carts read the brand of an event");
        // events as objects need every field
        FeatureExtractor objects = new ByObjects() {
            @Override
            public Set<EventField> eventFields() {
                return EnumSet.complementOf(EnumSet.of(EventField.PRICE));
            }
        };
        assertThatThrownBy(() -> bySessions(f, List.of(objects))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the events as objects").hasMessageContaining("[PRICE]");
    }

    @Test
    void anExtractorCalledOnItsOwnSeesEveryField() {
        ObservedSession s = ObservedSession.of(Session.of("s", "u", List.of(cart("s", 0), cart("s", 1))),
                Cutoffs.firstEvents(2));
        double[] out = new double[1];
        new Undeclared().extract(s, new FeatureExtractor.FeatureRow() {
            @Override
            public void set(int feature, double value) {
                out[feature] = value;
            }

            @Override
            public void setLevel(int feature, String level) {
            }
        });
        assertThat(out[0]).isEqualTo(2.0);
    }

    private static Event cart(String session, int second) {
        return new Event(session, "u", java.time.Instant.ofEpochSecond(1_572_600_000L + second), EventType.ADD_TO_CART,
                "p", "c", "brand", 1.0);
    }
}
