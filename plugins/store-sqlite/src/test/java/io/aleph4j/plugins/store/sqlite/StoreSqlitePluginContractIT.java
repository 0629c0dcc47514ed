package io.aleph4j.plugins.store.sqlite;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class StoreSqlitePluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "store-sqlite";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StoreSqlitePlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(StateStore.class);
    }
}
