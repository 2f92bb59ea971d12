package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.propensity.pipeline.DashboardResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes over real HTTP, on a simulated run. */
class ServerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardResult run;
    private static PropensityServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        run = TestData.simulatedRun();
        server = PropensityServer.builder(ServeData.of(run)).port(0).maxBody(64 * 1024).build().start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String type, String body) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertJsonError(HttpResponse<String> r, int status, String field) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("error").asText()).isNotBlank();
        assertThat(n.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(n.get("field").asText()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
    }

    @Test
    void summaryOfEverySessionIsTheRunsFigures() throws Exception {
        HttpResponse<String> r = get("/api/v1/summary");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("sessions").asLong()).isEqualTo(run.figures().kpis().sessions());
        assertThat(n.get("purchases").asLong()).isEqualTo(run.figures().kpis().purchases());
        assertThat(n.get("conversionRate").asDouble()).isEqualTo(run.figures().kpis().conversionRate());
        // the same pooled out-of-fold predictions: the same ROC AUC as the run's report
        assertThat(n.get("rocAuc").asDouble()).isCloseTo(run.report().metrics().rocAuc(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(n.get("breakdowns").size()).isEqualTo(run.figures().breakdowns().size());
    }

    @Test
    void summaryOfASliceCountsItsSessions() throws Exception {
        JsonNode n = JSON.readTree(get("/api/v1/summary?device=mobile&hours=9-14&threshold=0.3").body());
        var facts = run.table().facts();
        long sessions = 0;
        long purchases = 0;
        for (int i = 0; i < facts.size(); i++) {
            int h = facts.start(i).atZone(facts.zone()).getHour();
            if ("mobile".equals(facts.attribute("device", i)) && h >= 9 && h <= 14) {
                sessions++;
                purchases += facts.purchased(i) ? 1 : 0;
            }
        }
        assertThat(sessions).isPositive();
        assertThat(n.get("sessions").asLong()).isEqualTo(sessions);
        assertThat(n.get("purchases").asLong()).isEqualTo(purchases);
        JsonNode t = n.get("threshold");
        assertThat(t.get("threshold").asDouble()).isEqualTo(0.3);
        assertThat(t.get("truePositives").asLong() + t.get("falseNegatives").asLong()).isEqualTo(purchases);
        assertThat(t.get("truePositives").asLong() + t.get("falsePositives").asLong())
                .isEqualTo(t.get("predictedBuyers").asLong());
        assertThat(t.get("realisedProfit").asDouble()).isEqualTo(t.get("truePositives").asLong() * 50.0
                - t.get("predictedBuyers").asLong() * 1.0);
        assertThat(n.get("slice").get("query").asText()).isEqualTo("device=mobile&hours=9-14&threshold=0.3");
    }

    @Test
    void aLowerThresholdTargetsMoreSessions() throws Exception {
        JsonNode high = JSON.readTree(get("/api/v1/summary?threshold=0.6").body()).get("threshold");
        JsonNode low = JSON.readTree(get("/api/v1/summary?threshold=0.2").body()).get("threshold");
        assertThat(low.get("predictedBuyers").asLong()).isGreaterThan(high.get("predictedBuyers").asLong());
        assertThat(low.get("recall").asDouble()).isGreaterThan(high.get("recall").asDouble());
    }

    @Test
    void badFiltersAre400NamingTheField() throws Exception {
        assertJsonError(get("/api/v1/summary?threshold=abc"), 400, "threshold");
        assertJsonError(get("/api/v1/summary?device=fridge"), 400, "device");
        assertJsonError(get("/api/v1/summary?hours=9-30"), 400, "hours");
        assertJsonError(get("/api/v1/summary?nonsense=1"), 400, "nonsense");
        assertJsonError(get("/?from=yesterday"), 400, "from");
    }

    @Test
    void anEmptySliceIsAnsweredWithZeroSessions() throws Exception {
        HttpResponse<String> r = get("/api/v1/summary?from=2000-01-01&to=2000-01-02");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("sessions").asLong()).isZero();
        assertThat(n.get("rocAuc").isNull()).isTrue();
        assertThat(get("/?from=2000-01-01&to=2000-01-02").body()).contains("No session is in this slice");
    }

    @Test
    void unknownRoutesAre404AndAnotherMethod405Json() throws Exception {
        assertJsonError(get("/no/such/page"), 404, null);
        assertJsonError(post("/api/v1/summary", "application/json", "{}"), 405, null);
    }

    @Test
    void thePageHasEveryPartAndAStrictPolicy() throws Exception {
        HttpResponse<String> r = get("/?device=desktop&threshold=0.4");
        assertThat(r.statusCode()).isEqualTo(200);
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe");
        String page = r.body();
        assertThat(page).contains("<form id=\"filters\"").contains("name=\"traffic_source\"")
                .contains("name=\"device\"").contains("name=\"visitor_type\"").contains("name=\"weekday\"")
                .contains("name=\"hours\"").contains("name=\"from\"").contains("name=\"threshold\"")
                .contains("name=\"cost\"").contains("name=\"value\"");
        assertThat(page).contains("<option value=\"desktop\" selected>");
        assertThat(page).contains("id=\"chart-kpis\"").contains("id=\"chart-roc\"").contains("<svg");
        int charts = page.split("<figure ").length - 1;
        int tables = page.split("<summary>Show as table</summary>").length - 1;
        assertThat(charts).isGreaterThan(8);
        assertThat(tables).isEqualTo(charts);
        assertThat(page).contains("Top sessions by probability").contains("/sessions.csv?device=desktop");
        // no inline script, no inline style
        assertThat(page.split("<script").length - 1).isEqualTo(1);
        assertThat(page).contains("<script src=\"/static/serve.js\" defer></script>").doesNotContain("style=");
        HttpResponse<String> js = get("/static/serve.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("/fragment");
        assertThat(get("/static/serve.css").statusCode()).isEqualTo(200);
        HttpResponse<String> fragment = get("/fragment?device=desktop");
        assertThat(fragment.body()).doesNotContain("<form").contains("id=\"chart-kpis\"");
    }

    @Test
    void theCsvListsTheTopSessionsOfTheSlice() throws Exception {
        HttpResponse<String> r = get("/sessions.csv?device=tablet&top=20");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).startsWith("session_id,probability,purchased,start,events");
        assertThat(lines).hasSize(21);
        double previous = 2;
        for (int i = 1; i < lines.length; i++) {
            double p = Double.parseDouble(lines[i].split(",")[1]);
            assertThat(p).isLessThanOrEqualTo(previous);
            previous = p;
            assertThat(lines[i]).contains("tablet");
        }
    }

    @Test
    void scoringOneSessionGivesAProbabilityAndDrivers() throws Exception {
        String body = "{\"sessionId\":\"abc\",\"events\":["
                + "{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"page_view\"},"
                + "{\"time\":\"2019-10-01T10:01:00Z\",\"type\":\"view\",\"productId\":\"p1\",\"price\":25.5},"
                + "{\"time\":\"2019-10-01T10:03:00Z\",\"type\":\"cart\",\"productId\":\"p1\",\"price\":25.5}],"
                + "\"attributes\":{\"device\":\"mobile\",\"traffic_source\":\"email\",\"visitor_type\":\"new\"}}";
        HttpResponse<String> r = post("/api/v1/score", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("sessionId").asText()).isEqualTo("abc");
        assertThat(n.get("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(n.get("drivers").size()).isPositive();
        assertThat(n.get("drivers").get(0).get("feature").asText()).isNotBlank();
        // one more cart add makes a purchase more likely under the simulated shop's model
        String fewer = "{\"sessionId\":\"abc\",\"events\":[{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"page_view\"}],"
                + "\"attributes\":{\"device\":\"mobile\",\"traffic_source\":\"email\",\"visitor_type\":\"new\"}}";
        double p0 = JSON.readTree(post("/api/v1/score", "application/json", fewer).body()).get("probability")
                .asDouble();
        assertThat(n.get("probability").asDouble()).isGreaterThan(p0);
    }

    @Test
    void eventsUpdateTheLiveScorerAndAnswerEveryTouchedSession() throws Exception {
        String first = "[{\"sessionId\":\"live-1\",\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"page_view\","
                + "\"attributes\":{\"device\":\"mobile\"}},"
                + "{\"sessionId\":\"live-2\",\"time\":\"2019-10-01T10:00:05Z\",\"type\":\"view\",\"productId\":\"p9\"},"
                + "{\"sessionId\":\"live-1\",\"time\":\"2019-10-01T10:01:00Z\",\"type\":\"view\",\"productId\":\"p1\"}]";
        HttpResponse<String> r = post("/api/v1/events", "application/json", first);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("sessions").size()).isEqualTo(2);
        JsonNode s1 = n.get("sessions").get(0);
        assertThat(s1.get("sessionId").asText()).isEqualTo("live-1");
        assertThat(s1.get("events").asInt()).isEqualTo(2);
        assertThat(s1.get("status").asText()).isEqualTo("scored");
        assertThat(s1.get("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(n.get("openSessions").asInt()).isGreaterThanOrEqualTo(2);
        // one event, not in an array: the session goes on
        HttpResponse<String> more = post("/api/v1/events", "application/json", "{\"sessionId\":\"live-1\","
                + "\"time\":\"2019-10-01T10:02:00Z\",\"type\":\"cart\",\"productId\":\"p1\",\"price\":20}");
        JsonNode m = JSON.readTree(more.body()).get("sessions").get(0);
        assertThat(m.get("events").asInt()).isEqualTo(3);
        assertThat(m.get("change").asDouble()).isEqualTo(m.get("probability").asDouble()
                - s1.get("probability").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        // the same events scored in one go give the same probability
        String all = "{\"sessionId\":\"live-1\",\"attributes\":{\"device\":\"mobile\"},\"events\":["
                + "{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"page_view\"},"
                + "{\"time\":\"2019-10-01T10:01:00Z\",\"type\":\"view\",\"productId\":\"p1\"},"
                + "{\"time\":\"2019-10-01T10:02:00Z\",\"type\":\"cart\",\"productId\":\"p1\",\"price\":20}]}";
        double scored = JSON.readTree(post("/api/v1/score", "application/json", all).body()).get("probability")
                .asDouble();
        assertThat(m.get("probability").asDouble()).isCloseTo(scored, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(get("/metrics").body()).containsPattern("propensity_live_open_sessions [1-9]");
        // a bad event anywhere: nothing is applied, and the answer names it
        assertJsonError(post("/api/v1/events", "application/json", "[{\"sessionId\":\"live-3\",\"time\":"
                + "\"2019-10-01T10:00:00Z\",\"type\":\"view\"},{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"view\"}]"),
                400, "[1].sessionId");
        assertJsonError(post("/api/v1/events", "application/json", "[]"), 400, "body");
        assertJsonError(post("/api/v1/events", "application/json", "{\"sessionId\":\"x\",\"time\":\"now\","
                + "\"type\":\"view\"}"), 400, "event.time");
    }

    @Test
    void badScoreRequestsAre400NamingTheField() throws Exception {
        assertJsonError(post("/api/v1/score", "application/json", "{\"sessionId\":\"a\",\"events\":"
                + "[{\"time\":\"yesterday\",\"type\":\"view\"}]}"), 400, "events[0].time");
        assertJsonError(post("/api/v1/score", "application/json", "{\"sessionId\":\"a\",\"events\":"
                + "[{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"view\"},"
                + "{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"teleport\"}]}"), 400, "events[1].type");
        assertJsonError(post("/api/v1/score", "application/json", "{\"sessionId\":\"a\",\"events\":"
                + "[{\"time\":\"2019-10-01T10:00:00Z\",\"type\":\"view\",\"price\":-3}]}"), 400, "events[0].price");
        assertJsonError(post("/api/v1/score", "application/json", "{\"events\":[]}"), 400, "sessionId");
        assertJsonError(post("/api/v1/score", "application/json", "{\"sessionId\":\"a\",\"events\":[]}"), 400,
                "events");
        assertJsonError(post("/api/v1/score", "application/json", "{not json"), 400, "body");
        assertJsonError(post("/api/v1/score", "text/plain", "{}"), 400, "Content-Type");
    }

    @Test
    void aBodyOverTheLimitIs413Json() throws Exception {
        String big = "{\"sessionId\":\"" + "x".repeat(100 * 1024) + "\",\"events\":[]}";
        // the server refuses a body announced over the limit before reading it and closes the connection, so a
        // client still writing the 100 KB can see a broken pipe instead of the answer (a race of the loopback
        // buffers): a few tries, and the first answer that arrives must be the 413 in JSON
        HttpResponse<String> answer = null;
        IOException last = null;
        for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
            try {
                answer = post("/api/v1/score", "application/json", big);
            } catch (IOException e) {
                last = e;
            }
        }
        if (answer == null) {
            throw last;
        }
        assertJsonError(answer, 413, null);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        assertThat(JSON.readTree(get("/health").body()).get("status").asText()).isEqualTo("ok");
        get("/api/v1/summary?device=mobile");
        get("/no/such/page");
        String m = get("/metrics").body();
        assertThat(m).contains("# TYPE propensity_http_requests_total counter")
                .containsPattern("propensity_http_requests_total\\{route=\"/api/v1/summary\",method=\"GET\","
                        + "status=\"200\"} [1-9]")
                .contains("propensity_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}")
                .contains("# TYPE propensity_http_request_duration_seconds histogram")
                .contains("propensity_http_request_duration_seconds_bucket{route=\"/api/v1/summary\",le=\"+Inf\"}")
                .contains("le=\"0.0005\"")
                .contains("# TYPE propensity_live_open_sessions gauge").contains("propensity_live_open_sessions ");
    }

    @Test
    void aTokenGuardsEveryRouteButHealth() throws Exception {
        String token = "s3cret-token-0123456789";
        try (PropensityServer s = PropensityServer.builder(TestData.hostile()).port(0).token(token).build()
                .start()) {
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<String> none = c.send(HttpRequest.newBuilder(URI.create(s.url() + "api/v1/summary"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertJsonError(none, 401, null);
            HttpResponse<String> wrong = c.send(HttpRequest.newBuilder(URI.create(s.url()))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertJsonError(wrong, 401, null);
            HttpResponse<String> ok = c.send(HttpRequest.newBuilder(URI.create(s.url() + "api/v1/summary"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> health = c.send(HttpRequest.newBuilder(URI.create(s.url() + "health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> login = c.send(HttpRequest.newBuilder(URI.create(s.url() + "?token=" + token))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(302);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            HttpResponse<String> page = c.send(HttpRequest.newBuilder(URI.create(s.url()))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anotherAddressNeedsAToken() {
        assertThatThrownBy(() -> PropensityServer.builder(TestData.hostile()).host("0.0.0.0").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a token");
        assertThatThrownBy(() -> PropensityServer.builder(TestData.hostile()).token("short"))
                .hasMessageContaining("16 characters");
    }
}
