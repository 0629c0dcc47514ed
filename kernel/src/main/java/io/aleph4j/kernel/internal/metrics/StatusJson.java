package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.api.state.MessageRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code /api/ws0/status} sends: the reference's 33 fields first, in its order (its index page script and other
 * clients read them by name), then aleph4j's own figures under {@code aleph4j_*} keys, which the status page shows:
 * messages by status ({@code pending}, {@code processed}...), the messages table by type ({@code post},
 * {@code aggregate}...), the log positions and the latest messages (envelope fields only, no content). The state's
 * figures are null on a node without a state store.
 */
public final class StatusJson {

    private StatusJson() {
    }

    public static Map<String, Object> push(ReferenceMetrics reference, StateFigures state, LogPositions log) {
        Map<String, Object> push = reference.fields();
        push.put("aleph4j_messages_by_status", state == null ? null : byStatus(state));
        push.put("aleph4j_messages_by_type", state == null ? null : byType(state));
        Map<String, Object> positions = new LinkedHashMap<>();
        positions.put("inbox_last_index", log.inboxLastIndex());
        positions.put("events_last_index", log.eventsLastIndex());
        positions.put("applied_index", log.appliedIndex());
        positions.put("pipeline_lag", log.pipelineLag());
        push.put("aleph4j_log", positions);
        push.put("aleph4j_recent_messages", state == null ? null : recent(state.recent()));
        return push;
    }

    private static Map<String, Long> byStatus(StateFigures state) {
        Map<String, Long> counts = new LinkedHashMap<>();
        state.byStatus().forEach((status, count) -> counts.put(status.wireName(), count));
        return counts;
    }

    private static Map<String, Long> byType(StateFigures state) {
        Map<String, Long> counts = new LinkedHashMap<>();
        state.byType().forEach((type, count) -> counts.put(type.name().toLowerCase(Locale.ROOT), count));
        return counts;
    }

    private static List<Map<String, Object>> recent(List<MessageRecord> records) {
        return records.stream().map(record -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("item_hash", record.itemHash().value());
            item.put("type", record.type().name());
            item.put("chain", record.chain().code());
            item.put("sender", record.sender());
            item.put("channel", record.channel());
            item.put("time", record.time());
            item.put("status", record.status().wireName());
            return item;
        }).toList();
    }
}
