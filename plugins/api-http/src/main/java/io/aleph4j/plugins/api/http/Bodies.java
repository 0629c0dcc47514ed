package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Request bodies: JSON objects, read strictly, refused with a 422 that says what is wrong. */
final class Bodies {

    private Bodies() {
    }

    static JsonNode jsonObject(HttpRequest request) {
        byte[] bytes = request.body();
        if (bytes.length == 0) {
            throw new HttpProblem(422, "the body is empty; it must be a JSON object");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new HttpProblem(422, "the body must be a JSON object");
        }
        return body;
    }

    /** A boolean field read leniently, as pydantic does: true/false, 1/0, "true"/"false"; absent is false. */
    static boolean bool(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
            return value.asLong() == 1;
        }
        Boolean word = value.isTextual() ? Query.booleanWord(value.textValue()) : null;
        if (word != null) {
            return word;
        }
        throw new HttpProblem(422, name + ": must be a boolean");
    }
}
