package io.aleph4j.plugins.scheduler;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.PluginContract;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class SchedulerPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "scheduler";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return SchedulerPlugin.class;
    }

    @Override
    protected Map<String, Object> startConfig() {
        return Map.of("node-hash", "c".repeat(64), "every", "1s");
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
