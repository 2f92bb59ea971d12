package dev.propensity.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON form of a {@link FittedEncoding} (format version {@value FittedEncoding#FORMAT_VERSION}): the encoder
 * configuration, then per input feature its schema entry (name, kind, levels, description, near-outcome flag) and its
 * fitted transform (numeric: {@code log1p}, {@code center}, {@code scale}, {@code fill}, {@code missingIndicator},
 * optional {@code binEdges}; categorical: {@code keptLevels}, {@code missingLevel}). Readers reject newer versions.
 */
final class EncodingJson {
    /** Jackson, created on first use: fitting and encoding never need it, and creating it costs a cold JVM 0.1-0.3 s. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private EncodingJson() {
    }

    /** The encoding as JSON. */
    static String write(FittedEncoding encoding) {
        FeatureSchema inputSchema = encoding.inputSchema();
        EncoderConfig config = encoding.config();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", FittedEncoding.FORMAT_VERSION);
        ObjectNode cfg = root.putObject("config");
        cfg.put("log1p", config.log1p());
        cfg.put("standardize", config.standardize());
        cfg.put("minCount", config.minCount());
        cfg.put("quantileBins", config.quantileBins());
        cfg.put("missingIndicators", config.missingIndicators());
        ArrayNode features = root.putArray("features");
        for (ColumnTransform p : encoding.transforms()) {
            FeatureSpec f = inputSchema.get(p.input());
            ObjectNode o = features.addObject();
            o.put("name", f.name());
            o.put("kind", f.kind().name());
            o.put("description", f.description());
            o.put("nearOutcome", f.nearOutcome());
            ArrayNode levels = o.putArray("levels");
            f.levels().forEach(levels::add);
            if (p instanceof CategoricalTransform c) {
                ArrayNode kept = o.putArray("keptLevels");
                c.kept().forEach(kept::add);
                o.put("missingLevel", c.missingLevel());
            } else if (p instanceof NumericTransform t) {
                o.put("log1p", t.log());
                o.put("center", t.center());
                o.put("scale", t.scale());
                o.put("fill", t.fill());
                o.put("missingIndicator", t.missingIndicator());
                if (t.edges() != null) {
                    ArrayNode edges = o.putArray("binEdges");
                    for (double e : t.edges()) {
                        edges.add(e);
                    }
                }
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write encoding as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads an encoding; see {@link FittedEncoding#fromJson(String)}. */
    static FittedEncoding read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("encoding is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("encoding JSON must be an object");
        }
        int version = required(root, "formatVersion", "encoding").asInt(-1);
        if (version < 1) {
            throw new IllegalArgumentException("encoding formatVersion must be a positive integer, was "
                    + root.get("formatVersion"));
        }
        if (version > FittedEncoding.FORMAT_VERSION) {
            throw new IllegalArgumentException("encoding formatVersion " + version
                    + " is newer than this library reads (" + FittedEncoding.FORMAT_VERSION + "); use a newer propensity version");
        }
        JsonNode c = required(root, "config", "encoding");
        EncoderConfig config = new EncoderConfig(required(c, "log1p", "config").asBoolean(),
                required(c, "standardize", "config").asBoolean(), required(c, "minCount", "config").asInt(),
                required(c, "quantileBins", "config").asInt(), required(c, "missingIndicators", "config").asBoolean());
        JsonNode fs = required(root, "features", "encoding");
        List<FeatureSpec> specs = new ArrayList<>();
        for (JsonNode o : fs) {
            String name = required(o, "name", "feature").asText();
            String where = "feature " + name;
            FeatureKind kind;
            try {
                kind = FeatureKind.valueOf(required(o, "kind", where).asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": unknown kind '" + o.get("kind").asText() + "'", e);
            }
            specs.add(new FeatureSpec(name, kind, strings(required(o, "levels", where)),
                    required(o, "description", where).asText(), required(o, "nearOutcome", where).asBoolean()));
        }
        FeatureSchema schema = new FeatureSchema(specs);
        ColumnTransform[] parts = new ColumnTransform[specs.size()];
        int offset = 0;
        int j = 0;
        for (JsonNode o : fs) {
            FeatureSpec f = specs.get(j);
            String where = "feature " + f.name();
            ColumnTransform p;
            if (f.kind() == FeatureKind.CATEGORICAL) {
                p = CategoricalTransform.of(j, offset, strings(required(o, "keptLevels", where)),
                        required(o, "missingLevel", where).asBoolean(), f.levels());
            } else {
                double[] edges = null;
                if (o.has("binEdges")) {
                    JsonNode e = o.get("binEdges");
                    edges = new double[e.size()];
                    for (int i = 0; i < edges.length; i++) {
                        edges[i] = e.get(i).asDouble();
                    }
                }
                double scale = required(o, "scale", where).asDouble();
                if (!(scale > 0) || Double.isInfinite(scale)) {
                    throw new IllegalArgumentException(where + ": scale must be finite and > 0, was " + scale);
                }
                p = new NumericTransform(j, offset, required(o, "log1p", where).asBoolean(), required(o, "center", where).asDouble(),
                        scale, required(o, "fill", where).asDouble(), required(o, "missingIndicator", where).asBoolean(),
                        edges);
            }
            parts[j++] = p;
            offset += p.width();
        }
        return new FittedEncoding(schema, config, parts);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

}
