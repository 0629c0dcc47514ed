package io.aleph4j.api.content;

import io.aleph4j.api.message.ItemHash;
import java.time.Instant;
import java.util.Objects;

/**
 * One item of a {@link ContentStore}, as its garbage collector sees it.
 *
 * @param storedAt when the item was last written (a new upload of the same bytes renews it)
 */
public record StoredItem(ItemHash hash, long size, Instant storedAt) {

    public StoredItem {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(storedAt, "storedAt");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }
}
