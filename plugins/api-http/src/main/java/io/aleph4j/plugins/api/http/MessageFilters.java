package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference's message query parameters (messages.json and the messages websocket) read into a
 * {@link MessageSelection}.
 */
final class MessageFilters {

    /**
     * The reference's model populates by name: each alias's field name is taken too ({@code sort_by=},
     * {@code message_types=}...). Parameters without an alias ({@code addresses}, {@code page}...) have one name.
     */
    static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("sortBy", "sort_by"), Map.entry("sortOrder", "sort_order"),
            Map.entry("msgType", "message_type"), Map.entry("msgTypes", "message_types"),
            Map.entry("msgStatuses", "message_statuses"), Map.entry("contentHashes", "content_hashes"),
            Map.entry("contentKeys", "content_keys"), Map.entry("contentTypes", "content_types"),
            Map.entry("paymentTypes", "payment_types"), Map.entry("excludeContent", "exclude_content"),
            Map.entry("contentFormat", "content_format"), Map.entry("startDate", "start_date"),
            Map.entry("endDate", "end_date"), Map.entry("startBlock", "start_block"),
            Map.entry("endBlock", "end_block"));

    private MessageFilters() {
    }

    /** The request's parameters, read by alias or field name. */
    static Query query(Map<String, List<String>> parameters) {
        return Query.of(parameters, FIELD_NAMES);
    }

    static MessageSelection from(Query query) {
        MessageFilter.Builder filter = MessageFilter.builder()
                .hashes(query.hashes("hashes"))
                .senders(query.addresses("addresses").toArray(String[]::new))
                .owners(query.addresses("owners").toArray(String[]::new))
                .refs(query.list("refs").toArray(String[]::new))
                .channels(query.list("channels").toArray(String[]::new))
                .tags(query.list("tags").toArray(String[]::new))
                .contentTypes(query.list("contentTypes").toArray(String[]::new))
                .contentKeys(query.list("contentKeys").toArray(String[]::new))
                .chains(query.list("chains", "a chain", Chain::of).toArray(Chain[]::new));
        List<MessageType> types = query.list("msgTypes", "a message type", MessageType::fromWire);
        if (query.string("msgType") != null) {
            types.add(query.list("msgType", "a message type", MessageType::fromWire).stream().findFirst()
                    .orElseThrow(() -> new HttpProblem(422, "msgType: '' is not a message type")));
        }
        filter.types(types.toArray(MessageType[]::new));
        filter.statuses(statuses(query).toArray(MessageStatus[]::new));
        double start = query.seconds("startDate");
        double end = query.seconds("endDate");
        if (end != 0 && end < start) {
            throw new HttpProblem(422, "end date cannot be lower than start date: endDate " + end
                    + " is before startDate " + start);
        }
        filter.startTime(start).endTime(end);
        filter.contentHashes(query.hashes("contentHashes").stream().map(ItemHash::value).toArray(String[]::new));
        filter.paymentTypes(query.list("paymentTypes", "a payment type (hold, superfluid, credit)",
                MessageFilters::paymentType).toArray(String[]::new));
        int startBlock = query.integer("startBlock", 0, 0, Integer.MAX_VALUE);
        int endBlock = query.integer("endBlock", 0, 0, Integer.MAX_VALUE);
        if (startBlock != 0 && endBlock != 0 && endBlock < startBlock) {
            throw new HttpProblem(422, "end block cannot be lower than start block.");
        }
        return new MessageSelection(filter.build(), startBlock, endBlock, SortBy.of(query));
    }

    private static String paymentType(String value) {
        return switch (value) {
            case "hold", "superfluid", "credit" -> value;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static Set<MessageStatus> statuses(Query query) {
        List<MessageStatus> listed = query.list("msgStatuses", "a message status", MessageStatus::fromWire);
        if (listed.isEmpty()) {
            return EnumSet.of(MessageStatus.PROCESSED, MessageStatus.REMOVING);
        }
        Set<MessageStatus> statuses = EnumSet.copyOf(listed);
        if (statuses.size() > 1 && (statuses.contains(MessageStatus.FORGOTTEN)
                || statuses.contains(MessageStatus.REMOVED))) {
            throw new HttpProblem(400, "msgStatuses=forgotten/removed cannot be combined with other statuses");
        }
        return statuses;
    }
}
