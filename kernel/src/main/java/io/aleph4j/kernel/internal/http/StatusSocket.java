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
 * {@code /api/ws0/status}, as on the reference node: the node's status is checked every {@code every} and sent to
 * every client only when it changed since the last one sent. Unlike the reference, a client also gets the current
 * status when it connects (the reference sends nothing to a client joining a running poll until a figure changes).
 * One poll serves every client; a client that cannot keep up is dropped by its session's bounded backlog.
 */
public final class StatusSocket implements WebSocketHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSocket.class);

    private final Supplier<String> status;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    /** The status last sent to every client; guarded by {@code this}, as are the sends. */
    private String last;

    public StatusSocket(Supplier<String> status, Duration every) {
        this.status = status;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aleph4j-status-socket").daemon().factory());
        poller.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The new client gets the current status; when it differs from the last one sent (it counts the new client),
     * every other client gets it too, so that no change is sent to one client only.
     */
    @Override
    public synchronized void onOpen(WebSocketSession session) {
        sessions.put(session.id(), session);
        String current = status.get();
        if (current.equals(last)) {
            session.send(current);
        } else {
            last = current;
            sessions.values().forEach(client -> client.send(current));
        }
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        sessions.remove(session.id());
    }

    /** How many clients are connected. */
    public int connections() {
        return sessions.size();
    }

    private synchronized void poll() {
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
