package io.aleph4j.api.state;

import java.util.Objects;

/**
 * A position in a listing of address stats: the sorted count of the last address shown, and that address (ties
 * are ordered by address).
 */
public record AddressStatsCursor(long count, String address) {

    public AddressStatsCursor {
        Objects.requireNonNull(address, "address");
    }
}
