package io.aleph4j.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * A response whose body is read from {@code source} while it is sent. For a 200 answer the server honours a
 * single-range {@code Range} request (206 with {@code Content-Range}, 416 when it cannot be satisfied), opening the
 * source at the range's first byte; every answer carries {@code Content-Length} and {@code Accept-Ranges: bytes}.
 */
public record StreamedResponse(int status, String contentType, Source source, Map<String, String> headers)
        implements HttpAnswer {

    /** A body of known length that can be opened at any offset. */
    public interface Source {

        long length();

        /** The bytes from {@code offset} (0 ≤ offset ≤ length) to the end; the server closes the stream. */
        InputStream open(long offset) throws IOException;
    }

    public StreamedResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(source, "source");
        headers = Map.copyOf(headers);
    }

    public static StreamedResponse ok(String contentType, Source source) {
        return new StreamedResponse(200, contentType, source, Map.of());
    }

    public StreamedResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new StreamedResponse(status, contentType, source, more);
    }
}
