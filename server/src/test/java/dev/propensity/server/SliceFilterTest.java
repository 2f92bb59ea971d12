package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceFilterTest {
    private final ServeData data = TestData.hostile();

    private static Map<String, List<String>> q(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    @Test
    void parsesEveryFilterAndWritesItBackAsTheSameQuery() {
        SliceFilter f = SliceFilter.parse(q("device", "mobile", "device", "tablet", "from", "2019-10-02", "to",
                "2019-10-05", "hours", "9-14", "weekday", "mon,sat", "threshold", "0.3", "cost", "2", "value",
                "80", "top", "10"), data);
        assertThat(f.attributes()).containsEntry("device", List.of("mobile", "tablet"));
        assertThat(f.from()).isEqualTo(LocalDate.of(2019, 10, 2));
        assertThat(f.hourFrom()).isEqualTo(9);
        assertThat(f.hourTo()).isEqualTo(14);
        assertThat(f.keepsWeekday(0)).isTrue();
        assertThat(f.keepsWeekday(1)).isFalse();
        assertThat(f.threshold()).isEqualTo(0.3);
        String query = f.toQuery();
        Map<String, List<String>> back = new LinkedHashMap<>();
        for (String part : query.split("&")) {
            String[] kv = part.split("=", 2);
            back.computeIfAbsent(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                    k -> new java.util.ArrayList<>()).add(java.net.URLDecoder.decode(kv[1],
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(SliceFilter.parse(back, data)).isEqualTo(f);
        assertThat(SliceFilter.all().toQuery()).isEmpty();
    }

    @Test
    void emptyParametersMeanAll() {
        assertThat(SliceFilter.parse(q("device", "", "from", " ", "threshold", ""), data))
                .isEqualTo(SliceFilter.all());
    }

    @Test
    void eachBadParameterIsNamed() {
        assertThatThrownBy(() -> SliceFilter.parse(q("threshold", "1.5"), data)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("threshold").hasMessageContaining("1.5")
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("threshold");
        assertThatThrownBy(() -> SliceFilter.parse(q("from", "2019-13-01"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("from");
        assertThatThrownBy(() -> SliceFilter.parse(q("hours", "9"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("hours");
        assertThatThrownBy(() -> SliceFilter.parse(q("hours", "9-24"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("hours");
        assertThatThrownBy(() -> SliceFilter.parse(q("weekday", "funday"), data))
                .hasMessageContaining("funday");
        assertThatThrownBy(() -> SliceFilter.parse(q("device", "fridge"), data))
                .hasMessageContaining("fridge").hasMessageContaining("mobile");
        assertThatThrownBy(() -> SliceFilter.parse(q("colour", "red"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("colour");
        assertThatThrownBy(() -> SliceFilter.parse(q("source", "email"), data))
                .hasMessageContaining("no traffic_source attribute");
        assertThatThrownBy(() -> SliceFilter.parse(q("from", "2019-10-05", "to", "2019-10-01"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> SliceFilter.parse(q("top", "0"), data))
                .extracting(e -> ((BadRequest) e).field()).isEqualTo("top");
    }

    @Test
    void rowsAreThoseEveryFilterKeeps() {
        SliceFilter f = SliceFilter.parse(q("device", "desktop", "hours", "22-3", "weekday", "tue"), data);
        int[] rows = data.rows(f);
        int expected = 0;
        for (int i = 0; i < data.size(); i++) {
            java.time.ZonedDateTime t = data.facts().start(i).atZone(java.time.ZoneOffset.UTC);
            boolean keep = "desktop".equals(data.facts().attribute("device", i))
                    && (t.getHour() >= 22 || t.getHour() <= 3) && t.getDayOfWeek() == java.time.DayOfWeek.TUESDAY;
            expected += keep ? 1 : 0;
        }
        assertThat(rows).hasSize(expected);
        assertThat(expected).isPositive();
        for (int r : rows) {
            assertThat(data.facts().attribute("device", r)).isEqualTo("desktop");
        }
    }
}
