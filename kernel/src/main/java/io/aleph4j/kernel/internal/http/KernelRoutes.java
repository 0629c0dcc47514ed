package io.aleph4j.kernel.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.KernelJson;
import io.aleph4j.kernel.internal.metrics.CachedValue;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.metrics.PrometheusText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kernel's own routes, the third of a start's concerns: {@code /aleph4j/status} (the node, its plugins and what
 * they contribute), {@code /metrics} (Micrometer's metrics, then the reference node's status lines, which dashboards
 * and other nodes read), {@code /metrics.json} and the {@code /api/ws0/status} websocket.
 */
public final class KernelRoutes implements AutoCloseable {

    private final String version;
    private final NodeMetrics metrics;
    private final Optional<StateQueries> state;
    private final Supplier<Map<String, Object>> nodeStatus;
    /** Counting messages by status reads the store: at most once per 10 s, as the reference caches it. */
    private final CachedValue<PrometheusText.Counts> counts;
    private final StatusSocket statusSocket;

    /**
     * @param state      the node's state; empty on a node without a state store
     * @param nodeStatus what {@code /aleph4j/status} shows, made when asked
     */
    public KernelRoutes(String version, NodeMetrics metrics, Optional<StateQueries> state,
                        Supplier<Map<String, Object>> nodeStatus) {
        this.version = version;
        this.metrics = metrics;
        this.state = state;
        this.nodeStatus = nodeStatus;
        this.counts = new CachedValue<>(Duration.ofSeconds(10), () -> PrometheusText.Counts.of(state.orElseThrow()));
        this.statusSocket = new StatusSocket(this::referenceStatusJson, Duration.ofSeconds(10));
    }

    public void addTo(HttpRouter router) {
        router.get("/aleph4j/status", request -> HttpResponse.json(200, json(nodeStatus.get())));
        router.get("/metrics", request -> new HttpResponse(200, PrometheusText.CONTENT_TYPE,
                (metrics.scrape() + PrometheusText.referenceStatus(version, referenceCounts()))
                        .getBytes(StandardCharsets.UTF_8), Map.of()));
        router.get("/metrics.json", request -> HttpResponse.json(200, referenceStatusJson()));
        router.websocket("/api/ws0/status", statusSocket);
    }

    /** The reference's status JSON ({@code /metrics.json}, {@code /api/ws0/status}). */
    private String referenceStatusJson() {
        return json(PrometheusText.referenceStatusJson(version, referenceCounts()));
    }

    private PrometheusText.Counts referenceCounts() {
        return state.isPresent() ? counts.get() : null;
    }

    private static String json(Object value) {
        try {
            return KernelJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status did not serialize", e);
        }
    }

    @Override
    public void close() {
        statusSocket.close();
    }
}
