package io.aleph4j.plugins.store.postgres;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.testkit.PluginContract;
import io.aleph4j.testkit.PostgresServer;
import java.util.Map;
import java.util.Set;

final class StorePostgresPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "store-postgres";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StorePostgresPlugin.class;
    }

    @Override
    protected Map<String, Object> startConfig() {
        return Map.of("url", PostgresServer.shared().createDatabase(), "user", PostgresServer.USER);
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(StateStore.class);
    }
}
