package io.aleph4j.api.content;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The node's content, as the kernel serves it to plugins: one lookup order (the content stores in plugin start
 * order, then the content sources, whose answer is kept in a local store), one place uploads go (the first store
 * that accepts their addressing), and pinning driven by the state. Thread-safe.
 */
public interface ContentService {

    /** Whether a content store of the node takes items addressed this way ({@link #put} would not refuse them). */
    boolean accepts(ItemType addressing);

    /**
     * Stores bytes in the first content store that accepts {@code addressing} and answers their address. The item is
     * complete and durable when this returns; a failed or refused put leaves nothing behind.
     *
     * @throws ContentTooLargeException when more than {@code maxBytes} arrive
     * @throws NoContentStoreException  when no store accepts this addressing
     */
    ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException;

    /**
     * As {@link #put}, but keeps the bytes only if they hash to {@code expected} (an upload a signed message
     * announced).
     *
     * @throws ContentMismatchException naming their actual address; nothing is kept
     */
    ItemHash putExpecting(InputStream content, ItemType addressing, long maxBytes, ItemHash expected)
            throws IOException;

    /**
     * The item, checked against its address, from the first store that has a sound copy; when none has, fetched from
     * the content sources into a local store first. Empty when it is nowhere to be had.
     *
     * @throws CorruptContentException when the only copy found is corrupt (it is set aside and never served)
     */
    Optional<StoredContent> find(ItemHash hash) throws IOException;

    /**
     * Whether the node holds the item, fetching it from the content sources when no store has it: cheap for items
     * held already, whose bytes are not re-checked. What a processed STORE's file needs before it is accepted.
     */
    boolean obtain(ItemHash hash) throws IOException;

    /** The item's size from the first store that holds it, without checking or fetching it; empty when none does. */
    Optional<Long> size(ItemHash hash) throws IOException;

    /** Whether a content store of the node imports CAR archives ({@link #importCar} would not refuse them). */
    @Experimental("arrives with /api/v0/ipfs/add_car; shaped further by the IPFS content work")
    boolean importsCars();

    /**
     * Imports a CAR archive (a DAG of IPFS blocks, with one root) into the first content store that imports them,
     * pinned there until the state decides otherwise, as a STORE of its root would keep it. A failed import leaves
     * nothing pinned.
     *
     * @throws ContentTooLargeException when more than {@code maxBytes} arrive
     * @throws NoContentStoreException  when no store imports CAR archives
     * @throws ContentMismatchException when the archive's root is not {@code expectedRoot}
     */
    @Experimental("arrives with /api/v0/ipfs/add_car; shaped further by the IPFS content work")
    ImportedDag importCar(InputStream car, long maxBytes, ItemHash expectedRoot) throws IOException;
}
