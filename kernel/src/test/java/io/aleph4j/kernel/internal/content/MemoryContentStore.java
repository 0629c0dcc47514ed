package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.content.StoredItem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written content store for the content code's tests (the kernel's tests cannot load content-fs): items
 * with a write time, pins and unpins recorded, and pins that fail a set number of times first.
 */
final class MemoryContentStore implements ContentStore {

    final Map<ItemHash, Instant> items = new ConcurrentHashMap<>();
    final List<ItemHash> pinned = new CopyOnWriteArrayList<>();
    final List<ItemHash> unpinned = new CopyOnWriteArrayList<>();
    final AtomicInteger pinFailuresLeft = new AtomicInteger();

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) {
        throw new UnsupportedOperationException("the content code does not upload");
    }

    @Override
    public Optional<StoredContent> find(ItemHash hash) {
        throw new UnsupportedOperationException("the content code does not read content");
    }

    @Override
    public boolean exists(ItemHash hash) {
        return items.containsKey(hash);
    }

    @Override
    public void pin(ItemHash hash, String owner) throws IOException {
        if (pinFailuresLeft.getAndDecrement() > 0) {
            throw new IOException("the pinning node is down");
        }
        pinned.add(hash);
    }

    @Override
    public void unpin(ItemHash hash, String owner) {
        unpinned.add(hash);
    }

    @Override
    public void visitItems(ItemVisitor visitor) throws IOException {
        for (Map.Entry<ItemHash, Instant> item : items.entrySet()) {
            if (!visitor.visit(new StoredItem(item.getKey(), 1, item.getValue()))) {
                return;
            }
        }
    }

    @Override
    public boolean delete(ItemHash hash, Instant writtenBefore) {
        Instant written = items.get(hash);
        return written != null && written.isBefore(writtenBefore) && items.remove(hash) != null;
    }
}
