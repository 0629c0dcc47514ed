package io.aleph4j.plugins.content.peers;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.content.ContentSource;
import java.time.Duration;
import java.util.List;

/**
 * Contributes a {@link ContentSource}: content this node's stores do not hold is fetched from peer nodes, through the
 * kernel's content service, into the local store. The peers are configured, and discovered by the kernel's
 * {@link io.aleph4j.api.network.PeerDirectory} from the network's announcements.
 */
public final class ContentPeersPlugin implements AlephPlugin {

    static final ConfigKey<List<String>> PEERS = ConfigKey.stringList("peers", List.of(),
            "base URLs of the nodes to fetch missing content from, tried in order (e.g. http://10.0.0.2:4024)");
    static final ConfigKey<Boolean> DISCOVERED = ConfigKey.bool("discovered", true,
            "whether the nodes the P2P network discovered (HTTP APIs announced on ALIVE that answer) are asked too, "
                    + "after the configured peers, in random order as the reference asks its api_servers");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofSeconds(15),
            "how long a peer may take to start answering");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(PEERS, DISCOVERED, TIMEOUT);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(PeersConfig.class, PeersConfig::from);
        registrar.extension(ContentSource.class, PeerContentSource.class);
    }
}
