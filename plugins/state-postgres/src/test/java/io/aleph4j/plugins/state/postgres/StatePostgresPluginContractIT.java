package io.aleph4j.plugins.state.postgres;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.testkit.PluginContract;
import io.aleph4j.testkit.PostgresServer;
import java.util.Map;
import java.util.Set;

final class StatePostgresPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "state-postgres";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return StatePostgresPlugin.class;
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
