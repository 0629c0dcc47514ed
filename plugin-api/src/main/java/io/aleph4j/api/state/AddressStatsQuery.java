package io.aleph4j.api.state;

import io.aleph4j.api.message.MessageType;
import java.util.Optional;
import java.util.Set;

/**
 * Which senders' stats to list, and in what order.
 *
 * @param addresses       only these senders; empty for all
 * @param addressContains only senders whose address contains this text, ignoring case; null for all
 * @param sortBy          the count to sort by; ties are broken by address, ascending
 */
public record AddressStatsQuery(Set<String> addresses, String addressContains, SortBy sortBy) {

    /** The counts stats can be sorted by: all messages, or those of one type. */
    public enum SortBy {
        TOTAL(null), AGGREGATE(MessageType.AGGREGATE), FORGET(MessageType.FORGET), INSTANCE(MessageType.INSTANCE),
        POST(MessageType.POST), PROGRAM(MessageType.PROGRAM), STORE(MessageType.STORE);

        private final MessageType type;

        SortBy(MessageType type) {
            this.type = type;
        }

        /** The type whose count this sorts by; empty for the total. */
        public Optional<MessageType> type() {
            return Optional.ofNullable(type);
        }
    }

    public AddressStatsQuery {
        addresses = Set.copyOf(addresses);
        if (sortBy == null) {
            sortBy = SortBy.TOTAL;
        }
    }

    public static AddressStatsQuery all() {
        return new AddressStatsQuery(Set.of(), null, SortBy.TOTAL);
    }
}
