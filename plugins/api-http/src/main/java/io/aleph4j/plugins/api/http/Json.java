package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** Building and writing the API's JSON. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** The reference writes its list answers with keys sorted at every level (orjson's OPT_SORT_KEYS). */
    private static final ObjectMapper SORTED = MAPPER.copy().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter PYTHON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PYTHON_ISO_WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PYDANTIC_WHOLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PYDANTIC_MICROS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode strings(Collection<?> values) {
        ArrayNode array = array();
        values.forEach(value -> array.add(value.toString()));
        return array;
    }

    /**
     * Seconds since the epoch as a plain decimal number ({@code 1795485266.123}), as the reference writes
     * them, rather than Java's {@code 1.795485266123E9}.
     */
    static BigDecimal seconds(double time) {
        return new BigDecimal(Double.toString(time));
    }

    /** An instant as seconds since the epoch, to the microsecond, as {@link #seconds(double)} writes them. */
    static BigDecimal seconds(Instant instant) {
        return seconds(instant.getEpochSecond() + (instant.getNano() / 1_000) / 1_000_000.0);
    }

    static JsonNode nullNode() {
        return NullNode.instance;
    }

    /** An instant as pydantic writes it: ISO 8601 with {@code Z}. */
    static String isoZ(Instant instant) {
        return instant.toString();
    }

    /**
     * Seconds since the epoch as pydantic writes a datetime: {@code 2024-01-01T00:00:00Z}, with six fraction
     * digits when there are microseconds ({@code ...:00.123000Z}).
     */
    static String isoZ(double seconds) {
        long micros = Math.round(seconds * 1_000_000);
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1_000L);
        return (instant.getNano() == 0 ? PYDANTIC_WHOLE : PYDANTIC_MICROS).format(instant);
    }

    /**
     * Seconds since the epoch as Python's {@code datetime.isoformat()} writes them: {@code +00:00}, six fraction
     * digits when there are microseconds and none when there are not ({@code 2024-01-01T00:00:00+00:00}).
     */
    static String isoOffset(double seconds) {
        long micros = Math.round(seconds * 1_000_000);
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1_000L);
        return (instant.getNano() == 0 ? PYTHON_ISO_WHOLE : PYTHON_ISO).format(instant);
    }

    /** Stored JSON text as a tree; null text as JSON null. */
    static JsonNode parse(String json) {
        if (json == null) {
            return NullNode.instance;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Stored content was valid JSON when it was accepted; anything else is a store fault.
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /** JSON text with keys in alphabetical order. */
    static String sorted(JsonNode node) {
        try {
            return SORTED.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }

    static HttpResponse response(int status, JsonNode body) {
        return write(MAPPER, status, body);
    }

    /** A response whose objects have their keys in alphabetical order. */
    static HttpResponse sortedResponse(int status, JsonNode body) {
        return write(SORTED, status, body);
    }

    private static HttpResponse write(ObjectMapper mapper, int status, JsonNode body) {
        try {
            return HttpResponse.json(status, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }
}
