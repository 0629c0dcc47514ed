package io.aleph4j.plugins.transport.libp2p;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.network.Transport;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class TransportLibp2pPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "transport-libp2p";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return Libp2pPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(Transport.class);
    }
}
