package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aleph4j.api.http.HttpProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /api/v0/messages}, {@code {"sync": bool, "message": {...}}}, read with a streaming pass
 * over its outer object: {@code sync} is read, the message's object is only delimited (its bytes handed to the
 * kernel's intake as they came), so that the message is parsed once, by the kernel, on its way in.
 *
 * @param message the message object's JSON text, as sent
 */
record Publication(String message, boolean sync) {

    static Publication read(byte[] body) {
        if (body.length == 0) {
            throw new HttpProblem(422, "the body is empty; it must be a JSON object");
        }
        String message = null;
        boolean sync = false;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpProblem(422, "the body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "message" -> message = value == JsonToken.START_OBJECT ? span(parser, body) : skip(parser);
                    case "sync" -> sync = bool(parser, value);
                    default -> skip(parser);
                }
            }
        } catch (JsonParseException e) {
            throw new HttpProblem(422, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpProblem(422, "the body is not valid JSON: " + e.getMessage());
        }
        if (message == null) {
            throw new HttpProblem(422, "message: required, the signed message as a JSON object");
        }
        return new Publication(message, sync);
    }

    /** The text of the object the parser is at the start of, checked to be well-formed JSON but not read into anything. */
    private static String span(JsonParser parser, byte[] body) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** A boolean read leniently, as pydantic does: true/false, 1/0, "true"/"false"...; null is false. */
    private static boolean bool(JsonParser parser, JsonToken value) throws IOException {
        Boolean read = switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT -> parser.getLongValue() == 1 ? Boolean.TRUE
                    : parser.getLongValue() == 0 ? Boolean.FALSE : null;
            case VALUE_STRING -> Query.booleanWord(parser.getText());
            default -> null;
        };
        if (read == null) {
            parser.skipChildren();
            throw new HttpProblem(422, "sync: must be a boolean");
        }
        return read;
    }
}
