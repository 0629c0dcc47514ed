package io.aleph4j.api.http;

/**
 * Serves one websocket route. The callbacks of one session never run at the same time; they run on the
 * server's virtual threads, so blocking is fine.
 */
public interface WebSocketHandler {

    /**
     * A client connected. To refuse it, throw {@link HttpProblem}: the client gets {@code {"error": message}} as a
     * text frame, then a close with code 1008 (policy violation) for a 4xx, 1011 for anything else.
     */
    void onOpen(WebSocketSession session) throws Exception;

    /** A text frame from the client. */
    default void onText(WebSocketSession session, String text) throws Exception {
    }

    /** The session closed, from either side. Called once per session that opened. */
    default void onClose(WebSocketSession session, int statusCode, String reason) {
    }
}
