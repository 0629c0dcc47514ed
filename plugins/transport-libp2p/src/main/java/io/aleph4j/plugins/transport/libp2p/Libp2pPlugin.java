package io.aleph4j.plugins.transport.libp2p;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.network.Transport;
import java.util.List;

/**
 * Contributes a {@link Transport} on libp2p gossipsub, as the reference's p2p-service speaks it. The node builds the
 * transport; this entry starts its sidecar when the plugin starts (the node closes it after the plugin stops).
 */
public final class Libp2pPlugin implements AlephPlugin {

    @Override
    public List<ConfigKey<?>> configKeys() {
        return Libp2pConfig.KEYS;
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(Libp2pConfig.class, config -> Libp2pConfig.from(config,
                registrar.context().dataDirectory()));
        registrar.extension(Transport.class, Libp2pTransport.class);
    }

    @Override
    public void start(NodeContext context) throws Exception {
        for (Transport transport : context.extensions(Transport.class)) {
            if (transport instanceof Libp2pTransport libp2p) {
                libp2p.start();
            }
        }
    }
}
