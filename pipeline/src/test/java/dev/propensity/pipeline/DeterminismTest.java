package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.propensity.core.Workers;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.Trainers;
import dev.propensity.pipeline.report.ReportJson;
import java.io.IOException;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same seed gives the same report, apart from times, for every model and thread count (issue 17). */
class DeterminismTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode report(String model, Workers workers) throws IOException {
        DashboardResult r = DashboardPipeline.builder(InputSource.simulated(1_200, 11))
                .protocol(EvaluationProtocol.crossValidation(3, 11)).trainer(Trainers.factory(model)).seed(11)
                .workers(workers).build().run();
        ObjectNode json = (ObjectNode) JSON.readTree(ReportJson.toBytes(r.report()));
        json.remove("created");
        json.remove("timings");
        json.remove("timingsNote");
        ((ObjectNode) json.get("metrics")).remove("foldSeconds");
        if (json.get("earliness") instanceof ObjectNode earliness) {
            earliness.remove("seconds"); // how long the earliness study took: a time, like the timings
        }
        return json;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logistic", "xgboost", "random-forest", "stack"})
    void sameSeedSameReportForEveryModelAndThreadCount(String model) throws IOException {
        ForkJoinPool two = Workers.newPool(2, "determinism");
        try {
            JsonNode one = report(model, Workers.callerOnly());
            assertThat(report(model, Workers.of(two))).as(model + ", 1 vs 2 threads").isEqualTo(one);
            assertThat(report(model, Workers.callerOnly())).as(model + ", again").isEqualTo(one);
        } finally {
            two.shutdown();
        }
    }
}
