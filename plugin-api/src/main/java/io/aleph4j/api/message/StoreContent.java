package io.aleph4j.api.message;

import java.util.Objects;

/**
 * A STORE: a reference to a file kept by the network's content stores.
 *
 * @param itemType where the file is addressed ({@code storage} or {@code ipfs})
 * @param itemHash the file's hash or CID
 * @param ref      an optional reference (e.g. a name or an earlier STORE's hash); may be null
 * @param metadata optional free JSON metadata; may be null
 */
public record StoreContent(String address, double time, ItemType itemType, ItemHash itemHash, String ref,
                           JsonText metadata) implements MessageContent {

    public StoreContent {
        ContentChecks.base(address, time);
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(itemHash, "itemHash");
        if (itemType == ItemType.INLINE) {
            throw new IllegalArgumentException("a STORE's file is addressed by storage or ipfs, not inline");
        }
    }

    @Override
    public MessageType messageType() {
        return MessageType.STORE;
    }
}
