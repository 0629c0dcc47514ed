package io.aleph4j.api.storage;

import java.util.Set;

/**
 * Which senders' stats to list, and in what order.
 *
 * @param addresses       only these senders; empty for all
 * @param addressContains only senders whose address contains this text, ignoring case; null for all
 * @param sortBy          the count to sort by; ties are broken by address, ascending
 */
public record AddressStatsQuery(Set<String> addresses, String addressContains, SortBy sortBy) {

    /** The counts stats can be sorted by. */
    public enum SortBy { TOTAL, AGGREGATE, FORGET, INSTANCE, POST, PROGRAM, STORE }

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
