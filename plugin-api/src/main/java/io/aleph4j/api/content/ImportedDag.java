package io.aleph4j.api.content;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import java.util.Objects;

/**
 * A DAG imported from a CAR archive: its root, and its cumulative size in bytes (every block it links).
 */
@Experimental("arrives with /api/v0/ipfs/add_car; shaped further by the IPFS content work")
public record ImportedDag(ItemHash root, long size) {

    public ImportedDag {
        Objects.requireNonNull(root, "root");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }
}
