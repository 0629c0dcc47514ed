package io.aleph4j.api.content;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Content-addressed storage of message contents and files, streamed: no operation needs a whole item in memory.
 * Plugins reach content through the kernel's {@link ContentService}, which decides which store is asked and in
 * what order; a store answers only for what it holds. What may be deleted is the kernel's decision (it knows which processed messages reference what): it lists a
 * store's items and deletes the unreferenced ones after a grace period, and it pins and unpins items in stores that
 * keep their own pins (an IPFS node).
 */
public interface ContentStore extends Extension {

    /**
     * Stores bytes and returns their address of the given kind ({@code storage}: sha256 hex; {@code ipfs}: CID).
     * The item is complete and durable when this returns; a failed or refused put leaves nothing behind.
     *
     * @throws ContentTooLargeException when more than {@code maxBytes} arrive; nothing is kept then
     */
    ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException;

    /**
     * Stores bytes only if they hash to {@code expected} (an upload announced by a signed message): otherwise it
     * throws {@link ContentMismatchException} naming their address. Stores override this to keep nothing of
     * mismatching bytes; this default stores first and leaves the mismatching item to the collector.
     */
    default ItemHash putExpecting(InputStream content, ItemType addressing, long maxBytes, ItemHash expected)
            throws IOException {
        ItemHash stored = put(content, addressing, maxBytes);
        if (!stored.equals(expected)) {
            throw new ContentMismatchException(expected, stored);
        }
        return stored;
    }

    /**
     * Whether {@link #put} takes items addressed this way. An IPFS node, for one, addresses by CID only; uploads go
     * to the first store that accepts their addressing.
     */
    default boolean accepts(ItemType addressing) {
        return addressing != ItemType.INLINE;
    }

    /**
     * The stored item, or empty when this store does not have it. Its bytes are checked against its address before
     * this returns, so what it serves is what was addressed.
     *
     * @throws CorruptContentException when the stored bytes no longer match the address (the store reports and
     *                                 sets such an item aside; it is never served)
     */
    Optional<StoredContent> find(ItemHash hash) throws IOException;

    /** The stored bytes, checked as {@link #find} does, or empty. The caller closes the stream. */
    default Optional<InputStream> get(ItemHash hash) throws IOException {
        Optional<StoredContent> found = find(hash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get().open(0));
    }

    /** The item's size in bytes, or empty when it is not here; cheap, unchecked (unlike {@link #find}). */
    default Optional<Long> size(ItemHash hash) throws IOException {
        Optional<StoredContent> found = find(hash);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get().size());
    }

    /** Whether the store holds the item; cheap, unchecked. */
    boolean exists(ItemHash hash) throws IOException;

    /** Keeps the content from garbage collection on behalf of {@code owner} (e.g. a STORE message hash). */
    default void pin(ItemHash hash, String owner) throws IOException {
    }

    /** Drops {@code owner}'s pin. Content with no pin left may be collected. */
    default void unpin(ItemHash hash, String owner) throws IOException {
    }

    /**
     * Shows every item held to {@code visitor}, until it returns false. Stores that collect their own garbage (an
     * IPFS node) show none, which keeps the kernel's collector away from them.
     */
    default void visitItems(ItemVisitor visitor) throws IOException {
    }

    /**
     * Deletes an item unless it was written (or unpinned) after {@code writtenBefore}: the collector decided on an
     * older view of it, and a new upload of the same bytes must not be lost. False when nothing was deleted. Only
     * the kernel calls this: its collector, and its discard of the file of a rejected STORE.
     */
    default boolean delete(ItemHash hash, Instant writtenBefore) throws IOException {
        return false;
    }

    /** Whether this store imports CAR archives ({@link #importCar}). */
    @Experimental("arrives with /api/v0/ipfs/add_car; shaped further by the IPFS content work")
    default boolean importsCars() {
        return false;
    }

    /**
     * Imports a CAR archive's blocks and, when its root is {@code expectedRoot}, pins that root as {@link #put} keeps
     * an item (until the kernel deletes it), then answers the root and the DAG's cumulative size. Only a store that
     * {@link #importsCars()} is asked.
     *
     * @throws ContentTooLargeException when more than {@code maxBytes} arrive; nothing is pinned then
     * @throws ContentMismatchException when the archive's root is another; nothing is pinned then
     */
    @Experimental("arrives with /api/v0/ipfs/add_car; shaped further by the IPFS content work")
    default ImportedDag importCar(InputStream car, long maxBytes, ItemHash expectedRoot) throws IOException {
        throw new UnsupportedOperationException(extensionName() + " does not import CAR archives");
    }

    /** Receives the items of {@link #visitItems}. */
    @FunctionalInterface
    interface ItemVisitor {

        /** Returns false to stop the visit. */
        boolean visit(StoredItem item) throws IOException;
    }
}
