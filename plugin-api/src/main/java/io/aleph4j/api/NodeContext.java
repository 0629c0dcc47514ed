package io.aleph4j.api;

import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The services the kernel gives one plugin. Each plugin has its own context: {@link #config()} is its own
 * section and {@link #dataDirectory()} its own directory.
 */
public interface NodeContext {

    /** The id of the plugin this context belongs to. */
    String pluginId();

    /** The node's name, from the {@code node.name} config key. */
    String nodeName();

    /** This plugin's validated config section. */
    PluginConfig config();

    /** A directory reserved for this plugin under the node's data directory; created before register. */
    Path dataDirectory();

    /** The node's message log: append to the inbox, subscribe to inbox and events. */
    MessageLog log();

    /**
     * Where messages received from outside enter the node: parsed and checked by the kernel, then logged. A
     * transport or an API hands what it receives here rather than to {@link MessageLog#appendInbox} directly.
     */
    default MessageIntake messageIntake() {
        throw new UnsupportedOperationException("this context offers no message intake");
    }

    /** The clock every time-dependent decision should use, so that tests can control it. */
    Clock clock();

    /**
     * Contributes an extension. Only allowed during {@link AlephPlugin#register(NodeContext)}; afterwards it
     * throws {@link IllegalStateException}.
     */
    <T extends Extension> void contribute(Class<T> point, T extension);

    /**
     * Every contribution to an extension point, in plugin start order. Only allowed from
     * {@link AlephPlugin#start(NodeContext)} on, when all plugins have registered; earlier it throws
     * {@link IllegalStateException}.
     */
    <T extends Extension> List<T> extensions(Class<T> point);

    /**
     * The single contribution to an extension point.
     *
     * @throws IllegalStateException naming the point when there is none or more than one
     */
    default <T extends Extension> T extension(Class<T> point) {
        List<T> all = extensions(point);
        if (all.size() != 1) {
            throw new IllegalStateException("plugin '" + pluginId() + "' needs exactly one " + point.getSimpleName()
                    + " but the node has " + all.size());
        }
        return all.get(0);
    }
}
