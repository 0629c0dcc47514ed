package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.state.StateQueries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** One plugin's view of the node. */
public record PluginContext(String pluginId, String nodeName, PluginConfig config, Path dataDirectory, Clock clock,
                            MessageLog log, MessageIntake messageIntake, StateQueries state, ContentService content,
                            NodeExtensions nodeExtensions) implements NodeContext {

    @Override
    public <T extends Extension> List<T> extensions(Class<T> point) {
        return nodeExtensions.of(pluginId, point);
    }
}
