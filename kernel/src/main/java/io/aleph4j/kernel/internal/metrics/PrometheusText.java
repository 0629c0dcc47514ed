package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.storage.MessageFilter;
import io.aleph4j.api.storage.PageRequest;
import io.aleph4j.api.storage.SortOrder;
import io.aleph4j.api.storage.StateQueries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference node's status lines ({@code pyaleph_*}), written as it writes them ({@code name value}, no
 * type lines), after Micrometer's own metrics: dashboards and other nodes read these names.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** What the state store holds, by status. */
    public record Counts(long processed, long pending) {

        public static Counts of(StateQueries queries) {
            return new Counts(count(queries, MessageStatus.PROCESSED), count(queries, MessageStatus.PENDING));
        }

        private static long count(StateQueries queries, MessageStatus status) {
            return queries.messages(MessageFilter.builder().statuses(status).build(),
                    PageRequest.first(1, SortOrder.ASCENDING)).total();
        }
    }

    private PrometheusText() {
    }

    /**
     * The same status as {@code /metrics.json} shows it (other nodes read
     * {@code pyaleph_status_sync_messages_total} there); null counts are written as JSON null.
     */
    public static Map<String, Object> referenceStatusJson(String version, Counts counts) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pyaleph_build_info", Map.of("version", "aleph4j-" + version));
        status.put("pyaleph_status_peers_total", 0);
        status.put("pyaleph_status_sync_messages_total", counts == null ? null : counts.processed());
        status.put("pyaleph_status_sync_pending_messages_total", counts == null ? null : counts.pending());
        status.put("pyaleph_status_sync_pending_txs_total", 0);
        return status;
    }

    /** @param counts null on a node without a state store */
    public static String referenceStatus(String version, Counts counts) {
        StringBuilder text = new StringBuilder();
        text.append("pyaleph_build_info{version=\"aleph4j-").append(version.replace("\"", "")).append("\"} 1\n");
        text.append("pyaleph_status_peers_total 0\n");
        if (counts != null) {
            text.append("pyaleph_status_sync_messages_total ").append(counts.processed()).append('\n');
            text.append("pyaleph_status_sync_pending_messages_total ").append(counts.pending()).append('\n');
        }
        text.append("pyaleph_status_sync_pending_txs_total 0\n");
        return text.toString();
    }
}
