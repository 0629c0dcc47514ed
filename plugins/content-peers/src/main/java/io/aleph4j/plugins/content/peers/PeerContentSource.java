package io.aleph4j.plugins.content.peers;

import io.aleph4j.api.content.ContentSource;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.network.PeerDirectory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * Content other nodes hold: when no content store of this node has an item, the kernel's content service asks this
 * source for its candidates, one per peer (the configured ones in their order, then those the network discovered, in
 * random order), and opens them in turn: each asks its peer for
 * {@code GET /api/v0/storage/raw/{hash}}. The kernel streams a 200 answer into a local store, which keeps it only if
 * it hashes to the address asked for, else goes on to the next peer: a peer cannot make this node hold or serve bytes
 * under a hash they do not have.
 */
final class PeerContentSource implements ContentSource {

    private static final System.Logger LOG = System.getLogger(PeerContentSource.class.getName());

    private final List<URI> peers;
    private final Supplier<List<URI>> discovered;
    private final Duration timeout;
    private final HttpClient http;

    @Inject
    PeerContentSource(PeersConfig config, PeerDirectory directory) {
        this(config.peers(), config.discovered() ? directory::apiServers : List::of, config.timeout());
    }

    PeerContentSource(List<URI> peers, Duration timeout) {
        this(peers, List::of, timeout);
    }

    PeerContentSource(List<URI> peers, Supplier<List<URI>> discovered, Duration timeout) {
        this.peers = List.copyOf(peers);
        this.discovered = discovered;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String extensionName() {
        return "content-peers";
    }

    @Override
    public List<Candidate> candidates(ItemHash hash) {
        List<URI> asked = new ArrayList<>(peers);
        List<URI> found = new ArrayList<>(discovered.get());
        Collections.shuffle(found);
        for (URI peer : found) {
            if (!asked.contains(peer)) {
                asked.add(peer);
            }
        }
        return asked.stream().<Candidate>map(peer -> new Candidate() {
            @Override
            public String description() {
                return "peer " + peer;
            }

            @Override
            public Optional<InputStream> open() throws IOException {
                return openFrom(peer, hash);
            }
        }).toList();
    }

    private Optional<InputStream> openFrom(URI peer, ItemHash hash) throws IOException {
        URI raw = peer.resolve("/api/v0/storage/raw/" + hash.value());
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(raw).timeout(timeout).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                return Optional.empty();
            }
            LOG.log(System.Logger.Level.DEBUG, "peer {0} serves {1}", peer, hash);
            return Optional.of(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking peer " + peer + " for " + hash, e);
        }
    }
}
