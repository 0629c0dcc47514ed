package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
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

    /**
     * The same status in the text format, written from {@link #referenceStatusJson} as the reference writes it:
     * a null value is left out, a map becomes the labels of a metric whose value is 1.
     *
     * @param counts null on a node without a state store
     */
    public static String referenceStatus(String version, Counts counts) {
        StringBuilder text = new StringBuilder();
        referenceStatusJson(version, counts).forEach((name, value) -> {
            if (value instanceof Map<?, ?> labels) {
                StringBuilder written = new StringBuilder();
                labels.forEach((label, labelValue) -> written.append(written.isEmpty() ? "" : ",").append(label)
                        .append("=\"").append(String.valueOf(labelValue).replace("\"", "")).append('"'));
                text.append(name).append('{').append(written).append("} 1\n");
            } else if (value != null) {
                text.append(name).append(' ').append(value).append('\n');
            }
        });
        return text.toString();
    }
}
