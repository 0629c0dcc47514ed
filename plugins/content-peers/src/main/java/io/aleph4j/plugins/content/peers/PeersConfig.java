package io.aleph4j.plugins.content.peers;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** content-peers's config, typed: the configured peers, in the order they are asked; whether discovered ones are. */
record PeersConfig(List<URI> peers, boolean discovered, Duration timeout) {

    PeersConfig {
        peers = List.copyOf(peers);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws ConfigException naming a peer that is not an http(s) URL */
    static PeersConfig from(PluginConfig section) {
        List<URI> peers = new ArrayList<>();
        for (String peer : section.get(ContentPeersPlugin.PEERS)) {
            URI uri;
            try {
                uri = URI.create(peer.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("content-peers.peers: '" + peer + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException("content-peers.peers: '" + peer + "' is not an http(s) URL");
            }
            peers.add(uri);
        }
        return new PeersConfig(peers, section.get(ContentPeersPlugin.DISCOVERED),
                section.get(ContentPeersPlugin.TIMEOUT));
    }
}
