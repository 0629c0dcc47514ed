package io.aleph4j.kernel.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.KernelJson;
import io.aleph4j.kernel.internal.metrics.CachedValue;
import io.aleph4j.kernel.internal.metrics.LogPositions;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.metrics.PrometheusText;
import io.aleph4j.kernel.internal.metrics.ReferenceMetrics;
import io.aleph4j.kernel.internal.metrics.StateFigures;
import io.aleph4j.kernel.internal.metrics.StatusJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The kernel's own routes, the third of a start's concerns: {@code /aleph4j/status} (the node, its plugins and what
 * they contribute), {@code /metrics} (Micrometer's metrics, then the reference node's {@code pyaleph_*} lines, which
 * dashboards and other nodes read), {@code /metrics.json} (those 33 fields), the {@code /api/ws0/status} websocket
 * (the same fields and aleph4j's own figures, on change) and the status page on {@code /} that follows it.
 */
public final class KernelRoutes implements AutoCloseable {

    /** How often the status websocket looks for a change: a processed message shows on the page within it. */
    static final Duration STATUS_POLL = Duration.ofSeconds(1);
    /**
     * The state's figures are counted again when the log moved, at most every half second (a busy node would
     * otherwise count for every scrape), and at least every 10 s (as long as the reference caches its metrics).
     */
    private static final Duration FIGURES_MINIMUM_AGE = Duration.ofMillis(500);
    private static final Duration FIGURES_MAXIMUM_AGE = Duration.ofSeconds(10);
    /** The reference's message websocket, which api-http serves: its clients are counted by the HTTP server. */
    private static final String MESSAGES_SOCKET = "/api/ws0/messages";
    /** Written where the reference writes its Python version. */
    private static final String RUNTIME_VERSION = System.getProperty("java.version");

    private final String version;
    private final NodeMetrics metrics;
    private final Supplier<Map<String, Object>> nodeStatus;
    private final Supplier<LogPositions> log;
    private final OpenSockets openSockets;
    /** Empty on a node without a state store. */
    private final Optional<CachedValue<StateFigures>> figures;
    private final StatusSocket statusSocket;
    private final StatusPage statusPage = new StatusPage();
    private final LongSupplier peers;

    /**
     * @param version     the kernel's version
     * @param state       the node's state; empty on a node without a state store
     * @param nodeStatus  what {@code /aleph4j/status} shows, made when asked
     * @param log         the log's positions, read when asked
     * @param openSockets the websocket sessions the HTTP server counts
     * @param peers       how many peers the node's transports are connected to now
     */
    public KernelRoutes(String version, NodeMetrics metrics, Optional<StateQueries> state,
                        Supplier<Map<String, Object>> nodeStatus, Supplier<LogPositions> log,
                        OpenSockets openSockets, LongSupplier peers) {
        this.version = version;
        this.peers = peers;
        this.metrics = metrics;
        this.nodeStatus = nodeStatus;
        this.log = log;
        this.openSockets = openSockets;
        this.figures = state.map(queries -> new CachedValue<>(FIGURES_MINIMUM_AGE, FIGURES_MAXIMUM_AGE, log,
                () -> StateFigures.of(queries)));
        this.statusSocket = new StatusSocket(this::statusPush, STATUS_POLL);
    }

    public void addTo(HttpRouter router) {
        router.get("/aleph4j/status", request -> HttpResponse.json(200, json(nodeStatus.get())));
        router.get("/metrics", request -> new HttpResponse(200, PrometheusText.CONTENT_TYPE,
                (metrics.scrape() + PrometheusText.lines(referenceMetrics(stateFigures()).fields()))
                        .getBytes(StandardCharsets.UTF_8), Map.of()));
        router.get("/metrics.json", request -> HttpResponse.json(200,
                json(referenceMetrics(stateFigures()).fields())));
        router.websocket("/api/ws0/status", statusSocket);
        statusPage.addTo(router);
    }

    /** What {@code /api/ws0/status} sends. */
    private String statusPush() {
        StateFigures state = stateFigures();
        return json(StatusJson.push(referenceMetrics(state), state, log.get()));
    }

    private StateFigures stateFigures() {
        return figures.map(CachedValue::get).orElse(null);
    }

    private ReferenceMetrics referenceMetrics(StateFigures state) {
        return new ReferenceMetrics(RUNTIME_VERSION, "aleph4j-" + version, peers.getAsLong(),
                state == null ? null : state.messages(),
                state == null ? null : state.permanentFiles(),
                state == null ? null : state.pending(),
                openSockets.count(MESSAGES_SOCKET), statusSocket.connections());
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
