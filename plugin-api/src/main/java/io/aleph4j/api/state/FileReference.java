package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.util.Objects;

/**
 * A file a processed STORE message refers to.
 *
 * @param messageHash the STORE message
 * @param owner       the STORE's {@code content.address}
 * @param fileHash    the file's hash or CID
 * @param ref         the STORE's {@code ref}; null when absent
 * @param time        the STORE content's time, seconds since the epoch
 * @param size        the file's size in bytes as the node held it when the STORE was processed (0 on a node that
 *                    keeps no files)
 */
public record FileReference(ItemHash messageHash, String owner, ItemHash fileHash, ItemType itemType, String ref,
                            double time, long size) {

    public FileReference {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(fileHash, "fileHash");
        Objects.requireNonNull(itemType, "itemType");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }
}
