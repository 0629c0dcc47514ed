package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.util.Objects;

/**
 * A file a processed STORE message refers to.
 *
 * @param messageHash the STORE message
 * @param fileHash    the file's hash or CID
 * @param ref         the STORE's {@code ref}; null when absent
 */
public record FileReference(ItemHash messageHash, String owner, ItemHash fileHash, ItemType itemType, String ref,
                            double time) {

    public FileReference {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(fileHash, "fileHash");
        Objects.requireNonNull(itemType, "itemType");
    }
}
