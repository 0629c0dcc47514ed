package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** One plugin's view of the node. */
public record PluginNodeContext(String pluginId, String nodeName, PluginConfig config, Path dataDirectory,
                                MessageLog log, MessageIntake messageIntake, Clock clock,
                                ExtensionRegistry registry) implements NodeContext {

    @Override
    public <T extends Extension> void contribute(Class<T> point, T extension) {
        registry.contribute(pluginId, point, extension);
    }

    @Override
    public <T extends Extension> List<T> extensions(Class<T> point) {
        return registry.extensions(pluginId, point);
    }
}
