package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the state store holds, as the metrics and the status page show it: messages by status, the reference's
 * messages table (processed or removing) by type, and the latest messages. Each count is one page total, which the
 * SQL stores answer from their count table for one status or one type.
 *
 * @param byStatus every status, with its count
 * @param byType   every type, with its count of processed or removing messages
 * @param recent   the latest {@link #RECENT} messages in any status, by message time, newest first
 */
public record StateFigures(Map<MessageStatus, Long> byStatus, Map<MessageType, Long> byType,
                           List<MessageRecord> recent) {

    public static final int RECENT = 10;

    public StateFigures {
        byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
        byType = Collections.unmodifiableMap(new EnumMap<>(byType));
        recent = List.copyOf(recent);
    }

    public static StateFigures of(StateQueries queries) {
        Map<MessageStatus, Long> byStatus = new EnumMap<>(MessageStatus.class);
        for (MessageStatus status : MessageStatus.values()) {
            byStatus.put(status, count(queries, MessageFilter.builder().statuses(status).build()));
        }
        Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            byType.put(type, count(queries, MessageFilter.builder().types(type)
                    .statuses(MessageStatus.PROCESSED, MessageStatus.REMOVING).build()));
        }
        List<MessageRecord> recent = queries.messagesAfter(MessageFilter.any(), Optional.empty(), RECENT,
                SortOrder.DESCENDING);
        return new StateFigures(byStatus, byType, recent);
    }

    private static long count(StateQueries queries, MessageFilter filter) {
        return queries.messages(filter, PageRequest.first(1, SortOrder.ASCENDING)).total();
    }

    /** The reference's messages table: processed or removing messages. */
    public long messages() {
        return byStatus.get(MessageStatus.PROCESSED) + byStatus.get(MessageStatus.REMOVING);
    }

    public long pending() {
        return byStatus.get(MessageStatus.PENDING);
    }

    /** The files the node keeps for STORE messages: one per processed (or removing) STORE. */
    public long permanentFiles() {
        return byType.get(MessageType.STORE);
    }
}
