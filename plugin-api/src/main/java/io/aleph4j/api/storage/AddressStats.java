package io.aleph4j.api.storage;

import java.util.Objects;

/**
 * How many processed messages one sender has, in all and by type (the reference's address stats).
 *
 * @param messages every processed message of the sender, whatever its type
 */
public record AddressStats(String address, long messages, long aggregate, long forget, long instance, long post,
                           long program, long store) {

    public AddressStats {
        Objects.requireNonNull(address, "address");
    }

    /** The count a listing sorted {@code by} orders on (what an address stats cursor holds). */
    public long count(AddressStatsQuery.SortBy by) {
        return switch (by) {
            case TOTAL -> messages;
            case AGGREGATE -> aggregate;
            case FORGET -> forget;
            case INSTANCE -> instance;
            case POST -> post;
            case PROGRAM -> program;
            case STORE -> store;
        };
    }
}
