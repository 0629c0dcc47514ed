package io.aleph4j.api.content;

import io.aleph4j.api.message.ItemHash;
import java.io.IOException;
import java.io.InputStream;

/** An item a {@link ContentStore} holds, checked against its address, ready to be read from any offset. */
public interface StoredContent {

    ItemHash hash();

    /** The item's size in bytes. */
    long size();

    /** The bytes from {@code offset} (0 ≤ offset ≤ size) to the end. The caller closes the stream. */
    InputStream open(long offset) throws IOException;
}
