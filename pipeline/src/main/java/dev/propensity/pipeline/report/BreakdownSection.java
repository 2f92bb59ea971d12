package dev.propensity.pipeline.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Funnel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conversion broken down by hour of day, day of week, session duration and session attributes, and the purchase
 * funnel. In JSON it is one object: each breakdown under its dimension's key ({@code hour_of_day},
 * {@code day_of_week}, {@code duration}, or the attribute's name), in order, then the funnel under
 * {@value #FUNNEL} ({@code null} for a session table, which has no events).
 *
 * @param breakdowns the breakdowns, in dashboard order; their dimensions are distinct and none is {@value #FUNNEL}
 * @param funnel     the funnel, or {@code null} when the data has no events
 */
@JsonSerialize(using = BreakdownSection.Writer.class)
@JsonDeserialize(using = BreakdownSection.Reader.class)
public record BreakdownSection(List<Breakdown> breakdowns, Funnel funnel) {
    /** The key of the funnel in the JSON object (no breakdown may use it). */
    public static final String FUNNEL = "funnel";

    /** Validates and copies. */
    public BreakdownSection {
        breakdowns = List.copyOf(breakdowns);
        Set<String> seen = new HashSet<>();
        for (Breakdown b : breakdowns) {
            if (b.dimension().equals(FUNNEL) || !seen.add(b.dimension())) {
                throw new IllegalArgumentException("breakdown dimensions must be distinct and not '" + FUNNEL
                        + "', was '" + b.dimension() + "' in " + seen);
            }
        }
    }

    /**
     * The section of the given breakdowns: a breakdown whose dimension is named {@value #FUNNEL} is left out, as
     * its key belongs to the funnel, and so is a repeated dimension after its first.
     *
     * @param breakdowns the breakdowns, in dashboard order
     * @param funnel     the funnel, or {@code null}
     * @return the section
     */
    public static BreakdownSection of(List<Breakdown> breakdowns, Funnel funnel) {
        List<Breakdown> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(FUNNEL);
        for (Breakdown b : breakdowns) {
            if (seen.add(b.dimension())) {
                kept.add(b);
            }
        }
        return new BreakdownSection(kept, funnel);
    }

    /** Writes the section as one object (see the class description). */
    static final class Writer extends JsonSerializer<BreakdownSection> {
        @Override
        public void serialize(BreakdownSection section, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            for (Breakdown b : section.breakdowns()) {
                provider.defaultSerializeField(b.dimension(), b, gen);
            }
            provider.defaultSerializeField(FUNNEL, section.funnel(), gen);
            gen.writeEndObject();
        }
    }

    /** Reads the object the {@link Writer} writes. */
    static final class Reader extends JsonDeserializer<BreakdownSection> {
        @Override
        public BreakdownSection deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (BreakdownSection) ctxt.handleUnexpectedToken(BreakdownSection.class, p);
            }
            List<Breakdown> breakdowns = new ArrayList<>();
            Funnel funnel = null;
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                p.nextToken();
                if (key.equals(FUNNEL)) {
                    funnel = p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Funnel.class);
                } else {
                    Breakdown b = ctxt.readValue(p, Breakdown.class);
                    if (!b.dimension().equals(key)) {
                        return (BreakdownSection) ctxt.reportInputMismatch(BreakdownSection.class,
                                "breakdown under key '%s' has dimension '%s'", key, b.dimension());
                    }
                    breakdowns.add(b);
                }
            }
            return new BreakdownSection(breakdowns, funnel);
        }
    }
}
