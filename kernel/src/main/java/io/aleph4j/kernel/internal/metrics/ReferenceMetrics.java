package io.aleph4j.kernel.internal.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The reference node's metrics (pyaleph's {@code Metrics}: 33 {@code pyaleph_*} fields), filled with what aleph4j
 * knows. Dashboards, the reference's index page script and other nodes (they read
 * {@code pyaleph_status_sync_messages_total} on {@code /metrics.json}) use these names, so every field is kept, in
 * the reference's order, also those aleph4j has no value for: the transaction and chain figures (no chain sync yet), the reference-node comparison (no reference node is configured), the pending-message fetch
 * tasks, the websocket caps (aleph4j has none: 0) and broadcaster counters, and the STORE file fetch counters
 * (nothing counts them yet: 0).
 *
 * @param peers           the peers connected now, over every transport
 * @param runtimeVersion  the JVM's version, written where the reference writes its Python version
 * @param version         the node's version, {@code aleph4j-<kernel version>}
 * @param messages        messages in the reference's messages table (processed or removing); null without a store
 * @param permanentFiles  files kept for processed (or removing) STORE messages; null without a state store
 * @param pendingMessages pending messages; null without a state store
 * @param messageSockets  open {@code /api/ws0/messages} sockets
 * @param statusSockets   open {@code /api/ws0/status} sockets
 */
public record ReferenceMetrics(String runtimeVersion, String version, long peers, Long messages,
                               Long permanentFiles, Long pendingMessages, long messageSockets, long statusSockets) {

    public ReferenceMetrics {
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        Objects.requireNonNull(version, "version");
    }

    /** The fields by name, in the reference's order; a field without a value is null. */
    public Map<String, Object> fields() {
        Map<String, Object> buildInfo = new LinkedHashMap<>();
        buildInfo.put("python_version", runtimeVersion);
        buildInfo.put("version", version);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pyaleph_build_info", buildInfo);
        fields.put("pyaleph_status_peers_total", peers);
        fields.put("pyaleph_status_sync_messages_total", messages);
        fields.put("pyaleph_status_sync_permanent_files_total", permanentFiles);
        fields.put("pyaleph_status_sync_pending_messages_total", pendingMessages);
        fields.put("pyaleph_status_sync_pending_txs_total", 0L);
        fields.put("pyaleph_status_chain_eth_last_committed_height", null);
        fields.put("pyaleph_processing_pending_messages_seen_ids_total", null);
        fields.put("pyaleph_processing_pending_messages_tasks_total", 0L);
        fields.put("pyaleph_processing_pending_messages_aggregate_tasks", 0L);
        fields.put("pyaleph_processing_pending_messages_forget_tasks", 0L);
        fields.put("pyaleph_processing_pending_messages_post_tasks", 0L);
        fields.put("pyaleph_processing_pending_messages_program_tasks", 0L);
        fields.put("pyaleph_processing_pending_messages_store_tasks", 0L);
        fields.put("pyaleph_processing_pending_messages_action_total", null);
        fields.put("pyaleph_status_sync_messages_reference_total", null);
        fields.put("pyaleph_status_sync_messages_remaining_total", null);
        fields.put("pyaleph_status_chain_eth_height_reference_total", null);
        fields.put("pyaleph_status_chain_eth_height_remaining_total", null);
        fields.put("pyaleph_ws_messages_connections_active", messageSockets);
        fields.put("pyaleph_ws_messages_connections_max", 0L);
        fields.put("pyaleph_ws_status_connections_active", statusSockets);
        fields.put("pyaleph_ws_status_connections_max", 0L);
        fields.put("pyaleph_ws_messages_broadcast_total", 0L);
        fields.put("pyaleph_ws_messages_connections_rejected_total", 0L);
        fields.put("pyaleph_ws_status_connections_rejected_total", 0L);
        fields.put("pyaleph_ws_broadcaster_consumer_restarts_total", 0L);
        fields.put("pyaleph_store_fetch_ipfs_total", 0L);
        fields.put("pyaleph_store_fetch_ipfs_failed_total", 0L);
        fields.put("pyaleph_store_fetch_ipfs_duration_ms_sum", 0L);
        fields.put("pyaleph_store_fetch_storage_total", 0L);
        fields.put("pyaleph_store_fetch_storage_failed_total", 0L);
        fields.put("pyaleph_store_fetch_storage_duration_ms_sum", 0L);
        return fields;
    }
}
