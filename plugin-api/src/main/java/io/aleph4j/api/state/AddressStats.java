package io.aleph4j.api.state;

import io.aleph4j.api.message.MessageType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many processed messages one sender has, by type (the reference's address stats).
 *
 * @param counts processed messages by type; a type the sender never used may be absent (it counts 0)
 */
public record AddressStats(String address, Map<MessageType, Long> counts) {

    public AddressStats {
        Objects.requireNonNull(address, "address");
        EnumMap<MessageType, Long> copy = new EnumMap<>(MessageType.class);
        counts.forEach((type, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("count of " + type + " is negative: " + count);
            }
            if (count > 0) {
                copy.put(type, count);
            }
        });
        counts = Map.copyOf(copy);
    }

    /** The sender's processed messages of one type. */
    public long count(MessageType type) {
        return counts.getOrDefault(type, 0L);
    }

    /** Every processed message of the sender, whatever its type. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The count a listing sorted {@code by} orders on (what an address stats cursor holds). */
    public long count(AddressStatsQuery.SortBy by) {
        return by.type().map(this::count).orElseGet(this::total);
    }
}
