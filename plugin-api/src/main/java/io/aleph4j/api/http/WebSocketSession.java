package io.aleph4j.api.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One client's websocket connection. Thread-safe: any thread may send to it. */
public interface WebSocketSession {

    /** Unique among the node's open sessions. */
    String id();

    /** The request path the session was opened on. */
    String path();

    Optional<String> pathParameter(String name);

    /** Every query parameter of the opening request, with all its values. */
    Map<String, List<String>> queryParameters();

    /**
     * Queues a text frame. Never blocks: a client that does not read falls behind, and past a bounded backlog
     * the node closes its session (1008) rather than buffer without end.
     *
     * @return false when the session is closed (the frame is dropped)
     */
    boolean send(String text);

    boolean isOpen();

    /** Closes the session with a websocket close code (1000 normal, 1008 policy violation...) and a reason. */
    void close(int statusCode, String reason);
}
