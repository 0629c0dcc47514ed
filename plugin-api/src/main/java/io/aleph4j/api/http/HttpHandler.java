package io.aleph4j.api.http;

/**
 * Answers one request. Handlers run on virtual threads, so blocking is fine. A thrown
 * {@link HttpProblem} becomes its status with a JSON error body; any other exception becomes a 500 whose body
 * names no internals.
 */
@FunctionalInterface
public interface HttpHandler {

    HttpAnswer handle(HttpRequest request) throws Exception;
}
