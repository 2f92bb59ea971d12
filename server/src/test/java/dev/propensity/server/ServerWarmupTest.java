package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm-up a server runs before it listens: what it draws, that it happens before, and that it changes nothing. */
class ServerWarmupTest {

    private static HttpResponse<String> get(PropensityServer s, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSlicesTakeEveryPathTheDataHas() {
        ServeData data = TestData.hostile();
        List<SliceFilter> slices = Warmup.slices(data, 0);
        // every session; a weekday; hours; weekend hours; hours across midnight; the first day; device; brand
        assertThat(slices).hasSize(8);
        assertThat(slices.get(0).keepsAll()).isTrue();
        for (SliceFilter f : slices.subList(1, slices.size())) {
            int rows = data.rows(f).length;
            assertThat(rows).as(f.describe()).isGreaterThan(0).isLessThan(data.size());
        }
        assertThat(slices.get(4).hourFrom()).isGreaterThan(slices.get(4).hourTo());
        assertThat(slices.get(5).from()).isEqualTo(data.firstDay());
        assertThat(slices.get(6).attributes()).containsOnlyKeys("device");
        assertThat(slices.get(7).attributes()).containsOnlyKeys("brand");
        // thresholds differ from the first page's and from round to round, and the weekday and levels move on
        Set<Double> thresholds = new HashSet<>();
        for (int r = 0; r < 3; r++) {
            List<SliceFilter> round = Warmup.slices(data, r);
            assertThat(round.get(0).threshold()).isNotEqualTo(SliceFilter.DEFAULT_THRESHOLD);
            thresholds.add(round.get(0).threshold());
        }
        assertThat(thresholds).hasSize(3);
        assertThat(Warmup.slices(data, 1).get(1).weekdayMask()).isNotEqualTo(slices.get(1).weekdayMask());
        assertThat(Warmup.slices(data, 1).get(6).attributes()).isNotEqualTo(slices.get(6).attributes());
    }

    @Test
    void theServerDrawsItsSlicesBeforeItListens() throws Exception {
        ServeData data = TestData.hostile();
        PropensityServer server = PropensityServer.builder(data).port(0).warmUp(2).build();
        assertThat(server.warmUpSlices()).isZero();
        assertThat(server.warmUpRounds()).isEmpty();
        try (PropensityServer s = server.start()) {
            // two rounds of the slices, and the first page
            assertThat(s.warmUpSlices()).isEqualTo(2 * Warmup.slices(data, 0).size() + 1);
            assertThat(s.warmUpRounds()).hasSize(2).allSatisfy(d -> assertThat(d).isPositive());
            assertThat(s.warmUpTime()).isGreaterThanOrEqualTo(s.warmUpRounds().get(0).plus(s.warmUpRounds().get(1)));
            // the page of every session was drawn before listening: the first visitor gets it from the cache
            HttpResponse<String> first = get(s, "");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Server-Timing")).hasValueSatisfying(t -> assertThat(t)
                    .contains("desc=cached"));
        }
    }

    @Test
    void aWarmedUpServerAnswersWhatAColdOneAnswers() throws Exception {
        ServeData data = TestData.hostile();
        // the warm-up's own slices and thresholds, asked of both: nothing it drew may leak into an answer
        SliceFilter warmed = Warmup.slices(data, 0).get(1);
        List<String> paths = List.of("api/v1/summary?device=mobile&threshold=0.3", "fragment?weekday=mon",
                "fragment?" + warmed.toQuery(), "sessions.csv?hours=22-5", "");
        try (PropensityServer hot = PropensityServer.builder(data).port(0).warmUp(3).build().start();
             PropensityServer cold = PropensityServer.builder(data).port(0).warmUp(0).build().start()) {
            assertThat(cold.warmUpSlices()).isEqualTo(1);
            assertThat(cold.warmUpRounds()).isEmpty();
            for (String p : paths) {
                HttpResponse<String> a = get(hot, p);
                HttpResponse<String> b = get(cold, p);
                assertThat(a.statusCode()).as(p).isEqualTo(200);
                assertThat(a.body()).as(p).isEqualTo(b.body()).isNotEmpty();
            }
        }
    }

    @Test
    void roundsOutsideTheRangeAreRefused() {
        ServeData data = TestData.hostile();
        assertThatThrownBy(() -> PropensityServer.builder(data).warmUp(-1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("0-100");
        assertThatThrownBy(() -> PropensityServer.builder(data).warmUp(101)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("was 101");
    }
}
