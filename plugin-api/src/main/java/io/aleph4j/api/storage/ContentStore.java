package io.aleph4j.api.storage;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Content-addressed storage of message contents and files, streamed. */
@Experimental("shaped by the content storage work")
public interface ContentStore extends Extension {

    /**
     * Stores bytes and returns their address of the given kind ({@code storage}: sha256 hex; {@code ipfs}: CID).
     *
     * @throws ContentTooLargeException when more than {@code maxBytes} arrive; nothing is kept then
     */
    ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException;

    /** The stored bytes, or empty when this store does not have them. The caller closes the stream. */
    Optional<InputStream> get(ItemHash hash) throws IOException;

    boolean exists(ItemHash hash) throws IOException;

    /** Keeps the content from garbage collection on behalf of {@code owner} (e.g. a STORE message hash). */
    default void pin(ItemHash hash, String owner) throws IOException {
    }

    /** Drops {@code owner}'s pin. Content with no pin left may be collected. */
    default void unpin(ItemHash hash, String owner) throws IOException {
    }
}
