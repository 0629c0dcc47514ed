package io.aleph4j.kernel.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.kernel.internal.KernelJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference's metrics as /metrics.json, /metrics and /api/ws0/status write them (pyaleph's metrics.py). */
final class ReferenceMetricsTest {

    /** pyaleph's Metrics dataclass, in its order. */
    private static final List<String> REFERENCE_FIELDS = List.of(
            "pyaleph_build_info",
            "pyaleph_status_peers_total",
            "pyaleph_status_sync_messages_total",
            "pyaleph_status_sync_permanent_files_total",
            "pyaleph_status_sync_pending_messages_total",
            "pyaleph_status_sync_pending_txs_total",
            "pyaleph_status_chain_eth_last_committed_height",
            "pyaleph_processing_pending_messages_seen_ids_total",
            "pyaleph_processing_pending_messages_tasks_total",
            "pyaleph_processing_pending_messages_aggregate_tasks",
            "pyaleph_processing_pending_messages_forget_tasks",
            "pyaleph_processing_pending_messages_post_tasks",
            "pyaleph_processing_pending_messages_program_tasks",
            "pyaleph_processing_pending_messages_store_tasks",
            "pyaleph_processing_pending_messages_action_total",
            "pyaleph_status_sync_messages_reference_total",
            "pyaleph_status_sync_messages_remaining_total",
            "pyaleph_status_chain_eth_height_reference_total",
            "pyaleph_status_chain_eth_height_remaining_total",
            "pyaleph_ws_messages_connections_active",
            "pyaleph_ws_messages_connections_max",
            "pyaleph_ws_status_connections_active",
            "pyaleph_ws_status_connections_max",
            "pyaleph_ws_messages_broadcast_total",
            "pyaleph_ws_messages_connections_rejected_total",
            "pyaleph_ws_status_connections_rejected_total",
            "pyaleph_ws_broadcaster_consumer_restarts_total",
            "pyaleph_store_fetch_ipfs_total",
            "pyaleph_store_fetch_ipfs_failed_total",
            "pyaleph_store_fetch_ipfs_duration_ms_sum",
            "pyaleph_store_fetch_storage_total",
            "pyaleph_store_fetch_storage_failed_total",
            "pyaleph_store_fetch_storage_duration_ms_sum");

    private static final ReferenceMetrics METRICS = new ReferenceMetrics("21.0.5", "aleph4j-1.2.3", 0, 7L, 2L, 1L,
            3, 4);

    @Test
    void theJsonHasTheReferencesThirtyThreeFieldsInItsOrder() throws Exception {
        JsonNode json = KernelJson.MAPPER.readTree(KernelJson.MAPPER.writeValueAsString(METRICS.fields()));

        assertThat(fieldNames(json)).containsExactlyElementsOf(REFERENCE_FIELDS);
        assertThat(KernelJson.MAPPER.writeValueAsString(METRICS.fields())).startsWith(
                "{\"pyaleph_build_info\":{\"python_version\":\"21.0.5\",\"version\":\"aleph4j-1.2.3\"},"
                        + "\"pyaleph_status_peers_total\":0,\"pyaleph_status_sync_messages_total\":7,"
                        + "\"pyaleph_status_sync_permanent_files_total\":2,"
                        + "\"pyaleph_status_sync_pending_messages_total\":1,"
                        + "\"pyaleph_status_sync_pending_txs_total\":0,"
                        + "\"pyaleph_status_chain_eth_last_committed_height\":null,"
                        + "\"pyaleph_processing_pending_messages_seen_ids_total\":null,");
        assertThat(json.path("pyaleph_ws_messages_connections_active").asLong()).isEqualTo(3);
        assertThat(json.path("pyaleph_ws_status_connections_active").asLong()).isEqualTo(4);
        assertThat(json.path("pyaleph_status_sync_messages_reference_total").isNull()).isTrue();
        assertThat(json.path("pyaleph_store_fetch_storage_duration_ms_sum").isIntegralNumber()).isTrue();
    }

    @Test
    void aNodeWithoutAStateStoreHasNullCounts() {
        Map<String, Object> fields = new ReferenceMetrics("21", "aleph4j-dev", 0, null, null, null, 0, 0).fields();

        assertThat(fields).containsKeys(REFERENCE_FIELDS.toArray(String[]::new)).hasSize(33);
        assertThat(fields.get("pyaleph_status_sync_messages_total")).isNull();
        assertThat(fields.get("pyaleph_status_sync_pending_messages_total")).isNull();
        assertThat(PrometheusText.lines(fields)).doesNotContain("pyaleph_status_sync_messages_total")
                .contains("pyaleph_status_peers_total 0\n");
    }

