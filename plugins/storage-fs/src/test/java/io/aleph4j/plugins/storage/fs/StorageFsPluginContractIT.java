package io.aleph4j.plugins.storage.fs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class StorageFsPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "storage-fs";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StorageFsPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ContentStore.class);
    }
}
