package io.aleph4j.api.content;

import io.aleph4j.api.message.ItemType;
import java.io.IOException;
import java.io.Serial;

/** An upload no content store of the node takes: there is none, or none for its addressing. */
public final class NoContentStoreException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    public NoContentStoreException(ItemType addressing) {
        super("no content store of this node takes " + addressing.wireName() + " items");
    }
}
