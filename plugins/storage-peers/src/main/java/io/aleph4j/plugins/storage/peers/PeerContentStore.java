package io.aleph4j.plugins.storage.peers;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.storage.ContentMismatchException;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.ContentTooLargeException;
import io.aleph4j.api.storage.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Content other nodes hold, fetched on demand: when a message's content or a STORE's file is not in the local store,
 * this store asks each peer for {@code GET /api/v0/storage/raw/{hash}} in turn, streams the answer into the local
 * store (which computes its address as it writes) and keeps it only when that address is the one asked for: a peer
 * cannot make this node hold or serve bytes under a hash they do not have. What a peer served wrongly is left
 * unreferenced, for the kernel's collector. It takes no uploads and lists no items: what it fetched lives in the
 * local store. Addresses a local store can recompute are fetched: sha256 and CIDv0.
 */
public final class PeerContentStore implements ContentStore {

    private static final System.Logger LOG = System.getLogger(PeerContentStore.class.getName());

    private final List<URI> peers;
    private final Supplier<List<ContentStore>> localStores;
    private final Duration timeout;
    private final long maxBytes;
    private final HttpClient http;

    PeerContentStore(List<URI> peers, Supplier<List<ContentStore>> localStores, Duration timeout, long maxBytes) {
        this.peers = List.copyOf(peers);
        this.localStores = localStores;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String extensionName() {
        return "storage-peers";
    }

    @Override
    public boolean accepts(ItemType addressing) {
        return false;
    }

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException {
        throw new IOException("storage-peers takes no uploads; it fetches into the local store");
    }

    @Override
    public Optional<StoredContent> find(ItemHash hash) throws IOException {
        Optional<ContentStore> local = fetch(hash);
        return local.isEmpty() ? Optional.empty() : local.get().find(hash);
    }

    @Override
    public boolean exists(ItemHash hash) throws IOException {
        return fetch(hash).isPresent();
    }

    /** The local store holding {@code hash} after fetching it from a peer if needed, or empty. */
    private Optional<ContentStore> fetch(ItemHash hash) throws IOException {
        ItemType addressing = addressingOf(hash);
        Optional<ContentStore> local = localStores.get().stream().filter(store -> store != this)
                .filter(store -> store.accepts(addressing)).findFirst();
        if (local.isEmpty()) {
            return Optional.empty();
        }
        if (local.get().exists(hash)) {
            return local;
        }
        for (URI peer : peers) {
            if (fetchFrom(peer, hash, addressing, local.get())) {
                return local;
            }
        }
        return Optional.empty();
    }

    private boolean fetchFrom(URI peer, ItemHash hash, ItemType addressing, ContentStore local) {
        URI raw = peer.resolve("/api/v0/storage/raw/" + hash.value());
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(raw).timeout(timeout).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return false;
                }
                local.putExpecting(body, addressing, maxBytes, hash);
                LOG.log(System.Logger.Level.DEBUG, "fetched {0} from peer {1}", hash, peer);
                return true;
            }
        } catch (ContentMismatchException e) {
            LOG.log(System.Logger.Level.WARNING, "peer {0} served content hashing to {1} for {2}; not used",
                    peer, e.actual(), hash);
            return false;
        } catch (ContentTooLargeException e) {
            LOG.log(System.Logger.Level.WARNING, "peer {0} served more than {1} bytes for {2}; not used", peer,
                    maxBytes, hash);
            return false;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "peer " + peer + " could not serve " + hash + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How this address is kept: sha256 as {@code storage}, any CID as {@code ipfs}. The local store checks the bytes
     * against the address in its own form (a CIDv1 as {@code ipfs add --cid-version=1} makes it); bytes made with
     * other import settings do not match and are not kept.
     */
    private static ItemType addressingOf(ItemHash hash) {
        return hash.isSha256() ? ItemType.STORAGE : ItemType.IPFS;
    }
}
