package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.WebSocketHandler;
import io.aleph4j.api.http.WebSocketSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/ws0/status}, as on the reference node: each client gets the node's status (what
 * {@code /metrics.json} serves) when it connects, then again whenever it changed, checked every {@code every}. One
 * poll serves every client; a client that cannot keep up is dropped by its session's bounded backlog.
 */
public final class StatusSocket implements WebSocketHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSocket.class);

    private final Supplier<String> status;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private volatile String last;

    public StatusSocket(Supplier<String> status, Duration every) {
        this.status = status;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aleph4j-status-socket").daemon().factory());
        poller.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WebSocketSession session) {
        sessions.put(session.id(), session);
        String current = status.get();
        last = current;
        session.send(current);
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        sessions.remove(session.id());
    }

    private void poll() {
        if (sessions.isEmpty()) {
            return;
        }
        try {
            String current = status.get();
            if (!current.equals(last)) {
                last = current;
                sessions.values().forEach(session -> session.send(current));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the node status for /api/ws0/status", e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
