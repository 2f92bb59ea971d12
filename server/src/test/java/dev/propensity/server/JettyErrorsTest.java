package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors that Jetty answers before a request reaches a route (a malformed request line, a bad URI, an unknown method,
 * an over-long header, a body over the limit, a bad HTTP version), sent as raw bytes over a socket since a real HTTP
 * client refuses to send them: each answer is the JSON error, never Jetty's HTML page or a stack trace.
 */
class JettyErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PropensityServer server;

    @BeforeAll
    static void start() {
        server = PropensityServer.builder(ServeData.of(TestData.simulatedRun())).port(0).maxBody(4096).build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The status line, headers and body of the answer to some raw request bytes. */
    private record Answer(int status, String head, String body) {
    }

    private static Answer send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer send(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything; the answer is still there
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("an HTTP answer to %s, got %s", new String(request, 0, Math.min(60,
                    request.length), StandardCharsets.ISO_8859_1), text).isPositive();
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            sb.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return sb.toString();
    }

    private static void assertJson(Answer a, int status) throws IOException {
        assertThat(a.status()).as(a.head() + "\n\n" + a.body()).isEqualTo(status);
        assertThat(a.head().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        JsonNode n = JSON.readTree(a.body());
        assertThat(n.get("error").asText()).isNotBlank();
        assertThat(n.get("detail").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContainIgnoringCase("<html")
                .doesNotContain("jetty").doesNotContain("javalin");
    }

    @Test
    void aMalformedRequestLineIs400Json() throws IOException {
        assertJson(send("THIS IS NOT HTTP\r\n\r\n"), 400);
        assertJson(send("GET\r\n\r\n"), 400);
    }

    @Test
    void aBadUriIs400Json() throws IOException {
        assertJson(send("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        assertJson(send("GET /api/v1/summary?device=%G0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void anUnknownMethodIsJson() throws IOException {
        Answer a = send("BREW /api/v1/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(a.status()).isIn(400, 404, 405, 501);
        assertJson(a, a.status());
        assertJson(send("DELETE /api/v1/score HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405);
    }

    @Test
    void anOverLongHeaderIs431Json() throws IOException {
        String longHeader = "X-Long: " + "a".repeat(64 * 1024) + "\r\n";
        assertJson(send("GET /health HTTP/1.1\r\nHost: x\r\n" + longHeader + "Connection: close\r\n\r\n"), 431);
        String longUri = "/api/v1/summary?device=" + "m".repeat(64 * 1024);
        Answer uri = send("GET " + longUri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(uri.status()).isIn(414, 431);
        assertJson(uri, uri.status());
    }

    @Test
    void aBodyOverTheLimitIs413JsonOnEveryPath() throws IOException {
        String body = "{\"sessionId\":\"" + "x".repeat(10_000) + "\"}";
        for (String path : new String[] {"/api/v1/score", "/api/v1/events", "/no/such/route"}) {
            Answer a = send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertJson(a, 413);
        }
        // without a length: a chunked body that grows over the limit
        String chunk = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        assertJson(send("POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk), 413);
    }

    @Test
    void aBadVersionOrHeaderIsJson() throws IOException {
        Answer version = send("GET /health HTTP/7.3\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).isIn(400, 505);
        assertJson(version, version.status());
        assertJson(send("GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\nConnection: close\r\n\r\n"), 400);
        assertJson(send("POST /api/v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: nine\r\nConnection: close\r\n\r\n"),
                400);
    }
}
