package dev.propensity.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.propensity.core.Event;
import dev.propensity.core.EventType;
import dev.propensity.core.Workers;
import dev.propensity.live.Driver;
import dev.propensity.live.LiveScore;
import dev.propensity.live.LiveScorer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code propensity serve}: the interactive dashboard and the REST API over a dashboard run, on Javalin.
 *
 * <ul>
 *   <li>{@code GET /}: the page (slicers, threshold, charts with their tables, insights, drill-through); the filters
 *       are the URL query ({@link SliceFilter}); {@code GET /fragment} is the part a slicer change swaps;</li>
 *   <li>{@code GET /sessions.csv?<filters>}: the drill-through as CSV;</li>
 *   <li>{@code GET /api/v1/summary?<filters>}: the slice's KPIs and breakdowns as JSON;</li>
 *   <li>{@code POST /api/v1/score}: one session's probability and drivers, from its events (stateless);</li>
 *   <li>{@code POST /api/v1/events}: one event or an array of events, each with its session id, fed to the live
 *       scorer; the answer is the current probability of every session the events touched;</li>
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus text).</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": ..., "detail": ...}} (400 naming the field, 401, 404, 413, 500), never a
 * stack trace or an HTML page. The server binds 127.0.0.1 unless told otherwise; any other address needs a token,
 * and then every route but {@code /health} needs it, as {@code Authorization: Bearer T} or as the cookie that
 * opening {@code /?token=T} once sets.
 *
 * <pre>{@code
 * try (PropensityServer s = PropensityServer.builder(ServeData.of(result)).port(0).build().start()) {
 *     System.out.println(s.url());
 * }
 * }</pre>
 */
public final class PropensityServer implements AutoCloseable {
    /** The default address. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default largest request body, in bytes (1 MiB). */
    public static final long DEFAULT_MAX_BODY = 1L << 20;
    /** The most events one score request may carry. */
    public static final int MAX_EVENTS = 10_000;

