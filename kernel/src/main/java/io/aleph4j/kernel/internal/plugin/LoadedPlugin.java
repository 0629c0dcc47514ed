package io.aleph4j.kernel.internal.plugin;

import com.google.inject.Injector;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.kernel.PluginInfo;

/**
 * A plugin whose entry object exists and whose config section is validated.
 *
 * @param injector the plugin's injector: its context and entry object, the parent of its extensions' injector
 */
public record LoadedPlugin(PluginCandidate candidate, AlephPlugin plugin, PluginContext context, Injector injector) {

    public String id() {
        return candidate.id();
    }

    public String label() {
        return candidate.label();
    }

    public PluginInfo info() {
        return new PluginInfo(candidate.id(), candidate.version(), candidate.source(), candidate.dependencyIds());
    }
}
