package io.aleph4j.api.message;

import java.util.Objects;

/**
 * A JSON value kept as its text. plugin-api carries no JSON library, so free-form JSON (a post's body, an
 * aggregate's object) crosses the API as text; the kernel and plugins parse it with whatever they use.
 */
public record JsonText(String json) {

    public JsonText {
        Objects.requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new IllegalArgumentException("JSON text must not be blank");
        }
    }

    public static JsonText of(String json) {
        return new JsonText(json);
    }

    @Override
    public String toString() {
        return json;
    }
}
