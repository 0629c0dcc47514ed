package io.aleph4j.plugins.storage.peers;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class StoragePeersPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "storage-peers";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StoragePeersPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ContentStore.class);
    }
}
