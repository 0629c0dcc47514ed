package io.aleph4j.api.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An incoming request, as much of it as handlers need. */
public interface HttpRequest {

    HttpMethod method();

    /** The request path, without the query string. */
    String path();

    /** A path parameter captured by {@code {name}} in the route. */
    Optional<String> pathParameter(String name);

    /** The first value of a query parameter. */
    Optional<String> queryParameter(String name);

    /** Every query parameter with all its values. */
    Map<String, List<String>> queryParameters();

    /** A header's first value; names are case-insensitive. */
    Optional<String> header(String name);

    /**
     * The whole body. The server refuses bodies over its configured limit with 413 before the handler runs.
     */
    byte[] body();

    /**
     * The body as a stream, for routes that take large bodies (file uploads): not buffered, and not bound by the
     * server's request size limit, so the handler enforces its own. Read it at most once, and not together with
     * {@link #body()}.
     */
    default InputStream bodyStream() throws IOException {
        return new ByteArrayInputStream(body());
    }
}
