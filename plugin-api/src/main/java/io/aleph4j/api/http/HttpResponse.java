package io.aleph4j.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** A complete response, its body in memory. */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers)
        implements HttpAnswer {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** A JSON response from already-serialized JSON text. */
    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
