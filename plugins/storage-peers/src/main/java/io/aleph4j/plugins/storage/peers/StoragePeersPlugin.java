package io.aleph4j.plugins.storage.peers;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.storage.ContentStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Contributes a {@link ContentStore} that fetches missing content from peer nodes into the local store. */
public final class StoragePeersPlugin implements AlephPlugin {

    static final ConfigKey<List<String>> PEERS = ConfigKey.stringList("peers", List.of(),
            "base URLs of the nodes to fetch missing content from, tried in order (e.g. http://10.0.0.2:4024)");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofSeconds(15),
            "how long a peer may take to start answering");
    static final ConfigKey<Long> MAX_BYTES = ConfigKey.longInteger("max-bytes", 104_857_600L,
            "the largest item fetched from a peer");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(PEERS, TIMEOUT, MAX_BYTES);
    }

    @Override
    public void register(NodeContext context) {
        List<URI> peers = new ArrayList<>();
        for (String peer : context.config().get(PEERS)) {
            URI uri;
            try {
                uri = URI.create(peer.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("storage-peers.peers: '" + peer + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException("storage-peers.peers: '" + peer + "' is not an http(s) URL");
            }
            peers.add(uri);
        }
        context.contribute(ContentStore.class, new PeerContentStore(peers,
                () -> context.extensions(ContentStore.class), context.config().get(TIMEOUT),
                context.config().get(MAX_BYTES)));
    }
}
