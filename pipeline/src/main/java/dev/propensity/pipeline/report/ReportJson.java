package dev.propensity.pipeline.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Report} as JSON and reads it back. The JSON is strict: a figure that is undefined or not finite
 * (NaN, such as the ROC AUC of a single class) is written as {@code null}, and a {@code null} where the record holds
 * a plain number is read back as NaN. Pretty-printed, UTF-8, fields in the records' order.
 *
 * <pre>{@code
 * Report r = ReportJson.read(Path.of("out/report.json"));
 * System.out.println(r.kpis().conversionRate() + " " + r.metrics().rocAuc());
 * }</pre>
 */
public final class ReportJson {
    private static final ObjectMapper JSON = mapper();

    private ReportJson() {
    }

    /** The mapper: non-finite numbers as {@code null} both ways, indented output. */
    private static ObjectMapper mapper() {
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
            public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
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
        finite.addDeserializer(double.class, new NanForNull());
        finite.addDeserializer(double[].class, new JsonDeserializer<>() {
            @Override
            public double[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.isExpectedStartArrayToken()) {
                    return (double[]) ctxt.handleUnexpectedToken(double[].class, p);
                }
                List<Double> values = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (!t.isNumeric() && t != JsonToken.VALUE_NULL) {
                        return (double[]) ctxt.handleUnexpectedToken(double.class, p);
                    }
                    values.add(t == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue());
                }
                double[] out = new double[values.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = values.get(i);
                }
                return out;
            }
        });
        return new ObjectMapper().registerModule(finite).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** A plain number: {@code null} is NaN (written so by the serializer above). */
    private static final class NanForNull extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isNumeric()) {
                return (Double) ctxt.handleUnexpectedToken(double.class, p);
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    /**
     * The report as JSON text.
     *
     * @param report the report
     * @return the JSON, indented, without a trailing line break
     */
    public static String toJson(Report report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a report could not be written as JSON", e);
        }
    }

    /**
     * The report as UTF-8 JSON bytes, what {@code report.json} holds.
     *
     * @param report the report
     * @return the bytes
     */
    public static byte[] toBytes(Report report) {
        return toJson(report).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a {@code report.json}.
     *
     * @param file the file
     * @return the report
     * @throws ReportFileException when the file is not a report, or of a newer format version (naming both)
     * @throws IOException         when it cannot be read
     */
    public static Report read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Reads a report from JSON text.
     *
     * @param json  the text
     * @param where the file or source of the text, for messages
     * @return the report
     * @throws ReportFileException when the text is not a report, or of a newer format version (naming both)
     */
    public static Report parse(String json, String where) throws ReportFileException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReportFileException(where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ReportFileException(where, "not a report (expected a JSON object)", null);
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw new ReportFileException(where, "not a report: formatVersion must be a whole number >= 1, was "
                    + (version == null ? "missing" : version.toString()), null);
        }
        if (version.intValue() > Report.FORMAT_VERSION) {
            throw new ReportFileException(where, "written in report format version " + version.intValue()
                    + ", but this library reads versions up to " + Report.FORMAT_VERSION
                    + "; read it with a newer Propensity", null);
        }
        try {
            return JSON.treeToValue(root, Report.class);
        } catch (JsonProcessingException e) {
            throw new ReportFileException(where, "not a valid report: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ReportFileException(where, "not a valid report: " + e.getMessage(), e);
        }
    }
}
