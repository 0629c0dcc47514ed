package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The reference's message filters (messages.json and the messages websocket) read into a {@link MessageFilter}. */
final class MessageFilters {

    /** The parameters {@link #from} reads. */
    static final Set<String> PARAMETERS = Set.of("msgType", "msgTypes", "msgStatuses", "addresses", "owners",
            "refs", "contentHashes", "contentKeys", "contentTypes", "chains", "channels", "tags", "hashes",
            "paymentTypes", "startDate", "endDate", "startBlock", "endBlock");

    private MessageFilters() {
    }

    static MessageFilter from(Query query) {
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
            throw new HttpProblem(422, "endDate " + end + " is before startDate " + start);
        }
        filter.startTime(start).endTime(end);
        filter.contentHashes(query.hashes("contentHashes").stream().map(ItemHash::value).toArray(String[]::new));
        filter.paymentTypes(query.list("paymentTypes", "a payment type (hold, superfluid, credit)",
                MessageFilters::paymentType).toArray(String[]::new));
        query.integer("startBlock", 0, 0, Integer.MAX_VALUE);
        query.integer("endBlock", 0, 0, Integer.MAX_VALUE);
        return filter.build();
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
