package io.aleph4j.plugins.content.ipfs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.content.ContentStore;
import java.time.Duration;
import java.util.List;

/**
 * Contributes a {@link ContentStore} on an IPFS node reached through its HTTP RPC API. The node builds the RPC client
 * (a service of this plugin, closed by the node when it stops) and the store that uses it.
 */
public final class ContentIpfsPlugin implements AlephPlugin {

    static final ConfigKey<String> API = ConfigKey.string("api", "http://127.0.0.1:5001/api/v0",
            "the IPFS node's HTTP RPC API");
    static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofSeconds(30),
            "how long one call may take; content the node cannot find within it counts as unavailable");
    static final ConfigKey<Integer> RETRIES = ConfigKey.integer("retries", 3,
            "how many times a call that failed to connect is tried again (with doubling pauses)");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(API, TIMEOUT, RETRIES);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(IpfsConfig.class, IpfsConfig::from);
        registrar.service(IpfsRpcClient.class, IpfsRpcClient.class);
        registrar.extension(ContentStore.class, IpfsContentStore.class);
    }
}
