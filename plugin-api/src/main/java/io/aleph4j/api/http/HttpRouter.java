package io.aleph4j.api.http;

/**
 * Where routes are added. Paths are absolute; a segment {@code {name}} captures a path parameter
 * ({@code /api/v0/messages/{item_hash}}). Two contributions of the same method and path are refused at start.
 */
public interface HttpRouter {

    void route(HttpMethod method, String path, HttpHandler handler);

    default void get(String path, HttpHandler handler) {
        route(HttpMethod.GET, path, handler);
    }

    default void post(String path, HttpHandler handler) {
        route(HttpMethod.POST, path, handler);
    }

    /**
     * Adds a websocket route ({@code ws://host/path}). Paths take {@code {name}} parameters as HTTP routes do; a
     * websocket and an HTTP route may share a path.
     */
    void websocket(String path, WebSocketHandler handler);
}
