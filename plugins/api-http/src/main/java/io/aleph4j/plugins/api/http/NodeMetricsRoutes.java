package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v0/core/{node_id}/metrics} and {@code /api/v0/compute/{node_id}/metrics}: a node's measurements
 * from the network's scoring posts, as columns (one array per measure, one element per measurement). Without dates
 * the last two weeks; both bounds inclusive; oldest first unless {@code sort} says otherwise; a 404 when there is
 * nothing, as on the reference.
 */
final class NodeMetricsRoutes {

    private static final double DEFAULT_WINDOW_SECONDS = Duration.ofDays(14).toSeconds();
    private static final List<String> CCN_COLUMNS = List.of("base_latency", "base_latency_ipv4", "metrics_latency",
            "aggregate_latency", "file_download_latency", "pending_messages", "eth_height_remaining");
    private static final List<String> CRN_COLUMNS = List.of("base_latency", "base_latency_ipv4",
            "full_check_latency", "diagnostic_vm_latency");
    private static final Set<String> INTEGER_COLUMNS = Set.of("pending_messages", "eth_height_remaining");

    private final StateQueries state;
    private final Clock clock;

    NodeMetricsRoutes(StateQueries state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/core/{node_id}/metrics", request -> metrics(request, NodeKind.CCN, CCN_COLUMNS));
        router.get("/api/v0/compute/{node_id}/metrics", request -> metrics(request, NodeKind.CRN, CRN_COLUMNS));
    }

    private HttpResponse metrics(HttpRequest request, NodeKind kind, List<String> columns) {
        String nodeId = request.pathParameter("node_id").orElseThrow();
        Query query = Query.of(request);
        double start = optionalSeconds(query, "start_date");
        double end = optionalSeconds(query, "end_date");
        SortOrder order = sort(query.string("sort"));
        // The reference's window: a falsy start_date and end_date mean the last two weeks; an end alone, the two
        // weeks before it; a start alone, everything since.
        double from;
        double to;
        if (start == 0 && end == 0) {
            from = clock.millis() / 1000.0 - DEFAULT_WINDOW_SECONDS;
            to = Double.POSITIVE_INFINITY;
        } else if (start == 0) {
            from = end - DEFAULT_WINDOW_SECONDS;
            to = end;
        } else {
            from = start;
            to = end == 0 ? Double.POSITIVE_INFINITY : end;
        }
        List<NodeMetric> rows = state.nodeMetrics(kind, nodeId, from, to, order);
        if (rows.isEmpty()) {
            throw new HttpProblem(404, "no " + (kind == NodeKind.CCN ? "core" : "compute") + " node metrics for "
                    + Query.shorten(nodeId) + " in this window");
        }
        ObjectNode metrics = Json.object();
        ArrayNode hashes = metrics.putArray("item_hash");
        ArrayNode times = metrics.putArray("measured_at");
        rows.forEach(row -> {
            hashes.add(row.post().value());
            times.add(Json.seconds(row.measuredAt()));
        });
        for (String column : columns) {
            ArrayNode values = metrics.putArray(column);
            for (NodeMetric row : rows) {
                Double value = row.values().get(column);
                if (value == null) {
                    values.addNull();
                } else if (INTEGER_COLUMNS.contains(column)) {
                    values.add(value.longValue());
                } else {
                    values.add(value);
                }
            }
        }
        ObjectNode body = Json.object();
        body.set("metrics", metrics);
        return Json.response(200, body);
    }

    /** Seconds, any finite number (the reference takes negative ones too); 0 when absent. */
    private static double optionalSeconds(Query query, String name) {
        String value = query.string(name);
        if (value == null) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            if (Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw new HttpProblem(422, name + ": '" + Query.shorten(value) + "' is not a number of seconds");
    }

    private static SortOrder sort(String value) {
        if (value == null) {
            return SortOrder.ASCENDING;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "ASC", "ASCENDING", "1" -> SortOrder.ASCENDING;
            case "DESC", "DESCENDING", "-1" -> SortOrder.DESCENDING;
            default -> throw new HttpProblem(422, "sort: '" + Query.shorten(value)
                    + "' is not 1 or -1 (or asc, desc)");
        };
    }
}
