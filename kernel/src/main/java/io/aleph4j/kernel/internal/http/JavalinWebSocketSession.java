package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.WebSocketSession;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The plugin-api view of a Javalin websocket session. Sends are asynchronous; frames a client has not taken
 * yet are counted, and past {@link #MAX_BACKLOG} the session is closed: a client that does not read must not
 * make the node buffer without end.
 */
final class JavalinWebSocketSession implements WebSocketSession {

    static final int MAX_BACKLOG = 1_000;

    private final WsContext context;
    private final String path;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> queryParameters;
    private final AtomicInteger backlog = new AtomicInteger();

    JavalinWebSocketSession(WsContext context, String path) {
        this.context = context;
        this.path = path;
        this.pathParameters = Map.copyOf(context.pathParamMap());
        this.queryParameters = Map.copyOf(context.queryParamMap());
    }

    @Override
    public String id() {
        return context.sessionId();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public boolean send(String text) {
        if (!isOpen()) {
            return false;
        }
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            close(1008, "the client does not read its messages fast enough");
            return false;
        }
        // Frames of one session keep their order: Jetty queues them in the order sendText is called.
        synchronized (this) {
            context.session.sendText(text, Callback.from(backlog::decrementAndGet, failure -> backlog.decrementAndGet()));
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        return context.session.isOpen();
    }

    @Override
    public void close(int statusCode, String reason) {
        if (isOpen()) {
            context.closeSession(statusCode, reason);
        }
    }
}