    private static final String COOKIE = "propensity_token";
    private static final System.Logger LOG = System.getLogger(PropensityServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, EventType> TYPES = Map.of("view", EventType.PRODUCT_VIEW, "cart",
            EventType.ADD_TO_CART, "remove_from_cart", EventType.REMOVE_FROM_CART, "purchase", EventType.PURCHASE,
            "page_view", EventType.PAGE_VIEW, "checkout", EventType.CHECKOUT);

    private final ServeData data;
    private final String host;
    private final int port;
    private final String token;
    private final long maxBody;
    private final Workers workers;
    private final LiveScorer live;
    private final int warmUpRounds;
    private final RequestMetrics metrics;
    private final Map<SliceFilter, SliceView> cache;
    private final byte[] css;
    private final byte[] js;
    private Javalin app;
    private Warmup.Done warmedUp;

    private PropensityServer(Builder b) {
        this.data = b.data;
        this.host = b.host;
        this.port = b.port;
        this.token = b.token;
        this.maxBody = b.maxBody;
        this.workers = b.workers;
        this.warmUpRounds = b.warmUpRounds;
        this.live = b.live != null ? b.live : data.model() != null ? LiveScorer.of(data.model()) : null;
        LiveScorer l = live;
        this.metrics = new RequestMetrics(() -> l == null ? 0 : l.openSessions());
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<SliceFilter, SliceView> eldest) {
                return size() > 8;
            }
        };
        this.css = resource("static/serve.css");
        this.js = resource("static/serve.js");
    }

    /**
     * A builder serving the given data, on 127.0.0.1:8080, without a token, scoring with the data's model.
     *
     * @param data what to serve
     * @return the builder
     */
    public static Builder builder(ServeData data) {
        return new Builder(data);
    }

    private static byte[] resource(String name) {
        try (InputStream in = PropensityServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Warms up (the first time), then starts listening. The warm-up computes and draws a few representative slices
     * of the data (see {@link Builder#warmUp(int)}) and the page of every session, which is kept for the first
     * visitor; only then is the address bound, so that {@code /health} answers and the first pages cost what later
     * ones do.
     *
     * @return this server, started
     * @throws IllegalStateException when already started, or the address cannot be bound
     */
    public synchronized PropensityServer start() {
        if (app != null) {
            throw new IllegalStateException("the server is already started at " + url());
        }
        if (warmedUp == null) {
            long t0 = System.nanoTime();
            Warmup.Done done = Warmup.run(data, workers, live, JSON, warmUpRounds);
            // the first page asked for is drawn now, not for the first visitor
            view(SliceFilter.all());
            warmedUp = new Warmup.Done(done.slices() + 1, java.time.Duration.ofNanos(System.nanoTime() - t0),
                    done.rounds());
        }
        Javalin a = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = maxBody;
            // a known path asked with another method is 405, not 404
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
            config.requestLogger.http((ctx, ms) -> metrics.record(route(ctx), ctx.method().name(),
                    ctx.statusCode(), ms / 1000.0));
            config.routes.before(this::secure);
            config.routes.get("/", ctx -> page(ctx, false));
            config.routes.get("/fragment", ctx -> page(ctx, true));
            config.routes.get("/sessions.csv", this::csv);
            config.routes.get("/static/serve.css", ctx -> asset(ctx, css, "text/css; charset=utf-8"));
            config.routes.get("/static/serve.js", ctx -> asset(ctx, js, "text/javascript; charset=utf-8"));
            config.routes.get("/api/v1/summary", this::summary);
            config.routes.post("/api/v1/score", this::score);
            config.routes.post("/api/v1/events", this::events);
            config.routes.get("/health", this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.text()));
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "bad request", e.field(),
                    e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    reason(e.getStatus()), null, e.getStatus() == 413 ? "the request body is over the limit of "
                            + maxBody + " bytes" : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, "request " + ctx.method() + " " + ctx.path() + " failed", e);
                error(ctx, 500, "internal error", null, "the server failed on this request; its log has the cause");
            });
            config.routes.error(404, ctx -> error(ctx, 404, "not found", null, "no route " + ctx.method() + " "
                    + ctx.path()));
            config.routes.error(405, ctx -> error(ctx, 405, "method not allowed", null, ctx.method() + " "
                    + ctx.path()));
        });
        try {
            a.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        app = a;
        return this;
    }

    /**
     * How long the warm-up before listening took (zero before the first {@link #start()}).
     *
     * @return the time computing and drawing the warm-up's slices and the first page took
     */
    public synchronized java.time.Duration warmUpTime() {
        return warmedUp == null ? java.time.Duration.ZERO : warmedUp.time();
    }

    /**
     * How many slices the warm-up computed and drew, the first page included (zero before the first
     * {@link #start()}).
     *
     * @return the number of slices
     */
    public synchronized int warmUpSlices() {
        return warmedUp == null ? 0 : warmedUp.slices();
    }

    /**
     * How long each round of the warm-up took (empty before the first {@link #start()}, or without rounds): the
     * rounds grow shorter as the JIT compiles the slice and drawing code.
     *
     * @return each round's time
     */
    public synchronized List<java.time.Duration> warmUpRounds() {
        return warmedUp == null ? List.of() : warmedUp.rounds();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The port listened on (the one chosen when built with port 0). */
    public int port() {
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
        return app.port();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** Stops the server (nothing when not started). */
    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    /**
     * Computes a slice as the page shows it (cached: the last few slices are kept).
     *
     * @param filter the slice and settings
     * @return the view
     */
    public SliceView view(SliceFilter filter) {
        synchronized (cache) {
            SliceView v = cache.get(filter);
            if (v != null) {
                return v;
            }
        }
        SliceView v = SliceView.compute(data, filter, workers);
        synchronized (cache) {
            cache.put(filter, v);
        }
        return v;
    }

    // ---------------------------------------------------------------- routes

    private static String route(Context ctx) {
        String path;
        try {
            path = ctx.endpoint().path;
        } catch (RuntimeException e) {
            path = null;
        }
        // an unknown path (Javalin's catch-all "*") is one label, not one per path asked for
        return path == null || path.equals("*") || ctx.statusCode() == 404 ? "unmatched" : path;
    }

    private void secure(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        // a body announced over the limit is refused before anything reads it, on every route
        if (ctx.req().getContentLengthLong() > maxBody) {
            throw new HttpResponseException(413, "the request body is over the limit", Map.of());
        }
        if (token == null || ctx.path().equals("/health")) {
            return;
        }
        String given = null;
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).strip();
        } else if (ctx.cookie(COOKIE) != null) {
            given = ctx.cookie(COOKIE);
        } else if (ctx.path().equals("/") && ctx.queryParam("token") != null) {
            String t = ctx.queryParam("token");
            if (same(t, token)) {
                ctx.header("Set-Cookie", COOKIE + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "; Path=/; HttpOnly; SameSite=Strict");
                ctx.redirect("/");
                ctx.skipRemainingHandlers();
                return;
            }
            given = t;
        }
        if (given == null || !same(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Unauthorized(given == null ? "this server needs a bearer token (Authorization: Bearer T, or "
                    + "open /?token=T once)" : "the token is wrong");
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** 401 from the token check, answered like every other error. */
    private static final class Unauthorized extends HttpResponseException {
        private static final long serialVersionUID = 1L;

        Unauthorized(String message) {
            super(401, message, Map.of());
        }
    }

    private SliceFilter filter(Context ctx) {
        checkEncoding(ctx.queryString());
        Map<String, List<String>> q = new LinkedHashMap<>(ctx.queryParamMap());
        q.remove("token");
        return SliceFilter.parse(q, data);
    }

    /**
     * Refuses a query with a malformed percent-escape ({@code %} not followed by two hex digits), which the query
     * parser would otherwise drop without a word, answering for a slice nobody asked for.
     */
    static void checkEncoding(String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&", -1)) {
            for (int i = pair.indexOf('%'); i >= 0; i = pair.indexOf('%', i + 1)) {
                if (i + 2 >= pair.length() || Character.digit(pair.charAt(i + 1), 16) < 0
                        || Character.digit(pair.charAt(i + 2), 16) < 0) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    throw new BadRequest(name.contains("%") ? "query" : name, "malformed percent-escape in '"
                            + (pair.length() > 80 ? pair.substring(0, 80) + "..." : pair)
                            + "': '%' must be followed by two hex digits");
                }
            }
        }
    }

    private void page(Context ctx, boolean fragment) {
        long t0 = System.nanoTime();
        SliceFilter f = filter(ctx);
        boolean cached;
        synchronized (cache) {
            cached = cache.containsKey(f);
        }
        SliceView v = view(f);
        long t1 = System.nanoTime();
        String html = fragment ? Page.fragment(data, v) : Page.full(data, v);
        long t2 = System.nanoTime();
        ctx.header("Server-Timing", serverTiming(v, cached, (t1 - t0) / 1e6, (t2 - t1) / 1e6));
        ctx.header("Content-Security-Policy", Page.CSP);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    /**
     * The Server-Timing header of a page: the view's steps (when computed for this request), the HTML, and the
     * total, in milliseconds; a browser's developer tools show them.
     */
    private static String serverTiming(SliceView v, boolean cached, double view, double html) {
        StringBuilder sb = new StringBuilder();
        if (!cached) {
            for (Map.Entry<String, Double> e : v.millis().entrySet()) {
                sb.append(e.getKey()).append(";dur=").append(String.format(Locale.ROOT, "%.1f", e.getValue()))
                        .append(", ");
            }
        }
        sb.append("view;dur=").append(String.format(Locale.ROOT, "%.1f", view)).append(cached ? ";desc=cached" : "")
                .append(", html;dur=").append(String.format(Locale.ROOT, "%.1f", html)).append(", total;dur=")
                .append(String.format(Locale.ROOT, "%.1f", view + html));
        return sb.toString();
    }

    private void csv(Context ctx) {
        SliceView v = view(filter(ctx));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"sessions.csv\"");
        ctx.result(SessionsCsv.of(data, v));
    }

    private static void asset(Context ctx, byte[] body, String type) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(type).result(body);
    }

    private void summary(Context ctx) throws JsonProcessingException {
        json(ctx, 200, Summary.of(data, view(filter(ctx))));
    }

    private void health(Context ctx) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("sessions", data.size());
        m.put("predictions", data.hasPredictions());
        m.put("scoring", live != null);
        m.put("openSessions", live == null ? 0 : live.openSessions());
        json(ctx, 200, m);
    }

    private LiveScorer scorer() {
        if (live == null) {
            throw new BadRequest("model", "this server has no model to score with (start it with --model FILE)");
        }
        return live;
    }

    /** {@code POST /api/v1/score}: one session's events, scored without opening a live session. */
    private void score(Context ctx) throws JsonProcessingException {
        LiveScorer scorer = scorer();
        LiveScore s = score(scorer, body(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionId", s.sessionId());
        m.put("probability", Summary.num(s.probability()));
        m.put("drivers", drivers(s.drivers()));
        json(ctx, 200, m);
    }

    /**
     * The body of {@code POST /api/v1/score} checked, its events in time order, scored without opening a live
     * session (also what the warm-up scores).
     *
     * @throws BadRequest naming the field that is wrong
     */
    static LiveScore score(LiveScorer scorer, JsonNode body) {
        String sessionId = text(body, "sessionId", true);
        JsonNode events = body.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw new BadRequest("events", "expected a non-empty array of events");
        }
        if (events.size() > MAX_EVENTS) {
            throw new BadRequest("events", "at most " + MAX_EVENTS + " events, got " + events.size());
        }
        List<Event> list = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = event(events.get(i), "events[" + i + "]", sessionId);
            if (!e.sessionId().equals(sessionId)) {
                throw new BadRequest("events[" + i + "].sessionId", "'" + e.sessionId() + "' differs from the "
                        + "request's sessionId '" + sessionId + "'");
            }
            list.add(e);
        }
        list.sort((x, y) -> x.time().compareTo(y.time()));
        return scorer.score(list, attributes(body.get("attributes"), "attributes"));
    }

    /**
     * {@code POST /api/v1/events}: events fed to the live scorer in the order given (each event's own
     * {@code attributes} are its session's); every event is checked before any is applied.
     */
    private void events(Context ctx) throws JsonProcessingException {
        LiveScorer scorer = scorer();
        JsonNode body = body(ctx, true);
        List<JsonNode> nodes = new ArrayList<>();
        String prefix;
        if (body.isArray()) {
            body.forEach(nodes::add);
            prefix = "";
        } else {
            nodes.add(body);
            prefix = null;
        }
        if (nodes.isEmpty()) {
            throw new BadRequest("body", "expected an event or a non-empty array of events");
        }
        if (nodes.size() > MAX_EVENTS) {
            throw new BadRequest("body", "at most " + MAX_EVENTS + " events, got " + nodes.size());
        }
        List<Event> events = new ArrayList<>(nodes.size());
        List<Map<String, String>> attributes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            String path = prefix == null ? "event" : "[" + i + "]";
            JsonNode n = nodes.get(i);
            Event e = event(n, path, null);
            events.add(e);
            attributes.add(attributes(n.get("attributes"), path + ".attributes"));
        }
        Map<String, LiveScore> touched = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            LiveScore s = scorer.update(events.get(i), attributes.get(i));
            touched.put(s.sessionId(), s);
        }
        List<Object> sessions = new ArrayList<>(touched.size());
        for (LiveScore s : touched.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessionId", s.sessionId());
            m.put("probability", Summary.num(s.probability()));
            m.put("change", Summary.num(s.change()));
            m.put("status", s.status().name().toLowerCase(Locale.ROOT));
            m.put("events", s.eventIndex());
            m.put("drivers", drivers(s.drivers()));
            sessions.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", sessions);
        out.put("openSessions", scorer.openSessions());
        json(ctx, 200, out);
    }

    private static List<Object> drivers(List<Driver> drivers) {
        List<Object> out = new ArrayList<>(drivers.size());
        for (Driver d : drivers) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("feature", d.feature());
            dm.put("contribution", Summary.num(d.contribution()));
            out.add(dm);
        }
        return out;
    }

    private static Map<String, String> attributes(JsonNode attrs, String field) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (attrs == null || attrs.isNull()) {
            return attributes;
        }
        if (!attrs.isObject()) {
            throw new BadRequest(field, "expected an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : attrs.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadRequest(field + "." + e.getKey(), "expected a string or a number");
            }
            attributes.put(e.getKey(), e.getValue().asText());
        }
        return attributes;
    }

    private JsonNode body(Context ctx) {
        return body(ctx, false);
    }

    private JsonNode body(Context ctx, boolean arrayAllowed) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest("Content-Type", "expected application/json, got " + (type == null ? "none" : type));
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBody) {
            throw new HttpResponseException(413, "the request body is over the limit", Map.of());
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BadRequest("body", "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !(n.isObject() || arrayAllowed && n.isArray())) {
            throw new BadRequest("body", arrayAllowed ? "expected a JSON object or array" : "expected a JSON object");
        }
        return n;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequest(field, "missing");
            }
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new BadRequest(field, "expected a string");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new BadRequest(field, "must not be empty");
        }
        return s;
    }

    /**
     * One event of a request body: {@code time} (ISO-8601 with an offset, e.g. {@code 2019-10-01T10:00:00Z}),
     * {@code type} (view, cart, remove_from_cart, purchase, page_view, checkout), optional {@code productId},
     * {@code categoryId}, {@code brand}, {@code price} (a number &gt;= 0).
     */
    static Event event(JsonNode e, String path, String sessionId) {
        if (e == null || !e.isObject()) {
            throw new BadRequest(path, "expected an object");
        }
        JsonNode t = e.get("time");
        if (t == null || !t.isTextual()) {
            throw new BadRequest(path + ".time", "expected an ISO-8601 time such as 2019-10-01T10:00:00Z");
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(t.asText()).toInstant();
        } catch (DateTimeParseException ex) {
            throw new BadRequest(path + ".time", "expected an ISO-8601 time with an offset such as "
                    + "2019-10-01T10:00:00Z, got '" + t.asText() + "'");
        }
        JsonNode ty = e.get("type");
        EventType type = ty == null || !ty.isTextual() ? null : TYPES.get(ty.asText().toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new BadRequest(path + ".type", "expected one of view, cart, remove_from_cart, purchase, page_view, "
                    + "checkout, got " + (ty == null ? "none" : ty.toString()));
        }
        double price = Double.NaN;
        JsonNode pr = e.get("price");
        if (pr != null && !pr.isNull()) {
            if (!pr.isNumber() || !(pr.asDouble() >= 0) || Double.isInfinite(pr.asDouble())) {
                throw new BadRequest(path + ".price", "expected a number >= 0, got " + pr);
            }
            price = pr.asDouble();
        }
        String sid = sessionId;
        JsonNode s = e.get("sessionId");
        if (s != null && !s.isNull()) {
            if (!s.isTextual() && !s.isNumber()) {
                throw new BadRequest(path + ".sessionId", "expected a string");
            }
            sid = s.asText();
        }
        if (sid == null || sid.isBlank()) {
            throw new BadRequest(path + ".sessionId", "missing");
        }
        return new Event(sid, null, time, type, text(e, "productId", false, path), text(e, "categoryId", false, path),
                text(e, "brand", false, path), price);
    }

    private static String text(JsonNode n, String field, boolean required, String path) {
        try {
            return text(n, field, required);
        } catch (BadRequest b) {
            throw new BadRequest(path + "." + field, b.getMessage().substring(field.length() + 2));
        }
    }

    private static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(body));
    }

    private static void error(Context ctx, int status, String error, String field, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        if (field != null) {
            m.put("field", field);
        }
        m.put("detail", detail);
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            ctx.status(status).contentType("application/json").result("{\"error\":\"" + jsonText(error) + "\"}");
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 400:
                return "bad request";
            case 401:
                return "unauthorized";
            case 404:
                return "not found";
            case 405:
                return "method not allowed";
            case 413:
                return "payload too large";
            default:
                return "error " + status;
        }
    }

    /** A text as the inside of a JSON string. */
    static String jsonText(String s) {
        try {
            String q = JSON.writeValueAsString(s);
            return q.substring(1, q.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an address is a loopback one (a token is needed for any other). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
    }

    @Override
    public String toString() {
        return "PropensityServer[" + host + ":" + port + ", " + data + (token == null ? "" : ", token") + "]";
    }

    /** The settings of a server. */
    public static final class Builder {
        private final ServeData data;
        private String host = LOOPBACK;
        private int port = DEFAULT_PORT;
        private String token;
        private long maxBody = DEFAULT_MAX_BODY;
        private Workers workers = Workers.defaults();
        private LiveScorer live;
        private int warmUpRounds = Warmup.DEFAULT_ROUNDS;

        private Builder(ServeData data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        /**
         * The address to bind (default 127.0.0.1). Any address that is not a loopback one needs a {@link #token}.
         *
         * @param value a host name or IP address
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * The port (default 8080; 0 picks a free one).
         *
         * @param value the port, 0-65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be in 0-65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * The bearer token every route but {@code /health} then needs.
         *
         * @param value the token, at least 16 characters, or {@code null} for none
         * @return this builder
         */
        public Builder token(String value) {
            if (value != null && value.strip().length() < 16) {
                throw new IllegalArgumentException("a token needs at least 16 characters, got "
                        + value.strip().length());
            }
            this.token = value == null ? null : value.strip();
            return this;
        }

        /**
         * The largest request body (default 1 MiB); a larger one is answered with 413.
         *
         * @param bytes the limit, at least 1024
         * @return this builder
         */
        public Builder maxBody(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBody must be >= 1024 bytes, was " + bytes);
            }
            this.maxBody = bytes;
            return this;
        }

        /**
         * Where the charts render (default {@link Workers#defaults()}).
         *
         * @param value the workers
         * @return this builder
         */
        public Builder workers(Workers value) {
            this.workers = Objects.requireNonNull(value, "workers");
            return this;
        }

        /**
         * How many times the server computes and draws its representative slices before it listens (default
         * 3): a slice of every session, of a weekday, of an hour range, of both, of a range across midnight, of the
         * first day, and of a level of each attribute, each drawn as the page, the fragment, the summary and the
         * CSV, then thrown away, and one made-up session scored. The first pages of a fresh JVM otherwise cost up to
         * twice what later ones do (the JIT, Java2D, fonts, XChart and Jackson loading, the heap growing); 0 skips
         * the warm-up (the page of every session is still drawn before listening).
         *
         * @param rounds the rounds, 0-100
         * @return this builder
         */
        public Builder warmUp(int rounds) {
            if (rounds < 0 || rounds > 100) {
                throw new IllegalArgumentException("warm-up rounds must be in 0-100, was " + rounds);
            }
            this.warmUpRounds = rounds;
            return this;
        }

        /**
         * The live scorer behind {@code POST /api/v1/score} and {@code POST /api/v1/events} (default: one on the
         * data's model with the live module's defaults; none without a model). Its open sessions are the metrics'
         * gauge.
         *
         * @param value the scorer
         * @return this builder
         */
        public Builder live(LiveScorer value) {
            this.live = Objects.requireNonNull(value, "live");
            return this;
        }

        /**
         * The server, not started.
         *
         * @return the server
         * @throws IllegalArgumentException when the address is not a loopback one and no token was given
         */
        public PropensityServer build() {
            if (token == null && !isLoopback(host)) {
                throw new IllegalArgumentException("binding " + host + " (not a loopback address) needs a token "
                        + "(--token T): without one anybody on the network could read the data");
            }
            return new PropensityServer(this);
        }
    }
}
