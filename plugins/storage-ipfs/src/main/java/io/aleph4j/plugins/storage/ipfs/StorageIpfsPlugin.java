package io.aleph4j.plugins.storage.ipfs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.storage.ContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Contributes a {@link ContentStore} on an IPFS node reached through its HTTP RPC API. */
public final class StorageIpfsPlugin implements AlephPlugin {

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

    private static final System.Logger LOG = System.getLogger(StorageIpfsPlugin.class.getName());

    private IpfsRpcClient client;

    @Override
    public void register(NodeContext context) {
        client = new IpfsRpcClient(URI.create(context.config().get(API)), context.config().get(TIMEOUT),
                context.config().get(RETRIES));
        try {
            context.contribute(ContentStore.class, new IpfsContentStore(client, context.dataDirectory(),
                    context.clock()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the IPFS pin journal in " + context.dataDirectory(), e);
        }
    }

    @Override
    public void stop() {
        client.close();
    }

    /** Says whether the IPFS node answers; a node down at start is not fatal (it may come up later). */
    @Override
    public void start(NodeContext context) {
        try {
            LOG.log(System.Logger.Level.INFO, "IPFS node at {0} answers, version {1}", context.config().get(API),
                    client.version());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the IPFS node at {0} does not answer ({1}); its content counts as "
                    + "unavailable until it does", context.config().get(API), e.getMessage());
        }
    }
}
