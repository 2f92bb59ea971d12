package dev.propensity.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code propensity serve} in process: it prints the URL, answers, and refuses bad usage in one line. */
class ServeCommandTest {

    /** Runs {@code serve args...} on a thread until it prints its URL, asks for a path, then stops it. */
    private static String serveAndGet(String path, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        Thread t = new Thread(() -> exit.set(PropensityCommand.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), all)));
        t.start();
        Pattern p = Pattern.compile("Serving \\d+ sessions at (http://127\\.0\\.0\\.1:\\d+/)");
        Matcher m = p.matcher("");
        for (int i = 0; i < 1800 && t.isAlive(); i++) {
            m = p.matcher(out.toString());
            if (m.find()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(m.find(0)).as(out + "\n" + err).isTrue();
        // the slices drawn before listening, and how long that took
        assertThat(err.toString()).containsPattern("drew \\d+ slices in [0-9.]+ s before listening; rounds [0-9.]+ s");
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return r.body();
        } finally {
            t.interrupt();
            t.join(30_000);
            assertThat(exit.get()).isEqualTo(PropensityCommand.OK);
        }
    }

    @Test
    void servesASimulatedRunAndPrintsTheUrl() throws Exception {
        String body = serveAndGet("api/v1/summary?device=mobile", "--sessions", "1500", "--port", "0");
        assertThat(body).contains("\"sessions\":").contains("\"rocAuc\":0.");
    }

    @Test
    void servesAPreviousRunFromItsFolder(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.csv");
        assertThat(Cli.run("simulate", "--sessions", "1500", "--out", events.toString()).exit()).isZero();
        Path run = dir.resolve("run");
        Cli.Result d = Cli.run("dashboard", "--input", events.toString(), "--out", run.toString());
        assertThat(d.exit()).as(d.toString()).isZero();
        String served = serveAndGet("api/v1/summary", "--from", run.toString(), "--port", "0");
        String report = java.nio.file.Files.readString(run.resolve("report.json"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        double auc = json.readTree(report).get("metrics").get("rocAuc").asDouble();
        com.fasterxml.jackson.databind.JsonNode s = json.readTree(served);
        assertThat(s.get("sessions").asLong()).isEqualTo(json.readTree(report).get("input").get("sessions")
                .asLong());
        // the same out-of-fold predictions, read back from predictions.csv: the same ROC AUC
        assertThat(s.get("rocAuc").asDouble()).isCloseTo(auc, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void anotherAddressWithoutATokenIsRefusedInOneLine() {
        Cli.Result r = Cli.run("serve", "--sessions", "300", "--host", "0.0.0.0", "--port", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(PropensityCommand.BAD_INPUT);
        assertThat(r.err()).contains("needs a token");
        assertThat(r.errLines()).isEqualTo(1);
    }

    @Test
    void inputAndFromTogetherAreRefused(@TempDir Path dir) {
        Cli.Result r = Cli.run("serve", "--input", dir.resolve("x.csv").toString(), "--from", dir.toString());
        assertThat(r.exit()).isEqualTo(PropensityCommand.BAD_INPUT);
        assertThat(r.err()).contains("not both");
    }

    @Test
    void aFolderWithoutAReportIsRefusedNamingTheFile(@TempDir Path dir) {
        Cli.Result r = Cli.run("serve", "--from", dir.toString(), "--port", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(PropensityCommand.BAD_INPUT);
        assertThat(r.err()).contains("report.json");
        assertThat(r.errLines()).isEqualTo(1);
    }
}
