package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class StateRocksdbPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "state-rocksdb";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StateRocksdbPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(StateStore.class);
    }
}