    @Test
    void theTextHasOneLinePerFieldWithAValueInOrderAndTheBuildInfoAsLabels() {
        String text = PrometheusText.lines(METRICS.fields());

        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("pyaleph_build_info{python_version=\"21.0.5\",version=\"aleph4j-1.2.3\"} 1");
        assertThat(lines).contains("pyaleph_status_sync_messages_total 7",
                "pyaleph_status_sync_permanent_files_total 2", "pyaleph_status_sync_pending_messages_total 1",
                "pyaleph_ws_messages_connections_active 3", "pyaleph_ws_status_connections_active 4",
                "pyaleph_store_fetch_storage_duration_ms_sum 0");
        // The six null fields are left out; the others keep the reference's order.
        List<String> written = new ArrayList<>(REFERENCE_FIELDS);
        written.removeAll(List.of("pyaleph_status_chain_eth_last_committed_height",
                "pyaleph_processing_pending_messages_seen_ids_total",
                "pyaleph_processing_pending_messages_action_total",
                "pyaleph_status_sync_messages_reference_total", "pyaleph_status_sync_messages_remaining_total",
                "pyaleph_status_chain_eth_height_reference_total", "pyaleph_status_chain_eth_height_remaining_total"));
        assertThat(lines.stream().map(line -> line.split("[ {]", 2)[0]).toList()).containsExactlyElementsOf(written);
        assertThat(text).doesNotContain("#").doesNotContain("null").endsWith("pyaleph_store_fetch_storage_duration_ms_sum 0\n");
    }

    @Test
    void aLabelValueIsQuotedAndEscapedAndANullLabelIsLeftOut() {
        Map<String, Object> labels = new java.util.LinkedHashMap<>();
        labels.put("python_version", null);
        labels.put("version", "a\"b\\c");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("pyaleph_build_info", labels);
        fields.put("pyaleph_status_peers_total", null);

        assertThat(PrometheusText.lines(fields)).isEqualTo("pyaleph_build_info{version=\"a\\\"b\\\\c\"} 1\n");
    }

    @Test
    void theStatusPushKeepsTheReferenceFieldsFirstThenAleph4jsFigures() throws Exception {
        Map<MessageStatus, Long> byStatus = new EnumMap<>(MessageStatus.class);
        for (MessageStatus status : MessageStatus.values()) {
            byStatus.put(status, (long) status.ordinal());
        }
        Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            byType.put(type, 10L + type.ordinal());
        }
        MessageRecord record = MessageRecord.builder().itemHash(ItemHash.of("a".repeat(64))).chain(Chain.ETH)
                .sender("0xAb").type(MessageType.POST).channel("<b>TEST</b>").time(1.5).itemType(ItemType.INLINE)
                .itemContent("{}").signature("0x00").status(MessageStatus.PROCESSED)
                .receivedAt(Instant.EPOCH).build();
        StateFigures state = new StateFigures(byStatus, byType, List.of(record));

        JsonNode push = KernelJson.MAPPER.readTree(KernelJson.MAPPER.writeValueAsString(
                StatusJson.push(METRICS, state, new LogPositions(40, 41, 39, 1))));

        List<String> names = fieldNames(push);
        assertThat(names.subList(0, 33)).containsExactlyElementsOf(REFERENCE_FIELDS);
        assertThat(names.subList(33, names.size())).containsExactly("aleph4j_messages_by_status",
                "aleph4j_messages_by_type", "aleph4j_log", "aleph4j_recent_messages");
        assertThat(fieldNames(push.path("aleph4j_messages_by_status"))).containsExactly("pending", "processed",
                "rejected", "forgotten", "removing", "removed");
        assertThat(push.path("aleph4j_messages_by_status").path("processed").asLong()).isEqualTo(1);
        assertThat(fieldNames(push.path("aleph4j_messages_by_type"))).containsExactly("post", "aggregate", "store",
                "program", "instance", "forget");
        assertThat(push.path("aleph4j_messages_by_type").path("store").asLong()).isEqualTo(12);
        assertThat(push.path("aleph4j_log").path("applied_index").asLong()).isEqualTo(39);
        assertThat(push.path("aleph4j_log").path("pipeline_lag").asLong()).isEqualTo(1);
        JsonNode recent = push.path("aleph4j_recent_messages").get(0);
        assertThat(fieldNames(recent)).containsExactly("item_hash", "type", "chain", "sender", "channel", "time",
                "status");
        assertThat(recent.path("channel").asText()).isEqualTo("<b>TEST</b>");
        assertThat(recent.path("status").asText()).isEqualTo("processed");
    }

    @Test
    void theStateFiguresCountTheMessagesTableAsProcessedOrRemoving() {
        Map<MessageStatus, Long> byStatus = new EnumMap<>(MessageStatus.class);
        for (MessageStatus status : MessageStatus.values()) {
            byStatus.put(status, 0L);
        }
        byStatus.put(MessageStatus.PROCESSED, 5L);
        byStatus.put(MessageStatus.REMOVING, 2L);
        byStatus.put(MessageStatus.PENDING, 3L);
        byStatus.put(MessageStatus.REJECTED, 9L);
        Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            byType.put(type, 0L);
        }
        byType.put(MessageType.STORE, 4L);

        StateFigures state = new StateFigures(byStatus, byType, List.of());

        assertThat(state.messages()).isEqualTo(7);
        assertThat(state.pending()).isEqualTo(3);
        assertThat(state.permanentFiles()).isEqualTo(4);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
