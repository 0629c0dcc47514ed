package io.aleph4j.kernel.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open websocket sessions per route, counted by the HTTP server around every route's handler, the kernel's and the
 * plugins': the metrics read how many clients follow {@code /api/ws0/messages} without asking its plugin.
 */
public final class OpenSockets {

    private final Map<String, AtomicLong> byRoute = new ConcurrentHashMap<>();

    void opened(String route) {
        byRoute.computeIfAbsent(route, any -> new AtomicLong()).incrementAndGet();
    }

    void closed(String route) {
        byRoute.computeIfAbsent(route, any -> new AtomicLong()).decrementAndGet();
    }

    /** Sessions open on the route registered as {@code route} (its pattern, not a request path). */
    public long count(String route) {
        AtomicLong open = byRoute.get(route);
        return open == null ? 0 : open.get();
    }
}
