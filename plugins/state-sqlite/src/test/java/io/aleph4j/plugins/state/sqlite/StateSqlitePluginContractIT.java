package io.aleph4j.plugins.state.sqlite;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class StateSqlitePluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "state-sqlite";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StateSqlitePlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(StateStore.class);
    }
}
