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

    @Test
    void servesASimulatedRunAndPrintsTheUrl() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(PropensityCommand.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), "serve", "--sessions", "1500", "--port", "0")));
        t.start();
        Matcher m = null;
        for (int i = 0; i < 1200 && (m == null || !m.find()); i++) {
            Thread.sleep(100);
            m = Pattern.compile("Serving 1500 sessions at (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString());
        }
        assertThat(m.find(0)).as(out + "\n" + err).isTrue();
        String url = m.group(1);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "api/v1/summary?device=mobile")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"sessions\":");
        t.interrupt();
        t.join(30_000);
        assertThat(exit.get()).isEqualTo(PropensityCommand.OK);
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
