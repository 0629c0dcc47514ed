package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentSource;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.CorruptContentException;
import io.aleph4j.api.content.ImportedDag;
import io.aleph4j.api.content.NoContentStoreException;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.kernel.internal.config.KernelConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one content service: the content stores in plugin start order, then the content sources for what none
 * holds (fetched into the first store that accepts the item's addressing, which checks the bytes against the address
 * as it writes them). Plugins get it as {@link ContentService}; the kernel's pipeline, pins and collector use it
 * too. The stores and sources are attached once every plugin's extensions are built; before that it holds none.
 */
@Singleton
public final class KernelContentService implements ContentService {

    private static final Logger LOG = LoggerFactory.getLogger(KernelContentService.class);

    private final long maxFetchBytes;
    private volatile List<ContentStore> stores = List.of();
    private volatile List<ContentSource> sources = List.of();
    /** Fetches under way: a second asker of the same item waits for the first fetch instead of starting another. */
    private final ConcurrentHashMap<ItemHash, CompletableFuture<Boolean>> fetching = new ConcurrentHashMap<>();

    @Inject
    public KernelContentService(KernelConfig config) {
        this(config.contentMaxFetchBytes());
    }

    public KernelContentService(long maxFetchBytes) {
        this.maxFetchBytes = maxFetchBytes;
    }

    /** Called once the extensions are built, in plugin start order. */
    public void attach(List<ContentStore> contentStores, List<ContentSource> contentSources) {
        this.stores = List.copyOf(contentStores);
        this.sources = List.copyOf(contentSources);
    }

    /** The content stores, in lookup order: what the pins and the collector go through. */
    public List<ContentStore> stores() {
        return stores;
    }

    @Override
    public boolean accepts(ItemType addressing) {
        return stores.stream().anyMatch(store -> store.accepts(addressing));
    }

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException {
        return storeFor(addressing).put(content, addressing, maxBytes);
    }

    @Override
    public ItemHash putExpecting(InputStream content, ItemType addressing, long maxBytes, ItemHash expected)
            throws IOException {
        return storeFor(addressing).putExpecting(content, addressing, maxBytes, expected);
    }

    @Override
    public Optional<StoredContent> find(ItemHash hash) throws IOException {
        CorruptContentException corruption = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            for (ContentStore store : stores) {
                try {
                    Optional<StoredContent> found = store.find(hash);
                    if (found.isPresent()) {
                        return found;
                    }
                } catch (CorruptContentException e) {
                    // The store set its copy aside; another store, or a source, may have a sound one.
                    corruption = e;
                } catch (IOException e) {
                    LOG.debug("{} could not look up {}; the next store is asked", store.extensionName(), hash, e);
                }
            }
            if (attempt == 0 && !fetch(hash)) {
                break;
            }
        }
        if (corruption != null) {
            throw corruption;
        }
        return Optional.empty();
    }

    @Override
    public boolean obtain(ItemHash hash) throws IOException {
        return holds(hash) || fetch(hash);
    }

    @Override
    public Optional<Long> size(ItemHash hash) throws IOException {
        for (ContentStore store : stores) {
            Optional<Long> size = store.size(hash);
            if (size.isPresent()) {
                return size;
            }
        }
        return Optional.empty();
    }

    /** Whether a store holds the item; a store failing to answer counts as not holding it (yet). */
    private boolean holds(ItemHash hash) {
        for (ContentStore store : stores) {
            try {
                if (store.exists(hash)) {
                    return true;
                }
            } catch (IOException e) {
                LOG.debug("{} could not tell whether it has {}", store.extensionName(), hash, e);
            }
        }
        return false;
    }

    /** Fetches the item from the first source that has bytes matching it; false when none has. */
    private boolean fetch(ItemHash hash) throws IOException {
        if (sources.isEmpty()) {
            return false;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = fetching.putIfAbsent(hash, mine);
        if (running != null) {
            return awaitOther(running);
        }
        try {
            boolean fetched = fetchFromSources(hash);
            mine.complete(fetched);
            return fetched;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            fetching.remove(hash, mine);
        }
    }

    private boolean fetchFromSources(ItemHash hash) throws IOException {
        ItemType addressing = hash.isSha256() ? ItemType.STORAGE : ItemType.IPFS;
        Optional<ContentStore> local = stores.stream().filter(store -> store.accepts(addressing)).findFirst();
        if (local.isEmpty()) {
            return false;
        }
        for (ContentSource source : sources) {
            List<ContentSource.Candidate> candidates;
            try {
                candidates = source.candidates(hash);
            } catch (RuntimeException e) {
                LOG.warn("{} failed to name candidates for {}", source.extensionName(), hash, e);
                continue;
            }
            for (ContentSource.Candidate candidate : candidates) {
                if (fetchFrom(candidate, hash, addressing, local.get())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Streams what one candidate serves into the local store, which keeps it only if it matches the address. */
    private boolean fetchFrom(ContentSource.Candidate candidate, ItemHash hash, ItemType addressing,
                              ContentStore local) {
        Optional<InputStream> bytes;
        try {
            bytes = candidate.open();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} could not serve {}: {}", candidate.description(), hash, e.toString());
            return false;
        }
        if (bytes.isEmpty()) {
            return false;
        }
        try (InputStream in = bytes.get()) {
            local.putExpecting(in, addressing, maxFetchBytes, hash);
            LOG.debug("fetched {} from {} into {}", hash, candidate.description(), local.extensionName());
            return true;
        } catch (ContentMismatchException e) {
            LOG.warn("{} served bytes hashing to {} for {}; not kept", candidate.description(), e.actual(), hash);
        } catch (ContentTooLargeException e) {
            LOG.warn("{} served more than {} bytes for {}; not kept (node.content.max-fetch-bytes)",
                    candidate.description(), maxFetchBytes, hash);
        } catch (IOException e) {
            // A transfer that broke off (or a local store that failed): nothing was kept; try the next candidate.
            LOG.debug("{} failed while serving {}: {}", candidate.description(), hash, e.toString());
        }
        return false;
    }

    private static boolean awaitOther(CompletableFuture<Boolean> running) throws IOException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while another thread fetched the item", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("fetching the item failed", e.getCause());
        }
    }

    @Override
    public boolean importsCars() {
        return stores.stream().anyMatch(ContentStore::importsCars);
    }

    /** The first store that imports CAR archives takes it. */
    @Override
    public ImportedDag importCar(InputStream car, long maxBytes, ItemHash expectedRoot) throws IOException {
        ContentStore store = stores.stream().filter(ContentStore::importsCars).findFirst()
                .orElseThrow(() -> new NoContentStoreException(ItemType.IPFS));
        return store.importCar(car, maxBytes, expectedRoot);
    }

    private ContentStore storeFor(ItemType addressing) throws NoContentStoreException {
        for (ContentStore store : stores) {
            if (store.accepts(addressing)) {
                return store;
            }
        }
        throw new NoContentStoreException(addressing);
    }
}
