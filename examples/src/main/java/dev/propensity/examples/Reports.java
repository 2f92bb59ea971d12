package dev.propensity.examples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.propensity.core.io.ReadReport;
import dev.propensity.core.io.RejectReason;
import dev.propensity.features.BuildReport;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.model.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds and writes {@code report.json}. Non-finite numbers (an AUC that is undefined, for instance) are written
 * as {@code null}, so the file is strict JSON.
 *
 * <p>Sections: {@code input} (source, format, rows read and rejected by reason, sessions, purchases, cutoff),
 * {@code kpis}, {@code metrics} (protocol, model, headline figures, the report at threshold 0.5 and at the max-F1
 * threshold, per-fold AUCs, curves' sizes), {@code importance} (standardised coefficients for linear models, and
 * permutation importance), {@code breakdowns} (hour of day, day of week, duration bucket and attributes, each with
 * the funnel beside them), {@code insights}, {@code timings} (seconds per phase) and {@code outputs}.
 */
final class Reports {
    private static final ObjectMapper JSON = mapper();

    private Reports() {
    }

    static ObjectMapper mapper() {
        SimpleModule finite = new SimpleModule("finite-numbers");
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value == null || value.isNaN() || value.isInfinite()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        finite.addSerializer(Double.class, doubles);
        finite.addSerializer(double.class, doubles);
        finite.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeStartArray();
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        gen.writeNumber(v);
                    } else {
                        gen.writeNull();
                    }
                }
                gen.writeEndArray();
            }
        });
        return new ObjectMapper().registerModule(finite).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    static void write(Path file, Map<String, Object> report) throws IOException {
        JSON.writeValue(file.toFile(), report);
    }

    static Map<String, Object> build(DashboardOptions options, DashboardRun.Loaded in, EvaluationProtocol protocol,
                                     EvaluationProtocol requested, List<String> notes, String skipped, String model,
                                     Evaluation evaluation,
                                     DashboardRun.Figures figures, Map<String, Double> seconds) {
        FeatureTable table = in.table();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("propensity", PropensityCommand.version());
        root.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("seed", options.seed());
        root.put("input", input(options, in));
        root.put("kpis", figures.kpis());
        root.put("notes", notes);
        root.put("metrics", metrics(protocol, requested, skipped, model, evaluation, figures));
        Map<String, Object> importance = new LinkedHashMap<>();
        importance.put("coefficients", figures.coefficients());
        importance.put("permutation", figures.permutation());
        importance.put("permutationNote", "permutation importance of the final model (trained on all rows), on a "
                + "seeded sample of at most " + DashboardRun.PERMUTATION_ROWS + " rows, " + DashboardRun.PERMUTATION_REPEATS
                + " shuffles a feature (fewer rows and shuffles for a model that scores slowly)");
        root.put("importance", importance);
        root.put("breakdowns", breakdowns(figures));
        root.put("insights", figures.insights());
        root.put("timings", seconds);
        String trained = "the final model was trained alongside the evaluation's folds: evaluate includes it, and "
                + "train is its own training time (from its model card)";
        root.put("timingsNote", in.fused() ? "read and features were timed as one step (the file is read straight "
                + "into feature rows, in one pass on the REES46 fast path); their time is under read; " + trained
                : trained);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("dashboardPng", "dashboard.png");
        outputs.put("dashboardHtml", "dashboard.html");
        outputs.put("charts", "charts/");
        outputs.put("predictions", "predictions.csv");
        outputs.put("model", DashboardRun.MODEL_FILE);
        root.put("outputs", outputs);
        return root;
    }

    private static Map<String, Object> input(DashboardOptions options, DashboardRun.Loaded in) {
        FeatureTable table = in.table();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", in.source());
        m.put("format", in.format());
        m.put("lenient", options.lenient());
        if (options.outOfOrder() != null) {
            m.put("outOfOrderSeconds", options.outOfOrder().toSeconds());
        }
        ReadReport rr = in.readReport();
        if (rr != null) {
            m.put("rowsRead", rr.rowsRead());
            m.put("rowsRejected", rr.rowsRejected());
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (Map.Entry<RejectReason, Long> e : rr.rejectedByReason().entrySet()) {
                byReason.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
            m.put("rejectedByReason", byReason);
            m.put("rejectedExamples", rr.examples());
            m.put("events", rr.events());
        } else {
            m.put("rowsRead", table.rows());
            m.put("rowsRejected", 0);
            m.put("rejectedByReason", Map.of());
        }
        m.put("sessions", table.rows());
        m.put("purchases", table.positives());
        m.put("conversionRate", table.rows() == 0 ? 0.0 : (double) table.positives() / table.rows());
        m.put("features", table.schema().names());
        BuildReport br = in.buildReport();
        if (br != null) {
            m.put("cutoff", br.cutoff());
            m.put("buyersWithEmptyCutoff", br.buyersWithEmptyCutoff());
            m.put("sessionsDropped", br.dropped());
            m.put("eventsVisibleToFeatures", br.eventsVisible());
            m.put("eventsInSessions", br.eventsIn());
        }
        return m;
    }

    private static Map<String, Object> metrics(EvaluationProtocol protocol, EvaluationProtocol requested,
                                               String skipped, String model, Evaluation evaluation,
                                               DashboardRun.Figures figures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        if (evaluation == null) {
            m.put("skipped", skipped);
            m.put("protocolRequested", requested.code());
            return m;
        }
        EvaluationResult result = evaluation.result();
        m.put("protocol", protocol.describe());
        m.put("protocolCode", protocol.code());
        if (!protocol.equals(requested)) {
            m.put("protocolRequested", requested.code());
        }
        m.put("evaluatedSessions", figures.tested().length);
        m.put("rocAuc", figures.atHalf().rocAuc());
        m.put("prAuc", figures.atHalf().averagePrecision());
        m.put("logLoss", figures.atHalf().logLoss());
        m.put("brier", figures.atHalf().brier());
        m.put("accuracy", figures.atHalf().accuracy());
        m.put("majorityBaseline", figures.atHalf().majorityBaseline());
        m.put("foldRocAuc", result.foldRocAuc());
        m.put("foldRocAucStd", result.foldRocAucStd());
        m.put("bestF1", result.bestF1());
        m.put("atThreshold0_5", figures.atHalf());
        m.put("atBestF1Threshold", figures.atBestF1());
        m.put("foldSeconds", evaluation.foldSeconds());
        return m;
    }

    private static Map<String, Object> breakdowns(DashboardRun.Figures figures) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Breakdown> list = figures.breakdowns();
        for (Breakdown b : list) {
            m.put(b.dimension(), b);
        }
        m.put("funnel", figures.funnel());
        return m;
    }
}
