package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.PluginContract;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class CrnSupervisorPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "crn-supervisor";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return CrnSupervisorPlugin.class;
    }

    @Override
    protected Map<String, Object> startConfig() {
        return Map.of("port", 0);
    }

    @Override
    protected List<InlinePlugin> companions() {
        return List.of(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()));
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of();
    }
}
